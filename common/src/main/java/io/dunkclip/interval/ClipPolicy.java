package io.dunkclip.interval;

import java.io.Serializable;

/**
 * How {@link ClipBuilder} turns runs of high-scoring frames into clips.
 *
 * <p>Hysteresis: a frame joins a run at {@code exitThreshold}, but a run only becomes a clip when
 * some frame in it reaches {@code enterThreshold}. Then runs at most {@code maxGapFrames} apart are
 * merged, detections shorter than {@code minFrames} dropped, and each clip padded by
 * {@code padBeforeFrames} and {@code padAfterFrames}. See {@link ClipBuilder} for the exact order.
 *
 * @param enterThreshold a run is kept only if its best frame scores at least this, in [0, 1]
 * @param exitThreshold a frame belongs to a run when it scores at least this, in [0, enter]
 * @param minFrames detections spanning fewer frames are dropped, at least 1
 * @param maxGapFrames runs separated by at most this many frames are merged, 0 or more
 * @param padBeforeFrames frames added before each clip, 0 or more
 * @param padAfterFrames frames added after each clip, 0 or more
 */
public record ClipPolicy(
    double enterThreshold,
    double exitThreshold,
    long minFrames,
    long maxGapFrames,
    long padBeforeFrames,
    long padAfterFrames)
    implements Serializable {

  public ClipPolicy {
    requireProbability("enter-threshold", enterThreshold);
    requireProbability("exit-threshold", exitThreshold);
    if (exitThreshold > enterThreshold) {
      throw new IllegalArgumentException(
          "Cannot create clip policy: the exit threshold must not be above the enter threshold "
              + enterThreshold + " (exit-threshold=" + exitThreshold + ")");
    }
    if (minFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot create clip policy: a clip must be at least 1 frame long (min-frames="
              + minFrames + ")");
    }
    requireNotNegative("max-gap-frames", maxGapFrames);
    requireNotNegative("pad-before-frames", padBeforeFrames);
    requireNotNegative("pad-after-frames", padAfterFrames);
  }

  /**
   * The original single-threshold behaviour: every maximal run of frames scoring at least
   * {@code threshold} is one clip, unpadded and unmerged.
   */
  public static ClipPolicy threshold(double threshold) {
    return new ClipPolicy(threshold, threshold, 1, 0, 0, 0);
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          "Cannot create clip policy: thresholds must be in [0, 1] (" + name + "=" + value + ")");
    }
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "Cannot create clip policy: frame counts must be 0 or more (" + name + "=" + value + ")");
    }
  }
}
