package io.dunkclip.jobs.detect;

import io.dunkclip.interval.ClipPolicy;

/**
 * Options of {@code dunkclip detect}. Time-based settings are in seconds and turned into frames per tape (tapes may
 * differ in frame rate).
 *
 * @param threshold enter threshold: a clip needs a frame scoring at least this; null uses the model's (0.95 unless
 *     trained otherwise, as the original workflow)
 * @param exitThreshold a clip's frames score at least this (hysteresis); null = the enter threshold, i.e. the
 *     original single-threshold behaviour
 * @param minSeconds detections shorter than this are dropped: a dunk lasts seconds, a blip of a few frames is noise
 * @param maxGapSeconds detections separated by at most this are merged: a player briefly scoring low mid-dunk (motion
 *     blur, occlusion by the backboard) must not split one dunk into two clips
 * @param padSeconds added before and after each clip, clamped to the tape, so the run-up and landing are kept
 * @param segmentFrames frames per Spark task, as in extract
 * @param batchSize frames per inference call
 * @param fast decode and score only the keyframes first, then every frame only in the keyframe intervals around
 *     keyframes scoring at least {@link #FAST_SUSPECT_SCORE} (or the exit threshold when lower), plus
 *     {@link #FAST_MARGIN_INTERVALS} interval on each side (see
 *     {@link io.dunkclip.segment.KeyframeWindows} for when this gives the same clips as scoring every frame); a tape
 *     whose keyframes are further apart than {@link #fastMaxKeyframeSeconds()} is scored in full instead, and the
 *     output says so
 * @param frames a frames dataset written by {@code dunkclip extract} to score instead of decoding tapes; exactly one
 *     of {@code input} and {@code frames} is given
 * @param labels optional labels.csv: the run's HTML report then shows the truth and the metrics; null for none
 * @param smoothSeconds the scores are smoothed before they become runs: each frame takes the median score of the
 *     frames within half of this before and after it ({@link #smoothHalfWindow}, see
 *     {@link io.dunkclip.interval.ScoreSmoothing}), which removes blips and fills dips shorter than about half of it
 *     and keeps the clips' boundaries in place; 0 turns smoothing off
 */
public record DetectConfig(String input, String model, String output, Double threshold, Double exitThreshold,
    double minSeconds, double maxGapSeconds, double padSeconds, int segmentFrames, int batchSize, boolean fast,
    String frames, String labels, double smoothSeconds)
    implements java.io.Serializable {
  /**
   * Keyframe intervals decoded on each side of a hot one in fast mode: one catches a short above-threshold blip right
   * next to a clip (which the clip policy could merge into it) at the cost of two keyframe intervals per clip.
   */
  public static final int FAST_MARGIN_INTERVALS = 1;
  /**
   * Fast mode decodes the keyframe intervals next to a keyframe scoring at least this, not only next to one at or
   * above the threshold: a dunk is seconds of player-in-frame, and a keyframe in it that the model finds more likely
   * a player than not (0.5) but below the threshold still sits beside the frames that cross it. On the 180 s bench
   * tape a 23-frame detection lay between two keyframes scoring 0.84 and 0.92 (threshold 0.95; empty court about
   * 0.44); it was missed with the threshold alone. Lower costs more decoding, never different clips.
   */
  public static final double FAST_SUSPECT_SCORE = 0.5;
  /**
   * Fast mode's premise is that every dunk holds a keyframe: a dunk keeps its player in frame for seconds (about five
   * in the sample tapes: run-up, jump, landing, run-out), so keyframes at most this far apart fall in it, and it
   * scores at least {@link #FAST_SUSPECT_SCORE} there. Phones write a keyframe about every second, the sample tapes
   * every 2 s. Further apart (x264's default of 250 frames is 8.3 s at 30 fps; some 10-bit HEVC and VP9 encoders
   * write one keyframe per tape), a whole dunk can lie between two keyframes of an empty court and fast mode would
   * never decode it: such a tape is scored in full ({@link #fastMaxKeyframeSeconds()}).
   */
  public static final double FAST_MAX_KEYFRAME_SECONDS = 2.5;
  public static final int BATCH_SIZE_DEFAULT = 64;
  public static final double MIN_SECONDS_DEFAULT = 0.5;
  public static final double MAX_GAP_SECONDS_DEFAULT = 1.0;
  public static final double PAD_SECONDS_DEFAULT = 0.0;
  /**
   * About three frames on each side at 15 fps, six at 30: longer than the one- or two-frame flickers of a frame
   * classifier, much shorter than a dunk or the {@link #MIN_SECONDS_DEFAULT} a detection must last. Provisional: to
   * be chosen by measurement against labelled tapes.
   */
  public static final double SMOOTH_SECONDS_DEFAULT = 0.4;
  /**
   * A longer window would smooth whole dunks away; the bound also keeps small the scores each segment lends its
   * neighbours (the half-window on each side).
   */
  public static final double MAX_SMOOTH_SECONDS = 10;

  /** Tapes in, every frame scored, the default smoothing. */
  public DetectConfig(String input, String model, String output, Double threshold, Double exitThreshold,
      double minSeconds, double maxGapSeconds, double padSeconds, int segmentFrames, int batchSize) {
    this(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, segmentFrames,
        batchSize, false, null, null);
  }

  /** With the default smoothing. */
  public DetectConfig(String input, String model, String output, Double threshold, Double exitThreshold,
      double minSeconds, double maxGapSeconds, double padSeconds, int segmentFrames, int batchSize, boolean fast,
      String frames, String labels) {
    this(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, segmentFrames,
        batchSize, fast, frames, labels, SMOOTH_SECONDS_DEFAULT);
  }

  public DetectConfig {
    if ((input == null) == (frames == null)) {
      throw new IllegalArgumentException("Cannot detect: give either tapes or a frames dataset, not "
          + (input == null ? "neither" : "both") + " (input=" + input + ", frames=" + frames + ")");
    }
    if (fast && frames != null) {
      throw new IllegalArgumentException("Cannot detect: the fast mode skips decoding of tapes, and a frames dataset"
          + " is already decoded; drop --fast or give --input (frames=" + frames + ")");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "Cannot detect: a batch needs at least 1 frame (batch-size=" + batchSize + ")");
    }
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "Cannot detect: the threshold must be in (0, 1] (threshold=" + threshold + ")");
    }
    if (exitThreshold != null && !(exitThreshold > 0 && exitThreshold <= 1)) {
      throw new IllegalArgumentException(
          "Cannot detect: the exit threshold must be in (0, 1] (exit-threshold=" + exitThreshold + ")");
    }
    if (minSeconds < 0 || maxGapSeconds < 0 || padSeconds < 0) {
      throw new IllegalArgumentException("Cannot detect: durations must be 0 or more (min-seconds=" + minSeconds
          + ", max-gap-seconds=" + maxGapSeconds + ", pad-seconds=" + padSeconds + ")");
    }
    if (segmentFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot detect: a segment needs at least 1 frame (segment-frames=" + segmentFrames + ")");
    }
    if (!(smoothSeconds >= 0 && smoothSeconds <= MAX_SMOOTH_SECONDS)) {
      throw new IllegalArgumentException("Cannot detect: the smoothing window must be 0 (off) to "
          + (int) MAX_SMOOTH_SECONDS + " seconds (smooth-seconds=" + smoothSeconds + ")");
    }
  }

  /** The defaults, with the model's threshold. */
  public static DetectConfig defaults(String input, String model, String output) {
    return new DetectConfig(input, model, output, null, null, MIN_SECONDS_DEFAULT, MAX_GAP_SECONDS_DEFAULT,
        PAD_SECONDS_DEFAULT, io.dunkclip.jobs.extract.ExtractConfig.DEFAULT_SEGMENT_FRAMES, BATCH_SIZE_DEFAULT);
  }

  public DetectConfig withSegmentation(int newSegmentFrames, int batch) {
    return new DetectConfig(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        newSegmentFrames, batch, fast, frames, labels, smoothSeconds);
  }

  public DetectConfig withOutput(String dir) {
    return new DetectConfig(input, model, dir, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, fast, frames, labels, smoothSeconds);
  }

  public DetectConfig withFast(boolean newFast) {
    return new DetectConfig(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, newFast, frames, labels, smoothSeconds);
  }

  public DetectConfig withThreshold(Double enter) {
    return new DetectConfig(input, model, output, enter, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, fast, frames, labels, smoothSeconds);
  }

  public DetectConfig withLabels(String labelsCsv) {
    return new DetectConfig(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, fast, frames, labelsCsv, smoothSeconds);
  }

  /** Scores the frames dataset {@code dir} instead of the tapes. */
  public DetectConfig withFrames(String dir) {
    return new DetectConfig(null, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, false, dir, labels, smoothSeconds);
  }

  /** Smoothing over {@code seconds}; 0 turns it off. */
  public DetectConfig withSmoothSeconds(double seconds) {
    return new DetectConfig(input, model, output, threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds,
        segmentFrames, batchSize, fast, frames, labels, seconds);
  }

  /**
   * The longest keyframe interval, in seconds, for which fast mode trusts a tape's keyframes: the longer of
   * {@link #FAST_MAX_KEYFRAME_SECONDS} and {@code minSeconds} (every clip lasts at least that long, so with keyframes
   * no further apart than that each clip holds one). A tape with a longer interval is scored in full.
   */
  public double fastMaxKeyframeSeconds() {
    return Math.max(FAST_MAX_KEYFRAME_SECONDS, minSeconds);
  }

  public double enter(double modelThreshold) {
    return threshold != null ? threshold : modelThreshold;
  }

  public double exit(double modelThreshold) {
    double enter = enter(modelThreshold);
    if (exitThreshold != null && exitThreshold > enter) {
      throw new IllegalArgumentException("Cannot detect: the exit threshold must not be above the enter threshold "
          + enter + " (exit-threshold=" + exitThreshold + ")");
    }
    return exitThreshold != null ? exitThreshold : enter;
  }

  /**
   * The enter threshold for {@code model}: {@code --threshold}, else the model's enter threshold (chosen on its
   * validation clips; its threshold for models without one).
   */
  public double enter(io.dunkclip.model.ModelMetadata model) {
    return threshold != null ? threshold : model.enter();
  }

  /**
   * The exit threshold for {@code model}: {@code --exit-threshold}, else {@code --threshold} when given, else the
   * model's threshold (calibrated on its validation frames).
   */
  public double exit(io.dunkclip.model.ModelMetadata model) {
    if (threshold != null) {
      return exit(threshold.doubleValue());
    }
    double enter = model.enter();
    if (exitThreshold != null && exitThreshold > enter) {
      throw new IllegalArgumentException("Cannot detect: the exit threshold must not be above the enter threshold "
          + enter + " (exit-threshold=" + exitThreshold + ")");
    }
    return exitThreshold != null ? exitThreshold : Math.min(model.threshold(), enter);
  }

  /** The clip policy for {@code model} on a tape of {@code fps} frames per second. */
  ClipPolicy policy(io.dunkclip.model.ModelMetadata model, double fps) {
    double rate = fps > 0 ? fps : 30;
    // The model's edge corrections (measured on its validation tapes) widen each clip to where its label would be;
    // --pad-seconds adds run-up and landing on top of that.
    return new ClipPolicy(enter(model), exit(model),
        Math.max(1, (long) Math.ceil(minSeconds * rate - 1e-9)), Math.round(maxGapSeconds * rate),
        Math.round((padSeconds + model.edgeBefore()) * rate), Math.round((padSeconds + model.edgeAfter()) * rate));
  }

  /**
   * The smoothing's half-window {@code h} in frames for a tape of {@code fps} frames per second: the median is taken
   * over {@code 2h + 1} frames, {@code h = round(smoothSeconds * fps / 2)}; 0 is no smoothing.
   */
  public int smoothHalfWindow(double fps) {
    double rate = fps > 0 ? fps : 30;
    return (int) Math.round(smoothSeconds * rate / 2);
  }

  /** The clip policy for a tape of {@code fps} frames per second. */
  ClipPolicy policy(double modelThreshold, double fps) {
    double rate = fps > 0 ? fps : 30;
    return new ClipPolicy(enter(modelThreshold), exit(modelThreshold),
        Math.max(1, (long) Math.ceil(minSeconds * rate - 1e-9)), Math.round(maxGapSeconds * rate),
        Math.round(padSeconds * rate), Math.round(padSeconds * rate));
  }
}
