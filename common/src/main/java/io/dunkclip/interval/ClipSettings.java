package io.dunkclip.interval;

import java.io.Serializable;

/**
 * The clip settings of detect, in seconds, as a user gives them (detect's and nightly's options, the notebook's clip
 * options): the one place their rules are checked. Per tape they become a frame-based {@link ClipPolicy}, with the
 * thresholds a model supplies where none was given.
 *
 * @param threshold enter threshold: a clip needs a frame scoring at least this, in (0, 1]; null uses the model's
 * @param exitThreshold a clip's frames score at least this (hysteresis), in (0, 1] and at most the enter threshold;
 *     null = the enter threshold when one is given, else the model's threshold
 * @param minSeconds detections shorter than this are dropped: a dunk lasts seconds, a blip of a few frames is noise
 * @param maxGapSeconds detections separated by at most this are merged: a player briefly scoring low mid-dunk (motion
 *     blur, occlusion by the backboard) must not split one dunk into two clips
 * @param padSeconds added before and after each clip, clamped to the tape, so the run-up and landing are kept
 * @param smoothSeconds the scores are smoothed before they become runs: each frame takes the median score of the
 *     frames within half of this before and after it ({@link #smoothHalfWindow}, see {@link ScoreSmoothing}); 0 turns
 *     smoothing off
 */
public record ClipSettings(Double threshold, Double exitThreshold, double minSeconds, double maxGapSeconds,
    double padSeconds, double smoothSeconds) implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final double MIN_SECONDS_DEFAULT = 0.5;
  public static final double MAX_GAP_SECONDS_DEFAULT = 1.0;
  public static final double PAD_SECONDS_DEFAULT = 0.0;
  /**
   * About three frames on each side at 15 fps, six at 30: longer than the one- or two-frame flickers of a frame
   * classifier, much shorter than a dunk or the {@link #MIN_SECONDS_DEFAULT} a detection must last.
   */
  public static final double SMOOTH_SECONDS_DEFAULT = 0.4;
  /**
   * A longer window would smooth whole dunks away; the bound also keeps small the scores each segment lends its
   * neighbours (the half-window on each side).
   */
  public static final double MAX_SMOOTH_SECONDS = 10;
  /** The frame rate assumed for a tape whose rate is unknown (0). */
  static final double UNKNOWN_RATE_FPS = 30;
  /** The defaults, with the model's thresholds. */
  public static final ClipSettings DEFAULTS = new ClipSettings(null, null, MIN_SECONDS_DEFAULT,
      MAX_GAP_SECONDS_DEFAULT, PAD_SECONDS_DEFAULT, SMOOTH_SECONDS_DEFAULT);

  public ClipSettings {
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "Cannot detect: the threshold must be in (0, 1] (threshold=" + threshold + ")");
    }
    if (exitThreshold != null && !(exitThreshold > 0 && exitThreshold <= 1)) {
      throw new IllegalArgumentException(
          "Cannot detect: the exit threshold must be in (0, 1] (exit-threshold=" + exitThreshold + ")");
    }
    if (threshold != null && exitThreshold != null) {
      requireExitNotAboveEnter(threshold, exitThreshold);
    }
    if (!(minSeconds >= 0 && maxGapSeconds >= 0 && padSeconds >= 0)) {
      throw new IllegalArgumentException("Cannot detect: durations must be 0 or more (min-seconds=" + minSeconds
          + ", max-gap-seconds=" + maxGapSeconds + ", pad-seconds=" + padSeconds + ")");
    }
    if (!(smoothSeconds >= 0 && smoothSeconds <= MAX_SMOOTH_SECONDS)) {
      throw new IllegalArgumentException("Cannot detect: the smoothing window must be 0 (off) to "
          + (int) MAX_SMOOTH_SECONDS + " seconds (smooth-seconds=" + smoothSeconds + ")");
    }
  }

  /**
   * The rule of hysteresis: a clip's frames may not need more than the frame that starts it.
   *
   * @throws IllegalArgumentException naming both thresholds
   */
  public static void requireExitNotAboveEnter(double enter, double exit) {
    if (exit > enter) {
      throw new IllegalArgumentException("Cannot detect: the exit threshold must not be above the enter threshold "
          + enter + " (exit-threshold=" + exit + ")");
    }
  }

  /** The enter threshold: {@link #threshold}, else the model's {@code modelEnter}. */
  public double enter(double modelEnter) {
    return threshold != null ? threshold : modelEnter;
  }

  /**
   * The exit threshold: {@link #exitThreshold}, else the enter threshold when {@link #threshold} is given, else the
   * model's {@code modelExit} (never above the enter threshold).
   *
   * @throws IllegalArgumentException when the exit threshold given is above the model's enter threshold
   */
  public double exit(double modelEnter, double modelExit) {
    double enter = enter(modelEnter);
    if (exitThreshold != null) {
      requireExitNotAboveEnter(enter, exitThreshold);
      return exitThreshold;
    }
    return threshold != null ? enter : Math.min(modelExit, enter);
  }

  /**
   * The frame-based policy for a tape of {@code fps} frames per second (30 when unknown) with these thresholds; each
   * clip widened by {@code edgeBeforeSeconds} and {@code edgeAfterSeconds} on top of the padding.
   */
  public ClipPolicy policy(double enter, double exit, double fps, double edgeBeforeSeconds, double edgeAfterSeconds) {
    double rate = fps > 0 ? fps : UNKNOWN_RATE_FPS;
    return new ClipPolicy(enter, exit, Math.max(1, (long) Math.ceil(minSeconds * rate - 1e-9)),
        Math.round(maxGapSeconds * rate), Math.round((padSeconds + edgeBeforeSeconds) * rate),
        Math.round((padSeconds + edgeAfterSeconds) * rate));
  }

  /**
   * The smoothing's half-window {@code h} in frames for a tape of {@code fps} frames per second (30 when unknown): the
   * median is taken over {@code 2h + 1} frames, {@code h = round(smoothSeconds * fps / 2)}; 0 is no smoothing.
   */
  public int smoothHalfWindow(double fps) {
    double rate = fps > 0 ? fps : UNKNOWN_RATE_FPS;
    return (int) Math.round(smoothSeconds * rate / 2);
  }

  public ClipSettings withThreshold(Double enter) {
    return new ClipSettings(enter, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  public ClipSettings withExitThreshold(Double exit) {
    return new ClipSettings(threshold, exit, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  public ClipSettings withMinSeconds(double seconds) {
    return new ClipSettings(threshold, exitThreshold, seconds, maxGapSeconds, padSeconds, smoothSeconds);
  }

  public ClipSettings withMaxGapSeconds(double seconds) {
    return new ClipSettings(threshold, exitThreshold, minSeconds, seconds, padSeconds, smoothSeconds);
  }

  public ClipSettings withPadSeconds(double seconds) {
    return new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, seconds, smoothSeconds);
  }

  /** Smoothing over {@code seconds}; 0 turns it off. */
  public ClipSettings withSmoothSeconds(double seconds) {
    return new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, seconds);
  }
}
