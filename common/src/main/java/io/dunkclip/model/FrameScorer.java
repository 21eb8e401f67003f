package io.dunkclip.model;

import io.dunkclip.video.Rgb;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores decoded frames in batches: the probability that a player is in frame. Frames must already have the
 * model's input size (the reader resizes them in FFmpeg).
 */
public final class FrameScorer {
  /** ImageNet's per-channel means in 0..255, RGB order (as DL4J's VGG16ImagePreProcessor subtracts them). */
  private static final float[] IMAGENET_MEAN_RGB = {123.68f, 116.779f, 103.939f};

  private final ComputationGraph network;
  private final int width;
  private final int height;

  private final String normalisation;
  /** The same forward pass as ND4J operations, several times faster on CPU; null when the graph has no such form. */
  private final GraphInference direct;

  /** Callers choose their own batch size: {@link #score} scores whatever list it is given in one call. */
  public FrameScorer(DunkModel model) {
    this.network = model.network();
    this.normalisation = model.metadata().normalisation();
    this.width = model.metadata().inputWidth();
    this.height = model.metadata().inputHeight();
    this.direct = GraphInference.compile(network, 3, height, width).orElse(null);
  }

  /** Whether scores come from {@link GraphInference} rather than DL4J's own forward pass. */
  public boolean direct() {
    return direct != null;
  }

  /**
   * Converts packed RGB frames to the network's input, [n, 3, height, width], as {@code normalisation} says:
   * {@link ModelMetadata#NORMALISATION_RGB_01} scales to [0, 1]; {@link ModelMetadata#NORMALISATION_CENTRED}
   * also subtracts each frame's per-channel mean, so a court's paint colour and the light level of the day do not
   * shift every score of a tape; {@link ModelMetadata#NORMALISATION_IMAGENET} gives 0..255 minus ImageNet's channel
   * means, what pretrained ImageNet weights expect.
   */
  public static INDArray features(List<byte[]> frames, int width, int height, String normalisation) {
    boolean centred = ModelMetadata.NORMALISATION_CENTRED.equals(normalisation);
    boolean imagenet = ModelMetadata.NORMALISATION_IMAGENET.equals(normalisation);
    if (!centred && !imagenet && !ModelMetadata.NORMALISATION_RGB_01.equals(normalisation)) {
      throw new IllegalArgumentException("Cannot prepare frames for the model: unknown normalisation (normalisation="
          + normalisation + "); this dunkclip knows " + ModelMetadata.NORMALISATION_RGB_01 + ", "
          + ModelMetadata.NORMALISATION_CENTRED + " and " + ModelMetadata.NORMALISATION_IMAGENET);
    }
    int plane = width * height;
    int size = 3 * plane;
    float[] data = new float[frames.size() * size];
    for (int i = 0; i < frames.size(); i++) {
      Rgb.toChannelsFirst(frames.get(i), width, height, data, i * size);
      for (int channel = 0; channel < 3; channel++) {
        int from = i * size + channel * plane;
        float shift;
        float scale = 1f;
        if (imagenet) {
          // Back to 0..255, then the ImageNet mean of the channel off.
          scale = 255f;
          shift = IMAGENET_MEAN_RGB[channel];
        } else if (centred) {
          double sum = 0;
          for (int p = from; p < from + plane; p++) {
            sum += data[p];
          }
          shift = (float) (sum / plane);
        } else {
          continue;
        }
        for (int p = from; p < from + plane; p++) {
          data[p] = data[p] * scale - shift;
        }
      }
    }
    return Nd4j.create(data, new long[] {frames.size(), 3, height, width}, 'c');
  }

  /** Scores a batch of packed RGB frames of the model's input size. */
  public float[] score(List<byte[]> frames) {
    if (frames.isEmpty()) {
      return new float[0];
    }
    INDArray input = features(frames, width, height, normalisation);
    INDArray output = direct != null ? direct.output(input) : network.outputSingle(false, input);
    float[] scores = output.reshape(frames.size()).toFloatVector();
    input.close();
    if (output.closeable()) { // DL4J's own pass may hand back a view or workspace array, which it frees itself
      output.close();
    }
    return scores;
  }
}
