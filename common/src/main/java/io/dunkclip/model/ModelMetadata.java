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
    String createdAt) {

  public static final int FORMAT_VERSION = 1;
  public static final String NORMALISATION_RGB_01 = "rgb/255";
  public static final String NORMALISATION_CENTRED = "rgb/255-mean";
  /**
   * RGB in 0..255 minus the ImageNet per-channel means (R 123.68, G 116.779, B 103.939), channels in RGB order: DL4J's
   * {@code VGG16ImagePreProcessor} convention, used with the zoo's ImageNet weights.
   */
  public static final String NORMALISATION_IMAGENET = "rgb-imagenet-mean";
  public static final String FIT_STRETCH = "stretch";

  public ModelMetadata withModelVersion(String version) {
    return new ModelMetadata(formatVersion, version, architecture, inputWidth, inputHeight, fit, normalisation,
        threshold, trainedOn, labelsSource, createdAt);
  }
}
