package io.dunkclip.model;

import io.dunkclip.video.Rgb;
import io.dunkclip.background.Background;
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
  /** The tape's background (packed RGB) for a model that compares with it; null for a frame-only model. */
  private final byte[] background;
  /** The model's raw score of the background itself: its level for this tape's empty court; NaN without one. */
  private final float backgroundScore;
  /** The {@link TapeBaseline} offset added to every score's logit; 0 for raw scores. */
  private final double offset;
  /** The same forward pass as ND4J operations, several times faster on CPU; null when the graph has no such form. */
  private final GraphInference direct;

  /**
   * A scorer for a model that sees the frame alone. Callers choose their own batch size: {@link #score} scores
   * whatever list it is given in one call.
   */
  public FrameScorer(DunkModel model) {
    this(model, (byte[]) null, true);
  }

  /**
   * A scorer for the frames of one tape: {@code background} is that tape's background (packed RGB of the model's
   * input size), required when the model's input includes it ({@link ModelMetadata#needsBackground}) and ignored
   * otherwise.
   */
  public FrameScorer(DunkModel model, byte[] background) {
    this(model, background, true);
  }

  /**
   * A scorer for the frames of the tape {@code background} was estimated from; an unreliable background is compared
   * with but not used as the tape's empty level ({@link TapeBaseline}).
   */
  public FrameScorer(DunkModel model, Background background) {
    this(model, background == null ? null : background.rgb(), background == null || !background.unreliable());
  }

  /**
   * A scorer for the frames of one tape. When the model has a {@link TapeBaseline} reference level and {@code
   * reliable}, scores are moved by the distance between the model's score of {@code background} and that level.
   */
  public FrameScorer(DunkModel model, byte[] background, boolean reliable) {
    ModelMetadata metadata = model.metadata();
    this.network = model.network();
    this.normalisation = metadata.normalisation();
    this.width = metadata.inputWidth();
    this.height = metadata.inputHeight();
    if (metadata.needsBackground()) {
      if (background == null) {
        throw new IllegalArgumentException("Cannot score frames: the model compares each frame with its tape's"
            + " background, and none was given (input=" + metadata.input() + ")");
      }
      if (background.length != width * height * 3) {
        throw new IllegalArgumentException("Cannot score frames: the background has " + background.length
            + " bytes, not a " + width + "x" + height + " RGB picture (the model's input size)");
      }
    }
    this.background = metadata.needsBackground() ? background : null;
    this.direct = GraphInference.compile(network, metadata.channels(), height, width).orElse(null);
    if (this.background != null) {
      this.backgroundScore = rawScores(List.of(this.background))[0];
      this.offset = TapeBaseline.offset(metadata.baselineLogit(), backgroundScore, reliable);
    } else {
      this.backgroundScore = Float.NaN;
      this.offset = 0;
    }
  }

  /** The model's raw score of this tape's background (NaN for a frame-only model). */
  public float backgroundScore() {
    return backgroundScore;
  }

  /** The logit offset this scorer adds to the model's raw scores (0: raw scores). */
  public double offset() {
    return offset;
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

  /**
   * The network's input for frames of one tape: {@link #features(List, int, int, String)} when {@code background} is
   * null, else six channels per frame, the normalised frame and then the normalised frame minus the normalised
   * background. With per-frame centring a change of the light's level over the whole picture cancels out of the
   * difference, while a player stands out of it wherever the court shows through behind them.
   */
  public static INDArray features(List<byte[]> frames, byte[] background, int width, int height,
      String normalisation) {
    if (background == null) {
      return features(frames, width, height, normalisation);
    }
    int plane = width * height;
    int size = 3 * plane;
    float[] framePart = features(frames, width, height, normalisation).data().asFloat();
    float[] backgroundPart = features(List.of(background), width, height, normalisation).data().asFloat();
    float[] data = new float[frames.size() * 2 * size];
    for (int i = 0; i < frames.size(); i++) {
      int from = i * size;
      int to = i * 2 * size;
      System.arraycopy(framePart, from, data, to, size);
      for (int p = 0; p < size; p++) {
        data[to + size + p] = framePart[from + p] - backgroundPart[p];
      }
    }
    return Nd4j.create(data, new long[] {frames.size(), 6, height, width}, 'c');
  }

  /**
   * Scores a batch of packed RGB frames of the model's input size (of this scorer's tape), relative to the tape's
   * empty level when the model has one ({@link TapeBaseline}).
   */
  public float[] score(List<byte[]> frames) {
    float[] scores = rawScores(frames);
    if (offset != 0) {
      for (int i = 0; i < scores.length; i++) {
        scores[i] = TapeBaseline.shift(scores[i], offset);
      }
    }
    return scores;
  }

  private float[] rawScores(List<byte[]> frames) {
    if (frames.isEmpty()) {
      return new float[0];
    }
    INDArray input = features(frames, background, width, height, normalisation);
    INDArray output = direct != null ? direct.output(input) : network.outputSingle(false, input);
    float[] scores = output.reshape(frames.size()).toFloatVector();
    input.close();
    if (output.closeable()) { // DL4J's own pass may hand back a view or workspace array, which it frees itself
      output.close();
    }
    return scores;
  }
}
