package io.dunkclip.api;

import io.dunkclip.interval.ClipSettings;

/**
 * How per-frame scores become clips: detect's clip policy ({@code dunkclip detect --help}), with the threshold always
 * given (a notebook is where thresholds are tried). The rules are detect's, checked in one place
 * ({@link ClipSettings}).
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
    new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  /** detect's defaults with this threshold (and the same exit threshold). */
  public static ClipOptions threshold(double threshold) {
    ClipSettings defaults = ClipSettings.DEFAULTS;
    return new ClipOptions(threshold, threshold, defaults.minSeconds(), defaults.maxGapSeconds(),
        defaults.padSeconds(), defaults.smoothSeconds());
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

  /** These options as detect's clip settings. */
  ClipSettings settings() {
    return new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }
}
