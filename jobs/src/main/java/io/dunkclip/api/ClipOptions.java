package io.dunkclip.api;

import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.extract.ExtractConfig;

/**
 * How per-frame scores become clips: detect's clip policy ({@code dunkclip detect --help}), with the threshold always
 * given (a notebook is where thresholds are tried).
 *
 * @param threshold a clip needs a frame scoring at least this
 * @param exitThreshold a clip's frames score at least this (hysteresis); at most {@code threshold}
 * @param minSeconds shorter detections are dropped
 * @param maxGapSeconds detections at most this far apart are merged
 * @param padSeconds added before and after each clip, clamped to the tape
 */
public record ClipOptions(double threshold, double exitThreshold, double minSeconds, double maxGapSeconds,
    double padSeconds) implements java.io.Serializable {

  public ClipOptions {
    toDetectConfig(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds).exit(threshold);
  }

  /** detect's defaults with this threshold (and the same exit threshold). */
  public static ClipOptions threshold(double threshold) {
    return new ClipOptions(threshold, threshold, DetectConfig.MIN_SECONDS_DEFAULT,
        DetectConfig.MAX_GAP_SECONDS_DEFAULT, DetectConfig.PAD_SECONDS_DEFAULT);
  }

  public ClipOptions withExitThreshold(double exit) {
    return new ClipOptions(threshold, exit, minSeconds, maxGapSeconds, padSeconds);
  }

  public ClipOptions withMinSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, seconds, maxGapSeconds, padSeconds);
  }

  public ClipOptions withMaxGapSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, minSeconds, seconds, padSeconds);
  }

  public ClipOptions withPadSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, minSeconds, maxGapSeconds, seconds);
  }

  DetectConfig toDetectConfig() {
    return toDetectConfig(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds);
  }

  private static DetectConfig toDetectConfig(double threshold, double exit, double min, double gap, double pad) {
    // Only the clip policy of this config is used: the input is a placeholder the record requires.
    return new DetectConfig("(scores)", null, null, threshold, exit, min, gap, pad, ExtractConfig.DEFAULT_SEGMENT_FRAMES,
        DetectConfig.BATCH_SIZE_DEFAULT);
  }
}
