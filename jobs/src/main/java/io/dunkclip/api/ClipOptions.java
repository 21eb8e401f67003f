package io.dunkclip.api;

import io.dunkclip.interval.ClipSettings;
import java.io.Serializable;

/**
 * How per-frame scores become clips: detect's clip settings ({@code dunkclip detect --help}) with the threshold always
 * given (a notebook is where thresholds are tried). It holds a {@link ClipSettings} and only reads it: the defaults,
 * the checks and their messages are detect's, written once there.
 *
 * <p>Accessors: {@code threshold} (a clip needs a frame scoring at least this), {@code exitThreshold} (a clip's frames
 * score at least this, hysteresis; at most {@code threshold}), {@code minSeconds} (shorter detections are dropped),
 * {@code maxGapSeconds} (detections at most this far apart are merged), {@code padSeconds} (added before and after
 * each clip, clamped to the tape), {@code smoothSeconds} (the scores are smoothed by a moving median over this before
 * they become clips, as detect does; 0 turns it off).
 */
public final class ClipOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ClipSettings settings;

  /** Every setting given; refused as detect refuses them ({@link ClipSettings}). */
  public ClipOptions(double threshold, double exitThreshold, double minSeconds, double maxGapSeconds,
      double padSeconds, double smoothSeconds) {
    this(new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds));
  }

  private ClipOptions(ClipSettings settings) {
    this.settings = settings;
  }

  /** detect's defaults with this threshold (and the same exit threshold). */
  public static ClipOptions threshold(double threshold) {
    return new ClipOptions(ClipSettings.DEFAULTS.withThreshold(threshold).withExitThreshold(threshold));
  }

  public double threshold() {
    return settings.threshold();
  }

  public double exitThreshold() {
    return settings.exitThreshold();
  }

  public double minSeconds() {
    return settings.minSeconds();
  }

  public double maxGapSeconds() {
    return settings.maxGapSeconds();
  }

  public double padSeconds() {
    return settings.padSeconds();
  }

  public double smoothSeconds() {
    return settings.smoothSeconds();
  }

  public ClipOptions withExitThreshold(double exit) {
    return new ClipOptions(settings.withExitThreshold(exit));
  }

  public ClipOptions withMinSeconds(double seconds) {
    return new ClipOptions(settings.withMinSeconds(seconds));
  }

  public ClipOptions withMaxGapSeconds(double seconds) {
    return new ClipOptions(settings.withMaxGapSeconds(seconds));
  }

  public ClipOptions withPadSeconds(double seconds) {
    return new ClipOptions(settings.withPadSeconds(seconds));
  }

  /** Smoothing over {@code seconds}; 0 turns it off. */
  public ClipOptions withSmoothSeconds(double seconds) {
    return new ClipOptions(settings.withSmoothSeconds(seconds));
  }

  /** These options as detect's clip settings. */
  ClipSettings settings() {
    return settings;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClipOptions options && settings.equals(options.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return "ClipOptions[threshold=" + threshold() + ", exitThreshold=" + exitThreshold() + ", minSeconds="
        + minSeconds() + ", maxGapSeconds=" + maxGapSeconds() + ", padSeconds=" + padSeconds() + ", smoothSeconds="
        + smoothSeconds() + "]";
  }
}
