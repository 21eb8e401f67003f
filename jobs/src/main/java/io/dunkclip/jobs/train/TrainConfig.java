package io.dunkclip.jobs.train;

import io.dunkclip.video.Fit;

/**
 * Options of {@code dunkclip train}.
 *
 * @param epochs passes over the training frames
 * @param batchSizePerWorker examples per minibatch on each worker
 * @param validationFraction share of tapes (or of the single tape's frames) held out for validation
 * @param threshold decision threshold stored in the model, used by detect unless overridden
 * @param balance oversample the rare "player in frame" class so each epoch sees both classes about equally
 * @param patience stop after this many epochs without a better validation F1/AUC than the best so far
 * @param workDir scratch space for exported minibatches (any Hadoop path reachable by every executor)
 * @param requireFullCoverage refuse labels that leave any frame of a labelled tape uncovered, instead of taking such
 *     frames as label 0 (the labels format's rule)
 * @param fit how the frames were fitted to their size by extract ({@code stretch} or {@code pad}); recorded in the
 *     model so detect prepares frames the same way
 * @param resume continue from the last complete checkpoint in {@code <model>.checkpoints/} instead of starting afresh
 * @param pretrained for {@code resnet50}: a DL4J model zip with the ImageNet weights; null = the DL4J zoo cache
 * @param randomInit for {@code resnet50}: start the backbone from random weights when no pretrained ones are found
 * @param calibrate choose the threshold on the validation tapes (best F1, see OperatingPoint) instead of storing
 *     {@code threshold}; {@code threshold} is then used only when the validation tapes hold no player
 * @param input what the network sees ({@code frame} or {@code frame+background}); null = the architecture's default
 * @param augment train on randomly changed views of the frames (shift, mirror, light, colour, contrast, blur, noise)
 * @param laterLabels more labels files after {@code labels}, each overriding the ones before it where they overlap
 *     (corrections from the report page; see {@link io.dunkclip.format.LabelFiles})
 */
public record TrainConfig(String frames, String labels, String model, int epochs, String arch,
    int batchSizePerWorker, double learningRate, double validationFraction, double threshold, long seed,
    boolean balance, int patience, String workDir, SharingConfig sharing, boolean requireFullCoverage, Fit fit,
    boolean resume, String pretrained, boolean randomInit, boolean calibrate, String input, boolean augment,
    java.util.List<String> laterLabels)
    implements java.io.Serializable {
  public static final int EPOCHS_DEFAULT = 8;
  public static final int PATIENCE_DEFAULT = 3;
  public static final int BATCH_SIZE_DEFAULT = 16;
  public static final double LEARNING_RATE_DEFAULT = 1e-3;
  public static final double VALIDATION_FRACTION_DEFAULT = 0.25;
  /**
   * The original workflow's threshold (only frames the model is very sure of become clips). Train calibrates its own
   * on the validation tapes unless {@code --threshold} is given; this one is kept when validation has no player.
   */
  public static final double THRESHOLD_DEFAULT = 0.95;

  /** Options with {@code requireFullCoverage} off: frames no label row covers are label 0. */
  public TrainConfig(String frames, String labels, String model, int epochs, String arch, int batchSizePerWorker,
      double learningRate, double validationFraction, double threshold, long seed, boolean balance, int patience,
      String workDir, SharingConfig sharing) {
    this(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction, threshold, seed,
        balance, patience, workDir, sharing, false);
  }

  /** Options of a fresh run on stretched frames (extract's default fit). */
  public TrainConfig(String frames, String labels, String model, int epochs, String arch, int batchSizePerWorker,
      double learningRate, double validationFraction, double threshold, long seed, boolean balance, int patience,
      String workDir, SharingConfig sharing, boolean requireFullCoverage) {
    this(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction, threshold, seed,
        balance, patience, workDir, sharing, requireFullCoverage, Fit.STRETCH, false, null, false, true, null, true,
        java.util.List.of());
  }

  /** The input the network gets: the one asked for, else the architecture's default. */
  public String inputOrDefault() {
    return input != null ? input : io.dunkclip.model.Architectures.defaultInput(arch);
  }

  /** A fixed threshold ({@code calibrate} off) or calibration (on), as train's {@code --threshold} decides. */
  public TrainConfig withThreshold(double newThreshold, boolean newCalibrate) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        newThreshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, resume, pretrained,
        randomInit, newCalibrate, input, augment, laterLabels);
  }

  public TrainConfig withInput(String newInput, boolean newAugment) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, resume, pretrained,
        randomInit, calibrate, newInput, newAugment, laterLabels);
  }

  public TrainConfig withResume(boolean newResume) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, newResume, pretrained,
        randomInit, calibrate, input, augment, laterLabels);
  }

  public TrainConfig withEpochs(int newEpochs) {
    return new TrainConfig(frames, labels, model, newEpochs, arch, batchSizePerWorker, learningRate,
        validationFraction, threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, resume,
        pretrained, randomInit, calibrate, input, augment, laterLabels);
  }

  public TrainConfig withFit(Fit newFit) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, newFit, resume, pretrained,
        randomInit, calibrate, input, augment, laterLabels);
  }

  /** The weights a resnet50 run starts from: a pretrained zip (null = the zoo cache), or random ones if allowed. */
  public TrainConfig withBackbone(String newPretrained, boolean newRandomInit) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, resume, newPretrained,
        newRandomInit, calibrate, input, augment, laterLabels);
  }

  /** The options of a run as before there were several labels files: {@code labels} alone. */
  public TrainConfig(String frames, String labels, String model, int epochs, String arch, int batchSizePerWorker,
      double learningRate, double validationFraction, double threshold, long seed, boolean balance, int patience,
      String workDir, SharingConfig sharing, boolean requireFullCoverage, Fit fit, boolean resume, String pretrained,
      boolean randomInit, boolean calibrate, String input, boolean augment) {
    this(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction, threshold, seed,
        balance, patience, workDir, sharing, requireFullCoverage, fit, resume, pretrained, randomInit, calibrate, input,
        augment, java.util.List.of());
  }

  /** Train on {@code labels} and then {@code newLaterLabels}, each file overriding the ones before it. */
  public TrainConfig withLaterLabels(java.util.List<String> newLaterLabels) {
    return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate, validationFraction,
        threshold, seed, balance, patience, workDir, sharing, requireFullCoverage, fit, resume, pretrained,
        randomInit, calibrate, input, augment, newLaterLabels);
  }

  /** Every labels file, in the order they apply: {@code labels}, then {@code laterLabels}. */
  public java.util.List<String> labelFiles() {
    java.util.List<String> files = new java.util.ArrayList<>();
    files.add(labels);
    files.addAll(laterLabels);
    return java.util.List.copyOf(files);
  }

  public TrainConfig {
    java.util.Objects.requireNonNull(fit, "fit");
    laterLabels = java.util.List.copyOf(laterLabels);
    if (epochs < 1) {
      throw new IllegalArgumentException("Cannot train: at least one epoch is needed (epochs=" + epochs + ")");
    }
    if (patience < 1) {
      throw new IllegalArgumentException("Cannot train: patience must be at least 1 epoch (patience=" + patience + ")");
    }
    if (batchSizePerWorker < 1) {
      throw new IllegalArgumentException(
          "Cannot train: the batch size must be at least 1 (batch-size=" + batchSizePerWorker + ")");
    }
    if (input != null && !io.dunkclip.model.ModelMetadata.INPUT_FRAME.equals(input)
        && !io.dunkclip.model.ModelMetadata.INPUT_FRAME_BACKGROUND.equals(input)) {
      throw new IllegalArgumentException("Cannot train: unknown input (input=" + input + "); use "
          + io.dunkclip.model.ModelMetadata.INPUT_FRAME + " or "
          + io.dunkclip.model.ModelMetadata.INPUT_FRAME_BACKGROUND);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException(
          "Cannot train: the threshold must be between 0 and 1 (threshold=" + threshold + ")");
    }
  }
}
