package io.dunkclip.jobs.detect;

import io.dunkclip.interval.ClipPolicy;

/**
 * Options of {@code dunkclip detect}.
 *
 * @param threshold single decision threshold; null uses the one stored in the model (0.95 unless trained
 *     otherwise)
 * @param segmentFrames frames per Spark task, as in extract
 * @param batchSize frames per inference call
 */
public record DetectConfig(String input, String model, String output, Double threshold, int segmentFrames,
    int batchSize) implements java.io.Serializable {
  public static final int BATCH_SIZE_DEFAULT = 64;

  public DetectConfig {
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "Cannot detect: the threshold must be in (0, 1] (threshold=" + threshold + ")");
    }
    if (segmentFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot detect: a segment needs at least 1 frame (segment-frames=" + segmentFrames + ")");
    }
  }

  ClipPolicy policy(double modelThreshold) {
    return ClipPolicy.threshold(threshold != null ? threshold : modelThreshold);
  }
}
