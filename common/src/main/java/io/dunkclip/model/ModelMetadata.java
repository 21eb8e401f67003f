package io.dunkclip.model;

import java.util.List;

/**
 * Everything detection needs besides the weights, stored beside them in the model file.
 *
 * @param formatVersion version of this file layout; readers refuse versions they do not know
 * @param modelVersion content hash of the weights: tells two models apart in ledgers and manifests
 * @param architecture the {@link Architectures} name the network was built with
 * @param fit how frames were fitted to the input size ({@code stretch} or {@code pad})
 * @param normalisation how RGB bytes become inputs: {@code rgb/255} (channels first, scaled to [0, 1]) or
 *     {@code rgb/255-mean} (the same, minus each frame's per-channel mean; small-cnn) or {@code rgb-imagenet-mean}
 *     (0..255 minus the ImageNet channel means; resnet50)
 * @param threshold the decision threshold on the sigmoid output, chosen at training time
 * @param trainedOn the tapes whose labels trained it
 * @param labelsSource the labels file it was trained with
 * @param input what the network sees: {@link #INPUT_FRAME} (the frame alone; models older than this field) or
 *     {@link #INPUT_FRAME_BACKGROUND} (the frame and its difference from the tape's background, six channels)
 * @param thresholdRule how {@code threshold} was chosen: {@link #THRESHOLD_CALIBRATED} on the validation tapes, or
 *     {@link #THRESHOLD_FIXED} as given to train (null in models older than this field: fixed)
 * @param enterThreshold detect's default enter threshold (a clip needs a frame scoring at least this), chosen on the
 *     validation clips; {@code threshold} is the exit threshold (every frame of a clip scores at least it). Null in
 *     models older than this field and with a fixed threshold: the same as {@code threshold}
 * @param baselineLogit the reference level of {@link TapeBaseline}: the mean logit of the model's scores of its
 *     validation tapes' backgrounds; each tape's scores are moved by their background's distance from it. Null in
 *     models older than this field and in models without a background: raw scores
 * @param edgeBeforeSeconds how much earlier than the model's clips the labelled ones began on the validation tapes
 *     ({@link io.dunkclip.metrics.EdgeCorrection}): detect starts each clip this much earlier; null (older models,
 *     fixed thresholds): 0
 * @param edgeAfterSeconds the same at the clips' ends: detect ends each clip this much later; null: 0
 */
public record ModelMetadata(
    int formatVersion,
    String modelVersion,
    String architecture,
    int inputWidth,
    int inputHeight,
    String fit,
    String normalisation,
    double threshold,
    List<String> trainedOn,
    String labelsSource,
    String createdAt,
    String input,
    String thresholdRule,
    Double enterThreshold,
    Double baselineLogit,
    Double edgeBeforeSeconds,
    Double edgeAfterSeconds) {

  public static final int FORMAT_VERSION = 1;
  public static final String NORMALISATION_RGB_01 = "rgb/255";
  public static final String NORMALISATION_CENTRED = "rgb/255-mean";
  /**
   * RGB in 0..255 minus the ImageNet per-channel means (R 123.68, G 116.779, B 103.939), channels in RGB order: DL4J's
   * {@code VGG16ImagePreProcessor} convention, used with the zoo's ImageNet weights.
   */
  public static final String NORMALISATION_IMAGENET = "rgb-imagenet-mean";
  public static final String FIT_STRETCH = "stretch";
  /** The network sees the frame only: three channels. */
  public static final String INPUT_FRAME = "frame";
  /**
   * The network sees the frame and the frame minus its tape's background (both normalised the same way): six
   * channels, so it can compare with the empty court of the fixed camera.
   */
  public static final String INPUT_FRAME_BACKGROUND = "frame+background";
  /** The threshold is the one train was given. */
  public static final String THRESHOLD_FIXED = "fixed";
  /** The threshold was chosen on the validation tapes (best F1, middle of its step; see OperatingPoint). */
  public static final String THRESHOLD_CALIBRATED = "validation-best-f1";

  public ModelMetadata {
    input = input == null ? INPUT_FRAME : input;
    thresholdRule = thresholdRule == null ? THRESHOLD_FIXED : thresholdRule;
    if (enterThreshold != null && !(enterThreshold >= threshold && enterThreshold <= 1)) {
      throw new IllegalArgumentException("Cannot use the model: its enter threshold must be between its threshold "
          + threshold + " and 1 (enterThreshold=" + enterThreshold + "); retrain it");
    }
    if (!INPUT_FRAME.equals(input) && !INPUT_FRAME_BACKGROUND.equals(input)) {
      throw new IllegalArgumentException("Cannot use the model: unknown input (input=" + input + "); this dunkclip"
          + " knows " + INPUT_FRAME + " and " + INPUT_FRAME_BACKGROUND + "; retrain it with this dunkclip");
    }
    if ((edgeBeforeSeconds != null && !(edgeBeforeSeconds >= 0 && edgeBeforeSeconds < 60))
        || (edgeAfterSeconds != null && !(edgeAfterSeconds >= 0 && edgeAfterSeconds < 60))) {
      throw new IllegalArgumentException("Cannot use the model: its clip edge corrections must be 0 to 60 seconds"
          + " (edgeBeforeSeconds=" + edgeBeforeSeconds + ", edgeAfterSeconds=" + edgeAfterSeconds + "); retrain it");
    }
    if (baselineLogit != null && (!INPUT_FRAME_BACKGROUND.equals(input) || !Double.isFinite(baselineLogit))) {
      throw new IllegalArgumentException("Cannot use the model: a baseline level needs a finite value and the"
          + " background input (baselineLogit=" + baselineLogit + ", input=" + input + "); retrain it");
    }
  }

  /** Whether the network needs its tape's background beside each frame. */
  public boolean needsBackground() {
    return INPUT_FRAME_BACKGROUND.equals(input);
  }

  /** Input channels of the network: 3 for the frame, 6 with the background difference. */
  public int channels() {
    return needsBackground() ? 6 : 3;
  }

  /** The enter threshold detect uses by default: the stored one, else the threshold. */
  public double enter() {
    return enterThreshold != null ? enterThreshold : threshold;
  }

  public ModelMetadata withThreshold(double newThreshold, String rule) {
    return new ModelMetadata(formatVersion, modelVersion, architecture, inputWidth, inputHeight, fit, normalisation,
        newThreshold, trainedOn, labelsSource, createdAt, input, rule, null, baselineLogit, null, null);
  }

  /** These thresholds: {@code exit} as the threshold and {@code enter} for clips. */
  public ModelMetadata withThresholds(double exit, double enter, String rule) {
    return new ModelMetadata(formatVersion, modelVersion, architecture, inputWidth, inputHeight, fit, normalisation,
        exit, trainedOn, labelsSource, createdAt, input, rule, enter, baselineLogit, edgeBeforeSeconds,
        edgeAfterSeconds);
  }

  public ModelMetadata withModelVersion(String version) {
    return new ModelMetadata(formatVersion, version, architecture, inputWidth, inputHeight, fit, normalisation,
        threshold, trainedOn, labelsSource, createdAt, input, thresholdRule, enterThreshold, baselineLogit,
        edgeBeforeSeconds, edgeAfterSeconds);
  }

  /** The same model widening detected clips by these edge corrections (seconds, 0 or more). */
  public ModelMetadata withEdges(double beforeSeconds, double afterSeconds) {
    return new ModelMetadata(formatVersion, modelVersion, architecture, inputWidth, inputHeight, fit, normalisation,
        threshold, trainedOn, labelsSource, createdAt, input, thresholdRule, enterThreshold, baselineLogit,
        beforeSeconds, afterSeconds);
  }

  /** Seconds detect adds before each clip by default ({@code edgeBeforeSeconds}, 0 when absent). */
  public double edgeBefore() {
    return edgeBeforeSeconds != null ? edgeBeforeSeconds : 0;
  }

  /** Seconds detect adds after each clip by default ({@code edgeAfterSeconds}, 0 when absent). */
  public double edgeAfter() {
    return edgeAfterSeconds != null ? edgeAfterSeconds : 0;
  }

  /** The same model with {@code reference} as its {@link TapeBaseline} reference level (null: raw scores). */
  public ModelMetadata withBaselineLogit(Double reference) {
    return new ModelMetadata(formatVersion, modelVersion, architecture, inputWidth, inputHeight, fit, normalisation,
        threshold, trainedOn, labelsSource, createdAt, input, thresholdRule, enterThreshold, reference,
        edgeBeforeSeconds, edgeAfterSeconds);
  }
}
