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
 * @param smoothSeconds the scores are smoothed by a moving median over this before they become clips, as detect does;
 *     0 turns it off
 */
public record ClipOptions(double threshold, double exitThreshold, double minSeconds, double maxGapSeconds,
    double padSeconds, double smoothSeconds) implements java.io.Serializable {

  public ClipOptions {
    toDetectConfig(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds).exit(threshold);
  }

  /** With detect's default smoothing. */
  public ClipOptions(double threshold, double exitThreshold, double minSeconds, double maxGapSeconds,
      double padSeconds) {
    this(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, DetectConfig.SMOOTH_SECONDS_DEFAULT);
  }

  /** detect's defaults with this threshold (and the same exit threshold). */
  public static ClipOptions threshold(double threshold) {
    return new ClipOptions(threshold, threshold, DetectConfig.MIN_SECONDS_DEFAULT,
        DetectConfig.MAX_GAP_SECONDS_DEFAULT, DetectConfig.PAD_SECONDS_DEFAULT, DetectConfig.SMOOTH_SECONDS_DEFAULT);
  }

  public ClipOptions withExitThreshold(double exit) {
    return new ClipOptions(threshold, exit, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  public ClipOptions withMinSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, seconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  public ClipOptions withMaxGapSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, minSeconds, seconds, padSeconds, smoothSeconds);
  }

  public ClipOptions withPadSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, minSeconds, maxGapSeconds, seconds, smoothSeconds);
  }

  /** Smoothing over {@code seconds}; 0 turns it off. */
  public ClipOptions withSmoothSeconds(double seconds) {
    return new ClipOptions(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, seconds);
  }

  DetectConfig toDetectConfig() {
    return toDetectConfig(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  private static DetectConfig toDetectConfig(double threshold, double exit, double min, double gap, double pad,
      double smooth) {
    // Only the clip policy and smoothing of this config are used: the input is a placeholder the record requires.
    return new DetectConfig("(scores)", null, null, threshold, exit, min, gap, pad,
        ExtractConfig.DEFAULT_SEGMENT_FRAMES, DetectConfig.BATCH_SIZE_DEFAULT).withSmoothSeconds(smooth);
  }
}
