package io.dunkclip.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks dunkclip can train, by name. Every one ends in a single sigmoid unit: the probability that a player
 * is in frame.
 */
public final class Architectures {
  public static final String SMALL_CNN = "small-cnn";
  /** ResNet50 from the DL4J zoo, frozen, with a new trainable head: see {@link ResNet50Transfer}. */
  public static final String RESNET50 = "resnet50";
  public static final List<String> NAMES = List.of(SMALL_CNN, RESNET50);

  private Architectures() {}

  /** Builds and initialises the named network for {@code width x height} RGB input; resnet50 from the zoo cache. */
  public static ComputationGraph build(String name, int width, int height, long seed, double learningRate) {
    return build(name, width, height, seed, learningRate, BackboneWeights.ZOO_CACHE);
  }

  /** Builds and initialises the named network; {@code weights} says where a pretrained backbone comes from. */
  public static ComputationGraph build(String name, int width, int height, long seed, double learningRate,
      BackboneWeights weights) {
    return build(name, width, height, 3, seed, learningRate, weights);
  }

  /**
   * Builds and initialises the named network for {@code channels} input channels (3: the frame; 6: the frame and its
   * background difference, small-cnn only); {@code weights} says where a pretrained backbone comes from.
   */
  public static ComputationGraph build(String name, int width, int height, int channels, long seed,
      double learningRate, BackboneWeights weights) {
    if (RESNET50.equals(name) && channels != 3) {
      throw new IllegalArgumentException("Cannot build the network: resnet50's ImageNet weights take the frame alone"
          + " (arch=resnet50, input channels=" + channels + "); use --input " + ModelMetadata.INPUT_FRAME);
    }
    OneDnnHelpers.enable();
    if (SMALL_CNN.equals(name)) {
      ComputationGraph graph = new ComputationGraph(smallCnn(width, height, channels, seed, learningRate));
      graph.init();
      return graph;
    }
    if (RESNET50.equals(name)) {
      return ResNet50Transfer.build(width, height, seed, learningRate, weights);
    }
    throw new IllegalArgumentException(
        "Cannot build the network: unknown architecture (arch=" + name + "); choose one of " + NAMES);
  }

  /**
   * Where the named network's frozen part ends, if it has one: the vertex whose output can be computed once per frame
   * and cached ({@link FrozenBackbone}). For resnet50 the global pool after the last residual block (2048 values a
   * frame, whatever the frame size) rather than the block itself (2048 x h/32 x w/32): the pool has no parameters, so
   * the head trains on the same numbers either way, at 1/49 of the storage at 224x224.
   */
  public static java.util.Optional<String> featureCachePoint(String name) {
    return RESNET50.equals(name) ? java.util.Optional.of(ResNet50Transfer.POOL) : java.util.Optional.empty();
  }

  /**
   * How frames become inputs for the named network: small-cnn learns from per-frame centred [0, 1] values; resnet50
   * gets what its ImageNet weights were trained on, 0..255 minus the ImageNet channel means.
   */
  public static String normalisation(String name) {
    return RESNET50.equals(name) ? ModelMetadata.NORMALISATION_IMAGENET : ModelMetadata.NORMALISATION_CENTRED;
  }

  /**
   * Three small convolution blocks and a global max pool: "is there a player anywhere in the picture" does not
   * depend on where, and max pooling keeps a small figure's evidence from being averaged away by empty court. Trains
   * to a useful model in a minute or two on 2 CPU cores at 64x64.
   */
  static ComputationGraphConfiguration smallCnn(int width, int height, int channels, long seed,
      double learningRate) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(learningRate))
        .weightInit(WeightInit.RELU)
        .l2(1e-4)
        .graphBuilder()
        .addInputs("frame")
        // A strided 5x5 first layer: a quarter of the positions for the costliest layer, little lost at 64x64.
        .addLayer("conv1", new ConvolutionLayer.Builder(5, 5).stride(2, 2).padding(2, 2).nOut(16)
            .activation(Activation.RELU).build(), "frame")
        .addLayer("pool1", pool(), "conv1")
        .addLayer("conv2", conv(32), "pool1")
        .addLayer("pool2", pool(), "conv2")
        .addLayer("conv3", conv(32), "pool2")
        .addLayer("global", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv3")
        .addLayer("dense", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "global")
        .addLayer(
            "player",
            new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .nOut(1)
                .activation(Activation.SIGMOID)
                .weightInit(WeightInit.XAVIER)
                .build(),
            "dense")
        .setOutputs("player")
        .setInputTypes(InputType.convolutional(height, width, channels))
        .build();
  }

  /**
   * What the named network sees by default: small-cnn compares each frame with its tape's background (measured better
   * on unseen tapes, see the README); resnet50's ImageNet weights take the frame alone.
   */
  public static String defaultInput(String name) {
    return RESNET50.equals(name) ? ModelMetadata.INPUT_FRAME : ModelMetadata.INPUT_FRAME_BACKGROUND;
  }

  private static ConvolutionLayer conv(int filters) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(filters)
        .padding(1, 1)
        .activation(Activation.RELU)
        .build();
  }

  private static SubsamplingLayer pool() {
    return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
  }
}
