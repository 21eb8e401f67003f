package io.dunkclip.jobs.detect;

import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.model.ModelMetadata;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Options of {@code dunkclip detect}, built with {@link #builder()}. Time-based settings are in seconds and turned into
 * frames per tape (tapes may differ in frame rate).
 *
 * @param input the tapes as the user named them (a path or glob); with {@code tapes} given, only their description
 * @param tapes the tapes already resolved (nightly hands over the one it checked): not resolved again from
 *     {@code input}; null to resolve {@code input}
 * @param clips the clip settings: thresholds, durations and smoothing ({@link ClipSettings})
 * @param segmentFrames frames per Spark task, as in extract
 * @param batchSize frames per inference call
 * @param fast decode and score only the keyframes first, then every frame only in windows around keyframes scoring
 *     at least the enter threshold (or {@link #FAST_SUSPECT_SCORE} when lower), grown round by round until the scores
 *     in them settle the clips. Guarantee: the same clips as scoring every frame whenever every detection that
 *     becomes a clip (runs at or above the exit threshold reaching the enter threshold, bridged over
 *     {@code --max-gap-seconds}) spans a keyframe scoring at least that much (see
 *     {@link io.dunkclip.segment.FastWindows}); a tape whose keyframes are further apart than
 *     {@link #fastMaxKeyframeSeconds()} is scored in full instead, and the output says so
 * @param frames a frames dataset written by {@code dunkclip extract} to score instead of decoding tapes; exactly one
 *     of {@code input} and {@code frames} is given
 * @param labels optional labels.csv: the run's HTML report then shows the truth and the metrics; null for none
 */
public record DetectConfig(String input, List<TapeRef> tapes, String model, String output, ClipSettings clips,
    int segmentFrames, int batchSize, boolean fast, String frames, String labels) implements java.io.Serializable {
  /**
   * Fast mode opens a window at a keyframe scoring at least the enter threshold, or this when the threshold is higher:
   * a dunk is seconds of player-in-frame, and a keyframe in it that the model finds more likely a player than not
   * (0.5) but below the threshold still sits beside the frames that cross it. On the 180 s bench
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
  public static final int SEGMENT_FRAMES_DEFAULT = ExtractConfig.SEGMENT_FRAMES_DEFAULT;

  public DetectConfig {
    if ((input == null) == (frames == null)) {
      throw new IllegalArgumentException("Cannot detect: give either tapes or a frames dataset, not "
          + (input == null ? "neither" : "both") + " (input=" + input + ", frames=" + frames + ")");
    }
    if (fast && frames != null) {
      throw new IllegalArgumentException("Cannot detect: the fast mode skips decoding of tapes, and a frames dataset"
          + " is already decoded; drop --fast or give --input (frames=" + frames + ")");
    }
    checkSegmentation(segmentFrames, batchSize);
    if (clips == null) {
      throw new IllegalArgumentException("Cannot detect: no clip settings (clips=null)");
    }
    tapes = tapes == null ? null : List.copyOf(tapes);
  }

  /** The rule for detect's task and batch sizes (nightly's too). */
  public static void checkSegmentation(int segmentFrames, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "Cannot detect: a batch needs at least 1 frame (batch-size=" + batchSize + ")");
    }
    if (segmentFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot detect: a segment needs at least 1 frame (segment-frames=" + segmentFrames + ")");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.input = input;
    builder.tapes = tapes;
    builder.model = model;
    builder.output = output;
    builder.clips = clips;
    builder.segmentFrames = segmentFrames;
    builder.batchSize = batchSize;
    builder.fast = fast;
    builder.frames = frames;
    builder.labels = labels;
    return builder;
  }

  /** Builds a {@link DetectConfig}; unset values are the defaults, and {@link #build()} checks them all. */
  public static final class Builder {
    private String input;
    private List<TapeRef> tapes;
    private String model;
    private String output;
    private ClipSettings clips = ClipSettings.DEFAULTS;
    private int segmentFrames = SEGMENT_FRAMES_DEFAULT;
    private int batchSize = BATCH_SIZE_DEFAULT;
    private boolean fast;
    private String frames;
    private String labels;

    private Builder() {}

    /** The tapes to decode, a path or glob; replaces a frames dataset. */
    public Builder input(String pathOrGlob) {
      this.input = pathOrGlob;
      this.tapes = null;
      this.frames = null;
      return this;
    }

    /** Tapes already resolved (and checked by the caller): they are not resolved again. */
    public Builder tapes(List<TapeRef> resolved) {
      this.tapes = List.copyOf(resolved);
      this.input = resolved.stream().map(TapeRef::uri).collect(Collectors.joining(","));
      this.frames = null;
      return this;
    }

    /** A frames dataset to score instead of tapes; replaces the tapes and turns fast mode off. */
    public Builder frames(String dir) {
      this.frames = dir;
      this.input = null;
      this.tapes = null;
      this.fast = false;
      return this;
    }

    public Builder model(String location) {
      this.model = location;
      return this;
    }

    public Builder output(String dir) {
      this.output = dir;
      return this;
    }

    public Builder clips(ClipSettings settings) {
      this.clips = settings;
      return this;
    }

    /** The enter threshold; null uses the model's. */
    public Builder threshold(Double enter) {
      this.clips = clips.withThreshold(enter);
      return this;
    }

    /** Smoothing over {@code seconds}; 0 turns it off. */
    public Builder smoothSeconds(double seconds) {
      this.clips = clips.withSmoothSeconds(seconds);
      return this;
    }

    public Builder segmentFrames(int frameCount) {
      this.segmentFrames = frameCount;
      return this;
    }

    public Builder batchSize(int frameCount) {
      this.batchSize = frameCount;
      return this;
    }

    public Builder fast(boolean keyframesFirst) {
      this.fast = keyframesFirst;
      return this;
    }

    public Builder labels(String labelsCsv) {
      this.labels = labelsCsv;
      return this;
    }

    public DetectConfig build() {
      return new DetectConfig(input, tapes, model, output, clips, segmentFrames, batchSize, fast, frames, labels);
    }
  }

  /** Where this run's outputs go, by name. */
  public DetectOutput layout() {
    return new DetectOutput(output);
  }

  /**
   * The longest keyframe interval, in seconds, for which fast mode trusts a tape's keyframes: the longer of
   * {@link #FAST_MAX_KEYFRAME_SECONDS} and the clips' minimum length (every clip lasts at least that long, so with
   * keyframes no further apart than that each clip holds one). A tape with a longer interval is scored in full.
   */
  public double fastMaxKeyframeSeconds() {
    return Math.max(FAST_MAX_KEYFRAME_SECONDS, clips.minSeconds());
  }

  /**
   * The enter threshold for {@code model}: {@code --threshold}, else the model's enter threshold (chosen on its
   * validation clips; its threshold for models without one).
   */
  public double enter(ModelMetadata model) {
    return clips.enter(model.enter());
  }

  /**
   * The exit threshold for {@code model}: {@code --exit-threshold}, else {@code --threshold} when given, else the
   * model's threshold (calibrated on its validation frames).
   */
  public double exit(ModelMetadata model) {
    return clips.exit(model.enter(), model.threshold());
  }

  /** The clip policy for {@code model} on a tape of {@code fps} frames per second. */
  ClipPolicy policy(ModelMetadata model, double fps) {
    // The model's edge corrections (measured on its validation tapes) widen each clip to where its label would be;
    // --pad-seconds adds run-up and landing on top of that.
    return clips.policy(enter(model), exit(model), fps, model.edgeBefore(), model.edgeAfter());
  }

  /** As {@link ClipSettings#smoothHalfWindow}. */
  public int smoothHalfWindow(double fps) {
    return clips.smoothHalfWindow(fps);
  }
}
