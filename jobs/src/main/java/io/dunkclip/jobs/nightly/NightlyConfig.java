package io.dunkclip.jobs.nightly;

import io.dunkclip.interval.ClipSettings;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.tapes.TapeRef;
import java.util.List;

/**
 * Options of {@code dunkclip nightly}, built with {@link #builder(String, String, String)}.
 *
 * @param archive the tapes: a directory (its video files) or a glob, as {@code --input} of the other commands
 * @param model the model file; its {@code modelVersion} names the output's per-model directory
 * @param output the output root; each model version writes its own {@code OUTPUT/<modelVersion>/}
 * @param maxAttempts a failing tape is tried on this many runs, then quarantined (not tried again until it changes)
 * @param parallelTapes tapes in flight at once; each tape's segments also run in parallel, so 1 still uses every
 *     executor core on long tapes, and a kill loses at most this many tapes' work
 * @param clips the clip settings, as {@code dunkclip detect} takes them
 * @param segmentFrames frames per Spark task of each tape's detect
 * @param batchSize frames per inference call
 */
public record NightlyConfig(String archive, String model, String output, int maxAttempts, int parallelTapes,
    ClipSettings clips, int segmentFrames, int batchSize) implements java.io.Serializable {
  public static final int MAX_ATTEMPTS_DEFAULT = 3;
  public static final int PARALLEL_TAPES_DEFAULT = 2;

  public NightlyConfig {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Cannot run nightly: a tape needs at least 1 attempt (max-attempts=" + maxAttempts + ")");
    }
    if (parallelTapes < 1) {
      throw new IllegalArgumentException(
          "Cannot run nightly: at least 1 tape must be in flight (parallel-tapes=" + parallelTapes + ")");
    }
    // Checked now, before any tape, by detect's own rule: every tape's detect takes them.
    DetectConfig.checkSegmentation(segmentFrames, batchSize);
    if (clips == null) {
      throw new IllegalArgumentException("Cannot run nightly: no clip settings (clips=null)");
    }
  }

  /** The defaults: detect's defaults with the model's threshold, 3 attempts, 2 tapes in flight. */
  public static Builder builder(String archive, String model, String output) {
    return new Builder(archive, model, output);
  }

  public Builder toBuilder() {
    return new Builder(archive, model, output).maxAttempts(maxAttempts).parallelTapes(parallelTapes).clips(clips)
        .segmentFrames(segmentFrames).batchSize(batchSize);
  }

  /** Builds a {@link NightlyConfig}; unset values are the defaults. */
  public static final class Builder {
    private final String archive;
    private final String model;
    private final String output;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private int parallelTapes = PARALLEL_TAPES_DEFAULT;
    private ClipSettings clips = ClipSettings.DEFAULTS;
    private int segmentFrames = DetectConfig.SEGMENT_FRAMES_DEFAULT;
    private int batchSize = DetectConfig.BATCH_SIZE_DEFAULT;

    private Builder(String archive, String model, String output) {
      this.archive = archive;
      this.model = model;
      this.output = output;
    }

    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    public Builder parallelTapes(int tapes) {
      this.parallelTapes = tapes;
      return this;
    }

    public Builder clips(ClipSettings settings) {
      this.clips = settings;
      return this;
    }

    public Builder segmentFrames(int frames) {
      this.segmentFrames = frames;
      return this;
    }

    public Builder batchSize(int frames) {
      this.batchSize = frames;
      return this;
    }

    public NightlyConfig build() {
      return new NightlyConfig(archive, model, output, maxAttempts, parallelTapes, clips, segmentFrames, batchSize);
    }
  }

  /** detect's config for one tape of this run, found and checked by nightly (not resolved again). */
  DetectConfig detectTape(TapeRef tape, String detectOutput) {
    return DetectConfig.builder().tapes(List.of(tape)).model(model).output(detectOutput).clips(clips)
        .segmentFrames(segmentFrames).batchSize(batchSize).build();
  }
}
