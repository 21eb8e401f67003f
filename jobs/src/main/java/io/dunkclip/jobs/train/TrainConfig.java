package io.dunkclip.jobs.train;

import io.dunkclip.video.Fit;

/**
 * Options of {@code dunkclip train}. Build them with {@link #builder}; each option has a {@code _DEFAULT}.
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
 * @param featureCache for an architecture with a frozen backbone ({@code resnet50}): run the frozen part once per frame
 *     and view, cache its output beside the frames, and train the head on it ({@code --no-feature-cache}: run it on
 *     every batch of every epoch)
 * @param featureViews with {@code featureCache} and augmentation: views cached per frame (the frame itself and
 *     {@code featureViews - 1} augmented views); epoch e shows view (e - 1) mod featureViews
 */
public record TrainConfig(String frames, String labels, String model, int epochs, String arch,
    int batchSizePerWorker, double learningRate, double validationFraction, double threshold, long seed,
    boolean balance, int patience, String workDir, SharingConfig sharing, boolean requireFullCoverage, Fit fit,
    boolean resume, String pretrained, boolean randomInit, boolean calibrate, String input, boolean augment,
    java.util.List<String> laterLabels, boolean featureCache, int featureViews)
    implements java.io.Serializable {
  public static final int EPOCHS_DEFAULT = 8;
  public static final String ARCH_DEFAULT = io.dunkclip.model.Architectures.SMALL_CNN;
  public static final int PATIENCE_DEFAULT = 3;
  public static final int BATCH_SIZE_DEFAULT = 16;
  public static final double LEARNING_RATE_DEFAULT = 1e-3;
  public static final double VALIDATION_FRACTION_DEFAULT = 0.25;
  /**
   * The original workflow's threshold (only frames the model is very sure of become clips). Train calibrates its own
   * on the validation tapes unless {@code --threshold} is given; this one is kept when validation has no player.
   */
  public static final double THRESHOLD_DEFAULT = 0.95;
  public static final long SEED_DEFAULT = 42;
  /** Oversample frames with a player unless {@code --no-balance}. */
  public static final boolean BALANCE_DEFAULT = true;
  /** Calibrate the threshold on the validation tapes unless {@code --threshold} is given. */
  public static final boolean CALIBRATE_DEFAULT = true;
  /** Train on augmented views unless {@code --no-augment}. */
  public static final boolean AUGMENT_DEFAULT = true;
  /** Cache a frozen backbone's output unless {@code --no-feature-cache}. */
  public static final boolean FEATURE_CACHE_DEFAULT = true;
  /**
   * Views cached per frame with augmentation: the frame and three augmented views. Building the cache costs this many
   * backbone forwards per frame, once; uncached training costs one per shown copy per epoch (8 epochs by default, and
   * positives shown several times each epoch), so 4 views cost half or less of the uncached forwards of a full run.
   */
  public static final int FEATURE_VIEWS_DEFAULT = 4;
  /** Where exported minibatches go when no {@code --work-dir} is given: beside the model. */
  public static final String WORK_DIR_SUFFIX = ".work";

  /** Options for {@code frames}, {@code labels} and {@code model}, every other one at its default. */
  public static Builder builder(String frames, String labels, String model) {
    return new Builder(frames, labels, model);
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder(frames, labels, model);
    builder.epochs = epochs;
    builder.arch = arch;
    builder.batchSizePerWorker = batchSizePerWorker;
    builder.learningRate = learningRate;
    builder.validationFraction = validationFraction;
    builder.threshold = threshold;
    builder.seed = seed;
    builder.balance = balance;
    builder.patience = patience;
    builder.workDir = workDir;
    builder.sharing = sharing;
    builder.requireFullCoverage = requireFullCoverage;
    builder.fit = fit;
    builder.resume = resume;
    builder.pretrained = pretrained;
    builder.randomInit = randomInit;
    builder.calibrate = calibrate;
    builder.input = input;
    builder.augment = augment;
    builder.laterLabels = laterLabels;
    builder.featureCache = featureCache;
    builder.featureViews = featureViews;
    return builder;
  }

  /** Builds a {@link TrainConfig}; every option not set keeps its {@code _DEFAULT}. */
  public static final class Builder {
    private final String frames;
    private final String labels;
    private final String model;
    private int epochs = EPOCHS_DEFAULT;
    private String arch = ARCH_DEFAULT;
    private int batchSizePerWorker = BATCH_SIZE_DEFAULT;
    private double learningRate = LEARNING_RATE_DEFAULT;
    private double validationFraction = VALIDATION_FRACTION_DEFAULT;
    private double threshold = THRESHOLD_DEFAULT;
    private long seed = SEED_DEFAULT;
    private boolean balance = BALANCE_DEFAULT;
    private int patience = PATIENCE_DEFAULT;
    private String workDir;
    private SharingConfig sharing = SharingConfig.from(java.util.Map.of());
    private boolean requireFullCoverage;
    private Fit fit = Fit.STRETCH;
    private boolean resume;
    private String pretrained;
    private boolean randomInit;
    private boolean calibrate = CALIBRATE_DEFAULT;
    private String input;
    private boolean augment = AUGMENT_DEFAULT;
    private java.util.List<String> laterLabels = java.util.List.of();
    private boolean featureCache = FEATURE_CACHE_DEFAULT;
    private int featureViews = FEATURE_VIEWS_DEFAULT;

    private Builder(String frames, String labels, String model) {
      this.frames = frames;
      this.labels = labels;
      this.model = model;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder arch(String value) {
      arch = value;
      return this;
    }

    public Builder batchSizePerWorker(int value) {
      batchSizePerWorker = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder validationFraction(double value) {
      validationFraction = value;
      return this;
    }

    /** The threshold stored in the model; with {@link #calibrate} on, only when validation holds no player. */
    public Builder threshold(double value) {
      threshold = value;
      return this;
    }

    /** {@code --threshold T}: store T as given instead of calibrating one. */
    public Builder fixedThreshold(double value) {
      threshold = value;
      calibrate = false;
      return this;
    }

    public Builder calibrate(boolean value) {
      calibrate = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder balance(boolean value) {
      balance = value;
      return this;
    }

    public Builder patience(int value) {
      patience = value;
      return this;
    }

    /** Scratch for exported minibatches; null = beside the model ({@link #WORK_DIR_SUFFIX}). */
    public Builder workDir(String value) {
      workDir = value;
      return this;
    }

    public Builder sharing(SharingConfig value) {
      sharing = value;
      return this;
    }

    public Builder requireFullCoverage(boolean value) {
      requireFullCoverage = value;
      return this;
    }

    public Builder fit(Fit value) {
      fit = value;
      return this;
    }

    public Builder resume(boolean value) {
      resume = value;
      return this;
    }

    /** The weights a resnet50 run starts from: a pretrained zip (null = the zoo cache), or random ones if allowed. */
    public Builder backbone(String newPretrained, boolean newRandomInit) {
      pretrained = newPretrained;
      randomInit = newRandomInit;
      return this;
    }

    /** What the network sees; null = the architecture's default. */
    public Builder input(String value) {
      input = value;
      return this;
    }

    public Builder augment(boolean value) {
      augment = value;
      return this;
    }

    /** Labels files applied after {@code labels}, each overriding the ones before it where they overlap. */
    public Builder laterLabels(java.util.List<String> files) {
      laterLabels = files;
      return this;
    }

    /** Cache a frozen backbone's output and train the head on it (architectures with a frozen backbone only). */
    public Builder featureCache(boolean value) {
      featureCache = value;
      return this;
    }

    /** Views cached per frame when augmenting with a feature cache. */
    public Builder featureViews(int value) {
      featureViews = value;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(frames, labels, model, epochs, arch, batchSizePerWorker, learningRate,
          validationFraction, threshold, seed, balance, patience, workDir != null ? workDir : model + WORK_DIR_SUFFIX,
          sharing, requireFullCoverage, fit, resume, pretrained, randomInit, calibrate, input, augment, laterLabels,
          featureCache, featureViews);
    }
  }

  /** The input the network gets: the one asked for, else the architecture's default. */
  public String inputOrDefault() {
    return input != null ? input : io.dunkclip.model.Architectures.defaultInput(arch);
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
    if (featureViews < 1) {
      throw new IllegalArgumentException("Cannot train: at least one view per frame is cached (feature-views="
          + featureViews + ")");
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
