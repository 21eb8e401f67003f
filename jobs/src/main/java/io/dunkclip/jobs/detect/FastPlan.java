package io.dunkclip.jobs.detect;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.segment.KeyframeWindows;
import io.dunkclip.segment.SegmentPlanner;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fast mode on the driver: from the keyframe scores of the coarse pass, the segments to decode and score frame by
 * frame ({@link KeyframeWindows} around keyframes scoring at least {@link DetectConfig#FAST_SUSPECT_SCORE}, or the
 * exit threshold when lower, cut into tasks of at most about {@code segmentFrames}), and the coarse scores of the
 * keyframes outside them, kept for the scores dataset.
 *
 * <p>A tape whose keyframes are further apart than {@code maxKeyframeSeconds} ({@link #fullyScored}) is one window,
 * the whole tape: fast mode's premise, that every clip holds a keyframe, does not hold for it. Its keyframes need no
 * coarse pass.
 *
 * <p>A keyframe the coarse pass could not decode has no score and lies in a window, so the full pass meets the same
 * damage and reports it as detect always does; the coarse pass's own errors are therefore not reported twice.
 *
 * @param segments what the full pass decodes
 * @param outside one single-frame entry per keyframe scored outside the windows (all below the window threshold, so
 *     below the exit threshold too)
 * @param windowFrames frames in the windows
 * @param fullyScored the tapes scored in full because their keyframes are too far apart, in input order
 */
record FastPlan(List<TapeSegment> segments, List<SegmentScores> outside, long windowFrames,
    List<FullyScoredTape> fullyScored) {

  /**
   * The tapes whose longest keyframe interval (frames from a keyframe to the next, or to the tape's end, over the
   * frame rate) is longer than {@code maxKeyframeSeconds}, in input order.
   */
  static List<FullyScoredTape> fullyScored(ProbedTapes probed, double maxKeyframeSeconds) {
    List<FullyScoredTape> full = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      TapeInfo info = probed.infos().get(tape.name());
      double rate = info.frameRate() > 0 ? info.frameRate() : 30;
      double seconds = KeyframeWindows.longestInterval(info.frameCount(), keyframes(info)) / rate;
      if (seconds > maxKeyframeSeconds + 1e-9) {
        full.add(new FullyScoredTape(tape.name(), seconds, maxKeyframeSeconds));
      }
    }
    return List.copyOf(full);
  }

  /**
   * The plan from the coarse pass's keyframe scores; {@code fullyScored} ({@link #fullyScored}, found before the
   * coarse pass, which skips those tapes) are each one window, the whole tape.
   */
  static FastPlan plan(ProbedTapes probed, List<KeyframeScores> coarse, double exitThreshold, int margin,
      int segmentFrames, List<FullyScoredTape> fullyScored) {
    Set<String> whole = new HashSet<>();
    fullyScored.forEach(tape -> whole.add(tape.video()));
    double windowThreshold = Math.min(exitThreshold, DetectConfig.FAST_SUSPECT_SCORE);
    Map<String, Map<Long, Float>> byTape = new HashMap<>();
    for (KeyframeScores part : coarse) {
      Map<Long, Float> scores = byTape.computeIfAbsent(part.video(), v -> new HashMap<>());
      for (int i = 0; i < part.frames().length; i++) {
        scores.put(part.frames()[i], part.scores()[i]);
      }
    }
    List<TapeSegment> segments = new ArrayList<>();
    List<SegmentScores> outside = new ArrayList<>();
    long windowFrames = 0;
    for (TapeRef tape : probed.tapes()) {
      TapeInfo info = probed.infos().get(tape.name());
      long[] keyframes = keyframes(info);
      Map<Long, Float> known = byTape.getOrDefault(tape.name(), Map.of());
      double[] scores = new double[keyframes.length];
      for (int i = 0; i < keyframes.length; i++) {
        Float score = known.get(keyframes[i]);
        scores[i] = score == null ? Double.NaN : score;
      }
      List<FrameRange> windows = whole.contains(tape.name())
          ? (info.frameCount() > 0 ? List.of(FrameRange.of(0, info.frameCount() - 1)) : List.of())
          : KeyframeWindows.windows(info.frameCount(), keyframes, scores, windowThreshold, margin);
      for (FrameRange window : windows) {
        windowFrames += window.length();
        for (FrameRange range : SegmentPlanner.plan(window, segmentFrames, keyframes)) {
          segments.add(new TapeSegment(tape, range.first(), range.last()));
        }
      }
      for (int i = 0; i < keyframes.length; i++) {
        if (!Double.isNaN(scores[i]) && !inside(windows, keyframes[i])) {
          outside.add(new SegmentScores(tape.name(), keyframes[i], new float[] {(float) scores[i]}, List.of(), null));
        }
      }
    }
    return new FastPlan(List.copyOf(segments), List.copyOf(outside), windowFrames, fullyScored);
  }

  /** The tape's keyframes inside it, ascending, each once. */
  private static long[] keyframes(TapeInfo info) {
    return Arrays.stream(info.keyframeIndices()).filter(k -> k >= 0 && k < info.frameCount()).sorted().distinct()
        .toArray();
  }

  private static boolean inside(List<FrameRange> windows, long frame) {
    for (FrameRange window : windows) {
      if (window.contains(frame)) {
        return true;
      }
    }
    return false;
  }
}
