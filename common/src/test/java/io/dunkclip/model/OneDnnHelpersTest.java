package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.dunkclip.metrics.Roc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's oneDNN helpers against DL4J's plain path, layer by layer: for each layer kind and mode dunkclip's networks
 * use, two networks with the same weights (one built with the helpers, one without) must give the same activations of
 * every layer (training and inference mode), the same gradient of every parameter, and the same parameters (batch
 * normalisation's running statistics included) after three Adam steps. Tolerance: each array's largest difference at
 * most {@value #TOLERANCE} of its largest magnitude, for gradients of the network's largest gradient (float32; the two
 * paths sum in another order). And small-cnn
 * trained both ways from the same weights on the same batches reaches the same validation ROC AUC.
 */
class OneDnnHelpersTest {
  private static final double TOLERANCE = 1e-4;
  private static final long SEED = 11;

  @Test
  void theShimAnswersUnderTheNameDl4jLooksUpAndDl4jThenBuildsItsHelpers() throws Exception {
    assertThat(OneDnnHelpers.enable()).as("oneDNN helpers active on nd4j-native's oneDNN natives").isTrue();
    // The name DL4J 1.0.0-M2's BaseMKLDNNHelper loads: when a DL4J upgrade looks elsewhere, this and the helper
    // checks below say so.
    Class<?> shim = Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
    Object instance = shim.getMethod("getInstance").invoke(null);
    assertThat((boolean) shim.getMethod("isUseMKLDNN").invoke(instance)).isTrue();

    ComputationGraph helped = OneDnnHelpers.building(true, () -> Architectures.build(Architectures.SMALL_CNN, 32, 32,
        6, SEED, 1e-3, BackboneWeights.ZOO_CACHE));
    ComputationGraph plain = OneDnnHelpers.building(false, () -> Architectures.build(Architectures.SMALL_CNN, 32, 32,
        6, SEED, 1e-3, BackboneWeights.ZOO_CACHE));
    assertThat(helped.getLayer("conv1").getHelper()).isInstanceOf(MKLDNNConvHelper.class);
    assertThat(helped.getLayer("pool1").getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
    assertThat(plain.getLayer("conv1").getHelper()).isNull();
    assertThat(plain.getLayer("pool1").getHelper()).isNull();
    // A network built outside building(...) follows enable(): helpers on.
    assertThat(Architectures.build(Architectures.SMALL_CNN, 32, 32, 3, SEED, 1e-3, BackboneWeights.ZOO_CACHE)
        .getLayer("conv3").getHelper())
        .isInstanceOf(MKLDNNConvHelper.class);
  }

  @Test
  void convolutionsInTheProjectsPaddingAndStrideModesMatchThePlainPath() {
    // small-cnn's strided 5x5 first layer and its 3x3 "same size" layers (explicit padding, Truncate mode).
    assertSamePath("conv 5x5 stride 2 pad 2", 6, 17, 19,
        new ConvolutionLayer.Builder(5, 5).stride(2, 2).padding(2, 2).nOut(8).activation(Activation.RELU).build());
    assertSamePath("conv 3x3 pad 1", 8, 9, 8,
        new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(5).activation(Activation.RELU).build());
    // ResNet50's modes: 7x7 stride 2 pad 3, 1x1 stride 2, and Same mode with stride 2 on odd sizes.
    assertSamePath("conv 7x7 stride 2 pad 3", 3, 21, 18,
        new ConvolutionLayer.Builder(7, 7).stride(2, 2).padding(3, 3).nOut(4).activation(Activation.IDENTITY).build());
    assertSamePath("conv 1x1 stride 2", 6, 11, 10,
        new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(7).activation(Activation.IDENTITY).build());
    assertSamePath("conv 3x3 stride 2 Same", 4, 13, 11,
        new ConvolutionLayer.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(6)
            .activation(Activation.IDENTITY).build());
    assertSamePath("conv 3x3 Same no bias", 4, 10, 9,
        new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same).hasBias(false).nOut(5)
            .activation(Activation.TANH).build());
  }

  @Test
  void maxAndAveragePoolingMatchThePlainPath() {
    // Each after a convolution with identity activation, so their backward pass shows in its weight gradient (and
    // no ReLU zeros make ties for max pooling to break differently).
    assertSamePath("max 2x2 stride 2", 3, 16, 14, conv(), new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(2, 2).stride(2, 2).build());
    assertSamePath("max 2x2 stride 2, odd size", 3, 15, 13, conv(), new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(2, 2).stride(2, 2).build());
    assertSamePath("max 3x3 stride 2 Same", 3, 15, 16, conv(), new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).build());
    assertSamePath("avg 2x2 stride 2", 3, 16, 14, conv(), new SubsamplingLayer.Builder(PoolingType.AVG)
        .kernelSize(2, 2).stride(2, 2).build());
    assertSamePath("avg 3x3 stride 2 pad 1", 3, 15, 14, conv(), new SubsamplingLayer.Builder(PoolingType.AVG)
        .kernelSize(3, 3).stride(2, 2).padding(1, 1).build());
    assertSamePath("avg 3x3 stride 2 Same", 3, 13, 15, conv(), new SubsamplingLayer.Builder(PoolingType.AVG)
        .kernelSize(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).build());
  }

  @Test
  void globalPoolingBatchNormalisationAndDenseLayersMatchThePlainPath() {
    assertSamePath("global max", 3, 12, 10, conv(), new GlobalPoolingLayer.Builder(PoolingType.MAX).build(),
        new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build());
    assertSamePath("global avg", 3, 12, 10, conv(), new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
        new DenseLayer.Builder().nOut(4).activation(Activation.SIGMOID).build());
    // A bias right before batch normalisation has a zero gradient in exact arithmetic, so each path's rounding noise
    // is all it gets, and Adam scales noise to full steps: those convolutions have no bias.
    assertSamePath("batch norm, convolutional", 3, 11, 12, unbiasedConv(), new BatchNormalization.Builder().build());
    assertSamePath("batch norm after global pooling (ResNet50's head)", 3, 9, 9, unbiasedConv(),
        new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), new BatchNormalization.Builder().build(),
        new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build());
  }

  @Test
  void smallCnnTrainedWithTheHelpersReachesThePlainPathsValidationAuc() {
    int size = 32;
    Random random = new Random(SEED);
    List<DataSet> batches = new ArrayList<>();
    for (int b = 0; b < 24; b++) {
      batches.add(figures(16, size, random));
    }
    DataSet validation = figures(200, size, random);
    ComputationGraph plain = OneDnnHelpers.building(false, () -> Architectures.build(Architectures.SMALL_CNN, size,
        size, 3, SEED, 1e-3, BackboneWeights.ZOO_CACHE));
    ComputationGraph helped = OneDnnHelpers.building(true, () -> Architectures.build(Architectures.SMALL_CNN, size,
        size, 3, SEED, 1e-3, BackboneWeights.ZOO_CACHE));
    assertThat(helped.params()).isEqualTo(plain.params());
    double[] aucPlain = new double[3];
    double[] aucHelped = new double[3];
    for (int epoch = 0; epoch < 3; epoch++) {
      for (DataSet batch : batches) {
        plain.fit(batch);
        helped.fit(batch);
      }
      aucPlain[epoch] = auc(plain, validation);
      aucHelped[epoch] = auc(helped, validation);
    }
    // Learnt something, and as well with either path: the best epoch's AUC (what train keeps) within 0.01, every
    // epoch's within 0.02 (72 Adam steps from float sums in another order drift apart a little).
    assertThat(aucPlain[2]).isGreaterThan(0.85);
    for (int epoch = 0; epoch < 3; epoch++) {
      assertThat(aucHelped[epoch]).as("validation ROC AUC after epoch %d (plain %s)", epoch + 1, aucPlain[epoch])
          .isCloseTo(aucPlain[epoch], offset(0.02));
    }
    assertThat(Arrays.stream(aucHelped).max().orElseThrow()).as("best validation ROC AUC")
        .isCloseTo(Arrays.stream(aucPlain).max().orElseThrow(), offset(0.01));
  }

  /** {@link #conv()} without bias, for batch normalisation to follow. */
  private static ConvolutionLayer unbiasedConv() {
    return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).hasBias(false).activation(Activation.IDENTITY)
        .build();
  }

  /** An identity-activation 3x3 convolution feeding the layer under test. */
  private static ConvolutionLayer conv() {
    return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.IDENTITY).build();
  }

  /**
   * The layers in a chain from a {@code channels x height x width} input to a mean squared error loss, built with and
   * without helpers from the same weights: activations, gradients and parameters after training steps must agree.
   */
  private static void assertSamePath(String name, int channels, int height, int width, Layer... layers) {
    ComputationGraph plain = OneDnnHelpers.building(false, () -> network(channels, height, width, layers));
    ComputationGraph helped = OneDnnHelpers.building(true, () -> network(channels, height, width, layers));
    helped.setParams(plain.params().dup());
    boolean anyHelper = false;
    for (int i = 0; i < layers.length; i++) {
      assertThat(plain.getLayer("layer" + i).getHelper()).as(name + ": plain path of layer %d", i).isNull();
      anyHelper |= helped.getLayer("layer" + i).getHelper() != null;
    }
    boolean expectsHelper = Arrays.stream(layers).anyMatch(l -> l instanceof ConvolutionLayer
        || l instanceof SubsamplingLayer || l instanceof BatchNormalization);
    assertThat(anyHelper).as(name + ": a oneDNN helper in the helper network").isEqualTo(expectsHelper);

    Random random = new Random(name.hashCode());
    INDArray input = randomArray(random, 5, channels, height, width);
    for (boolean train : new boolean[] {true, false}) {
      Map<String, INDArray> expected = plain.feedForward(new INDArray[] {input}, train, false);
      Map<String, INDArray> actual = helped.feedForward(new INDArray[] {input}, train, false);
      for (String layer : expected.keySet()) {
        assertClose(name + ", " + (train ? "training" : "inference") + " activations of " + layer,
            expected.get(layer), actual.get(layer));
      }
    }
    INDArray output = plain.outputSingle(input);
    INDArray labels = randomArray(random, output.shape());
    plain.setInputs(input);
    plain.setLabels(labels);
    helped.setInputs(input);
    helped.setLabels(labels);
    plain.computeGradientAndScore();
    helped.computeGradientAndScore();
    assertThat(helped.score()).as(name + ": loss").isCloseTo(plain.score(),
        offset(TOLERANCE * Math.max(1, Math.abs(plain.score()))));
    Map<String, INDArray> expectedGradients = plain.gradient().gradientForVariable();
    Map<String, INDArray> actualGradients = helped.gradient().gradientForVariable();
    assertThat(actualGradients.keySet()).isEqualTo(expectedGradients.keySet());
    // Relative to the network's largest gradient: a gradient that is zero in exact arithmetic (a convolution's bias
    // before batch normalisation) is rounding noise on both paths, of another size on each.
    double gradientScale = expectedGradients.values().stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max()
        .orElseThrow();
    for (String variable : expectedGradients.keySet()) {
      assertClose(name + ", gradient of " + variable, expectedGradients.get(variable), actualGradients.get(variable),
          gradientScale);
    }
    DataSet batch = new DataSet(input, labels);
    for (int step = 0; step < 3; step++) {
      plain.fit(batch);
      helped.fit(batch);
    }
    Map<String, INDArray> expectedParams = plain.paramTable();
    Map<String, INDArray> actualParams = helped.paramTable();
    for (String param : expectedParams.keySet()) {
      assertClose(name + ", " + param + " after 3 steps", expectedParams.get(param), actualParams.get(param));
    }
  }

  private static ComputationGraph network(int channels, int height, int width, Layer... layers) {
    ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
        .seed(SEED)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-2))
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in");
    String previous = "in";
    for (int i = 0; i < layers.length; i++) {
      builder.addLayer("layer" + i, layers[i].clone(), previous);
      previous = "layer" + i;
    }
    boolean convolutionalOut = layers[layers.length - 1] instanceof ConvolutionLayer
        || layers[layers.length - 1] instanceof SubsamplingLayer
        || layers[layers.length - 1] instanceof BatchNormalization && layers.length > 1
        && !(layers[layers.length - 2] instanceof GlobalPoolingLayer);
    Layer loss = convolutionalOut
        ? new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build()
        : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY).build();
    ComputationGraph graph = new ComputationGraph(builder.addLayer("loss", loss, previous)
        .setOutputs("loss")
        .setInputTypes(InputType.convolutional(height, width, channels))
        .build());
    graph.init();
    return graph;
  }

  /** Largest difference at most {@link #TOLERANCE} of the largest magnitude of {@code expected}. */
  private static void assertClose(String what, INDArray expected, INDArray actual) {
    assertClose(what, expected, actual, expected.amaxNumber().doubleValue());
  }

  /** Largest difference at most {@link #TOLERANCE} of {@code scale}. */
  private static void assertClose(String what, INDArray expected, INDArray actual, double scale) {
    assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
    double difference = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber()
        .doubleValue();
    assertThat(difference).as("%s: largest difference (scale %s)", what, scale)
        .isLessThanOrEqualTo(TOLERANCE * scale + 1e-7);
  }

  private static INDArray randomArray(Random random, long... shape) {
    long count = 1;
    for (long s : shape) {
      count *= s;
    }
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return Nd4j.create(values, shape, 'c');
  }

  /**
   * A batch of noisy {@code size x size} pictures, half holding a small reddish figure (label 1) somewhere: small-cnn
   * learns it within a few epochs.
   */
  private static DataSet figures(int count, int size, Random random) {
    float[] pixels = new float[count * 3 * size * size];
    float[] labels = new float[count];
    for (int n = 0; n < count; n++) {
      boolean figure = random.nextBoolean();
      labels[n] = figure ? 1 : 0;
      int fx = random.nextInt(size - 6);
      int fy = random.nextInt(size - 8);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            float value = (float) (random.nextGaussian() * 0.5);
            if (figure && x >= fx && x < fx + 5 && y >= fy && y < fy + 8) {
              value += c == 0 ? 1.2f : -0.6f;
            }
            pixels[((n * 3 + c) * size + y) * size + x] = value;
          }
        }
      }
    }
    return new DataSet(Nd4j.create(pixels, new long[] {count, 3, size, size}, 'c'),
        Nd4j.create(labels, new long[] {count, 1}, 'c'));
  }

  private static double auc(ComputationGraph network, DataSet validation) {
    INDArray scores = network.outputSingle(validation.getFeatures());
    double[] values = scores.castTo(DataType.DOUBLE).toDoubleVector();
    boolean[] positives = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      positives[i] = validation.getLabels().getDouble(i, 0) == 1;
    }
    return Roc.auc(values, positives);
  }
}
