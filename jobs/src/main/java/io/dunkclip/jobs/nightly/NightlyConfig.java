package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.detect.DetectConfig;

/**
 * Options of {@code dunkclip nightly}.
 *
 * @param archive the tapes: a directory (its video files) or a glob, as {@code --input} of the other commands
 * @param model the model file; its {@code modelVersion} names the output's per-model directory
 * @param output the output root; each model version writes its own {@code OUTPUT/<modelVersion>/}
 * @param maxAttempts a failing tape is tried on this many runs, then quarantined (not tried again until it changes)
 * @param parallelTapes tapes in flight at once; each tape's segments also run in parallel, so 1 still uses every
 *     executor core on long tapes, and a kill loses at most this many tapes' work
 * @param detection clip-policy options as {@code dunkclip detect} takes them (its input, model and output are unused)
 */
public record NightlyConfig(String archive, String model, String output, int maxAttempts, int parallelTapes,
    DetectConfig detection) implements java.io.Serializable {
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
  }

  /** The defaults: detect's defaults with the model's threshold, 3 attempts, 2 tapes in flight. */
  public static NightlyConfig defaults(String archive, String model, String output) {
    return new NightlyConfig(archive, model, output, MAX_ATTEMPTS_DEFAULT, PARALLEL_TAPES_DEFAULT,
        DetectConfig.defaults(archive, model, output));
  }

  public NightlyConfig withMaxAttempts(int attempts) {
    return new NightlyConfig(archive, model, output, attempts, parallelTapes, detection);
  }

  public NightlyConfig withDetection(DetectConfig options) {
    return new NightlyConfig(archive, model, output, maxAttempts, parallelTapes, options);
  }

  /** detect's config for one tape of this run. */
  DetectConfig detectTape(String tapePath, String detectOutput) {
    DetectConfig d = detection;
    return new DetectConfig(tapePath, model, detectOutput, d.threshold(), d.exitThreshold(), d.minSeconds(),
        d.maxGapSeconds(), d.padSeconds(), d.segmentFrames(), d.batchSize()).withSmoothSeconds(d.smoothSeconds());
  }
}
