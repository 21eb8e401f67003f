package io.dunkclip.jobs.cli;

import io.dunkclip.interval.ClipSettings;
import io.dunkclip.jobs.detect.DetectConfig;
import picocli.CommandLine.Option;

/** The options detect and nightly share: how scores become clips, and how tapes are cut into Spark tasks. */
final class DetectionOptions {
  @Option(names = "--threshold", paramLabel = "T",
      description = "Enter threshold: a clip needs a frame scoring at least this (default: the model's, calibrated"
          + " by train)")
  Double threshold;
  @Option(names = "--exit-threshold", paramLabel = "T",
      description = "Hysteresis: a clip's frames score at least this (default: the enter threshold)")
  Double exitThreshold;
  @Option(names = "--min-seconds", defaultValue = "" + ClipSettings.MIN_SECONDS_DEFAULT, paramLabel = "S",
      description = "Drop detections shorter than this (default: ${DEFAULT-VALUE})")
  double minSeconds;
  @Option(names = "--max-gap-seconds", defaultValue = "" + ClipSettings.MAX_GAP_SECONDS_DEFAULT, paramLabel = "S",
      description = "Merge detections at most this far apart (default: ${DEFAULT-VALUE})")
  double maxGapSeconds;
  @Option(names = "--pad-seconds", defaultValue = "" + ClipSettings.PAD_SECONDS_DEFAULT, paramLabel = "S",
      description = "Pad each clip before and after, clamped to the tape (default: ${DEFAULT-VALUE})")
  double padSeconds;
  @Option(names = "--smooth-seconds", defaultValue = "" + ClipSettings.SMOOTH_SECONDS_DEFAULT, paramLabel = "S",
      description = "Smooth the scores before thresholding: each frame takes the median score of the S seconds"
          + " around it, which drops blips and fills dips shorter than about S/2 and keeps clip boundaries in place;"
          + " 0 turns it off (default: ${DEFAULT-VALUE})")
  double smoothSeconds;
  @Option(names = "--segment-frames", defaultValue = "" + DetectConfig.SEGMENT_FRAMES_DEFAULT, paramLabel = "N",
      description = "Frames per Spark task (default: ${DEFAULT-VALUE}); the clips do not depend on it")
  int segmentFrames;
  @Option(names = "--batch-size", defaultValue = "" + DetectConfig.BATCH_SIZE_DEFAULT, paramLabel = "N",
      description = "Frames per inference call (default: ${DEFAULT-VALUE})")
  int batchSize;

  /** The clip settings given, checked ({@link ClipSettings}). */
  ClipSettings clips() {
    return new ClipSettings(threshold, exitThreshold, minSeconds, maxGapSeconds, padSeconds, smoothSeconds);
  }
}
