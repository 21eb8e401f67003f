package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The direct ND4J forward pass against DL4J's own, on random weights and inputs. */
class GraphInferenceTest {

  @Test
  void theSmallCnnScoresLikeDl4jAtSeveralSizes() {
    for (int[] size : new int[][] {{64, 64}, {48, 32}, {40, 56}}) {
      ComputationGraph network = Architectures.build(Architectures.SMALL_CNN, size[0], size[1], 7, 1e-3);
      GraphInference direct = GraphInference.compile(network, 3, size[1], size[0]).orElseThrow();
      assertSameOutputs(network, direct, randomBatch(5, 3, size[1], size[0], size[0]));
    }
  }

  @Test
  void sameModeUnbiasedConvolutionsAverageAndSumPoolingScoreLikeDl4jAndDilationIsLeftToDl4j() {
    ComputationGraph network = chain(ConvolutionMode.Same, false, PoolingType.MAX, PoolingType.SUM,
        Activation.TANH, 3, 1);
    GraphInference direct = GraphInference.compile(network, 3, 24, 20).orElseThrow();
    assertSameOutputs(network, direct, randomBatch(4, 3, 24, 20, 11));

    ComputationGraph truncate = chain(ConvolutionMode.Truncate, true, PoolingType.AVG, PoolingType.AVG,
        Activation.SIGMOID, 2, 1);
    GraphInference directTruncate = GraphInference.compile(truncate, 3, 24, 20).orElseThrow();
    assertSameOutputs(truncate, directTruncate, randomBatch(4, 3, 24, 20, 12));

    // Dilated convolutions stay with DL4J (ND4J M2's conv2d refuses some dilated shapes that DL4J computes).
    ComputationGraph dilated = chain(ConvolutionMode.Truncate, true, PoolingType.MAX, PoolingType.MAX,
        Activation.RELU, 2, 2);
    assertThat(GraphInference.translate(dilated)).isEmpty();
  }

  @Test
  void aGraphWithALayerItDoesNotRunIsLeftToDl4jAndFrameScorerStillScoresIt() {
    ComputationGraph network = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
        .weightInit(WeightInit.RELU).graphBuilder()
        .addInputs("frame")
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "frame")
        .addLayer("norm", new BatchNormalization.Builder().build(), "conv")
        .addLayer("global", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "norm")
        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
            .activation(Activation.SIGMOID).build(), "global")
        .setOutputs("out").setInputTypes(InputType.convolutional(16, 16, 3)).build());
    network.init();
    assertThat(GraphInference.translate(network)).isEmpty();
    assertThat(GraphInference.compile(network, 3, 16, 16)).isEmpty();

    DunkModel model = new DunkModel(network, metadata(16, 16));
    FrameScorer scorer = new FrameScorer(model);
    assertThat(scorer.direct()).isFalse();
    List<byte[]> frames = randomFrames(3, 16, 16);
    float[] expected = network.outputSingle(false,
        FrameScorer.features(frames, 16, 16, ModelMetadata.NORMALISATION_CENTRED)).reshape(3).toFloatVector();
    assertThat(scorer.score(frames)).containsExactly(expected);
  }

  @Test
  void frameScorerUsesTheDirectPassForTheSmallCnnWithTheSameScores() {
    ComputationGraph network = Architectures.build(Architectures.SMALL_CNN, 32, 32, 5, 1e-3);
    FrameScorer scorer = new FrameScorer(new DunkModel(network, metadata(32, 32)));
    assertThat(scorer.direct()).isTrue();
    List<byte[]> frames = randomFrames(6, 32, 32);
    float[] expected = network.outputSingle(false,
        FrameScorer.features(frames, 32, 32, ModelMetadata.NORMALISATION_CENTRED)).reshape(6).toFloatVector();
    float[] actual = scorer.score(frames);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("frame %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void theProbeRefusesAForwardPassThatScoresDifferently() {
    ComputationGraph network = Architectures.build(Architectures.SMALL_CNN, 32, 32, 1, 1e-3);
    ComputationGraph other = Architectures.build(Architectures.SMALL_CNN, 32, 32, 2, 1e-3);
    GraphInference otherWeights = GraphInference.translate(other).orElseThrow();
    assertThat(GraphInference.probe(network, otherWeights, new long[] {2, 3, 32, 32}))
        .startsWith("differs by");
    assertThat(GraphInference.probe(network, GraphInference.translate(network).orElseThrow(),
        new long[] {2, 3, 32, 32})).isNull();
  }

  private static ComputationGraph chain(ConvolutionMode mode, boolean bias, PoolingType pooling,
      PoolingType global, Activation activation, int kernel, int dilation) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(9)
        .weightInit(WeightInit.XAVIER).convolutionMode(mode).graphBuilder()
        .addInputs("frame")
        .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).hasBias(bias)
            .activation(activation).build(), "frame")
        .addLayer("pool", new SubsamplingLayer.Builder(pooling).kernelSize(2, 2).stride(2, 2).build(), "conv1")
        .addLayer("conv2", new ConvolutionLayer.Builder(kernel, kernel).dilation(dilation, dilation)
            .nOut(5).hasBias(bias)
            .activation(Activation.LEAKYRELU).build(), "pool")
        .addLayer("global", new GlobalPoolingLayer.Builder(global).build(), "conv2")
        .addLayer("dense", new DenseLayer.Builder().nOut(7).hasBias(bias).activation(Activation.ELU).build(),
            "global")
        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
            .activation(Activation.SIGMOID).build(), "dense")
        .setOutputs("out").setInputTypes(InputType.convolutional(24, 20, 3)).build();
    ComputationGraph network = new ComputationGraph(conf);
    network.init();
    return network;
  }

  private static void assertSameOutputs(ComputationGraph network, GraphInference direct, INDArray input) {
    INDArray expected = network.outputSingle(false, input);
    INDArray actual = direct.output(input);
    assertThat(actual.shape()).containsExactly(expected.shape());
    double difference = expected.sub(actual).amaxNumber().doubleValue();
    assertThat(difference).as("largest difference from DL4J's output").isLessThan(1e-5);
    // Not a trivially constant network: the batch's outputs differ from each other.
    assertThat(expected.maxNumber().doubleValue() - expected.minNumber().doubleValue()).isGreaterThan(1e-4);
  }

  private static INDArray randomBatch(int n, int channels, int height, int width, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n * channels * height * width];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return Nd4j.create(values, new long[] {n, channels, height, width}, 'c');
  }

  private static List<byte[]> randomFrames(int n, int width, int height) {
    Random random = new Random(n * 31L + width);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[width * height * 3];
      random.nextBytes(rgb);
      frames.add(rgb);
    }
    return frames;
  }

  private static ModelMetadata metadata(int width, int height) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", Architectures.SMALL_CNN, width, height,
        ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_CENTRED, 0.95, List.of(), "none", "now", null, null,
        null, null, null, null);
  }
}
