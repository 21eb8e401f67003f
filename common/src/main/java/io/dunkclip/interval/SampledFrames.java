package io.dunkclip.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verdicts on every {@code step}-th frame of a tape (frames {@code 0, step, 2*step, ...}), spread to all its frames and
 * reduced to ranges by the clip rules of detect ({@link RunReducer}, {@link ClipBuilder}).
 *
 * <p>Each frame takes the score of the sampled frame nearest to it; halfway between two samples (even {@code step})
 * the earlier one wins. So a run of detected samples {@code a..b} covers frames {@code a - floor((step - 1) / 2)} to
 * {@code b + floor(step / 2)}: an edge is off by at most half a step either way, where holding each sample until the
 * next one would put every start up to a whole step late. Frames after the last sample take its score.
 */
public final class SampledFrames {

  private SampledFrames() {}

  /** How many frames of a tape of {@code frameCount} frames are sampled: {@code 0, step, 2*step, ...}. */
  public static int sampleCount(long frameCount, int step) {
    requireShape(frameCount, step);
    long samples = frameCount == 0 ? 0 : (frameCount - 1) / step + 1;
    if (samples > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Cannot sample frames: too many samples for one tape; sample fewer frames"
          + " (frames=" + frameCount + ", step=" + step + ")");
    }
    return (int) samples;
  }

  /**
   * Every frame's score: that of the nearest sample.
   *
   * @param frameCount frames of the tape, the last one {@code frameCount - 1}
   * @param step the distance between sampled frames, 1 or more
   * @param sampleScores the score of frame {@code i * step} at {@code i}; exactly {@link #sampleCount} of them
   */
  public static double[] spread(long frameCount, int step, double[] sampleScores) {
    Objects.requireNonNull(sampleScores, "sampleScores");
    int samples = sampleCount(frameCount, step);
    if (sampleScores.length != samples) {
      throw new IllegalArgumentException("Cannot spread sampled scores: a tape of " + frameCount + " frames sampled"
          + " every " + step + " has " + samples + " samples; pass one score for each (scores="
          + sampleScores.length + ")");
    }
    if (frameCount > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Cannot spread sampled scores: the tape has too many frames for one array (frames=" + frameCount + ")");
    }
    double[] scores = new double[(int) frameCount];
    for (int frame = 0; frame < scores.length; frame++) {
      // Nearest sample, ties to the earlier one: the sample at or before, unless the next is strictly closer.
      int before = frame / step;
      int offset = frame - before * step;
      int nearest = before + 1 < samples && step - offset < offset ? before + 1 : before;
      scores[frame] = sampleScores[nearest];
    }
    return scores;
  }

  /**
   * The clips of a tape whose sampled frames scored {@code sampleScores}: the scores spread to every frame
   * ({@link #spread}), then the runs of frames scoring at least the policy's exit threshold that reach its enter
   * threshold, bridged, dropped when short and padded as {@link ClipBuilder} does.
   */
  public static List<Clip> clips(long frameCount, int step, double[] sampleScores, ClipPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    double[] scores = spread(frameCount, step, sampleScores);
    return ClipBuilder.clips(RunReducer.runs(0, scores, policy.exitThreshold()), frameCount, policy);
  }

  /** The frames of {@link #clips}, in order. */
  public static List<FrameRange> ranges(long frameCount, int step, double[] sampleScores, ClipPolicy policy) {
    List<FrameRange> ranges = new ArrayList<>();
    for (Clip clip : clips(frameCount, step, sampleScores, policy)) {
      ranges.add(clip.range());
    }
    return List.copyOf(ranges);
  }

  private static void requireShape(long frameCount, int step) {
    if (frameCount < 0 || step < 1) {
      throw new IllegalArgumentException("Cannot sample frames: need 0 or more frames and a step of 1 or more"
          + " (frames=" + frameCount + ", step=" + step + ")");
    }
  }
}
