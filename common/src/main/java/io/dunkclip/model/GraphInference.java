package io.dunkclip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained graph's forward pass run as ND4J's own operations (conv2d, max/avg pooling, reductions, matrix products)
 * for scoring, with the network's trained parameters.
 *
 * <p>Why: DL4J 1.0.0-M2's {@code ConvolutionLayer} never uses ND4J's oneDNN convolution. Its helper check looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that M2 moved, so every convolution falls back to an
 * im2col whose output is filled through a strided view; profiled on a detect run, that fill alone was a fifth of all
 * CPU, and scoring a 64x64 frame with the small CNN cost about 4.4 ms of CPU against 0.7 ms through {@code conv2d}
 * (which uses oneDNN in the {@code -onednn} natives). Training keeps DL4J's layers; only scoring takes this path.
 *
 * <p>Only plain chains of the layers below compile (the small CNN; ResNet50's graph does not and keeps DL4J's own
 * forward pass). {@link #compile} also runs both forward passes on a probe batch and refuses the fast one when they
 * disagree, so a layer setting this class does not model can never change a score.
 */
public final class GraphInference {
  private static final Logger LOG = LoggerFactory.getLogger(GraphInference.class);

  /** Largest difference in a probe score between the two forward passes still taken as float rounding. */
  static final double PROBE_TOLERANCE = 1e-4;

  private interface Step {
    INDArray apply(INDArray input);
  }

  private final List<Step> steps;

  private GraphInference(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * The fast forward pass for {@code network}, or empty when the graph has a vertex, layer or setting this class does
   * not run (then the caller uses {@code network.output}) or when a probe batch of {@code channels x height x width}
   * inputs scores differently.
   */
  public static Optional<GraphInference> compile(ComputationGraph network, int channels, int height, int width) {
    Optional<GraphInference> compiled = translate(network);
    if (compiled.isEmpty()) {
      return compiled;
    }
    String disagreement = probe(network, compiled.get(), new long[] {2, channels, height, width});
    if (disagreement != null) {
      LOG.warn("Scoring with DL4J's own (slower) forward pass: the direct ND4J one {}", disagreement);
      return Optional.empty();
    }
    return compiled;
  }

  /** The output of the graph's single output for {@code features} ([n, channels, height, width]). */
  public INDArray output(INDArray features) {
    INDArray x = features;
    for (Step step : steps) {
      INDArray next = step.apply(x);
      if (x != features && x != next && x.closeable()) {
        x.close(); // intermediate activations are not needed again; free their native memory now
      }
      x = next;
    }
    return x;
  }

  /** Without the probe: empty when some part of the graph is not one this class runs. */
  static Optional<GraphInference> translate(ComputationGraph network) {
    ComputationGraphConfiguration conf = network.getConfiguration();
    if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
      return Optional.empty();
    }
    String previous = conf.getNetworkInputs().get(0);
    List<Step> steps = new ArrayList<>();
    for (String name : conf.getTopologicalOrderStr()) {
      if (name.equals(conf.getNetworkInputs().get(0))) {
        continue;
      }
      GraphVertex vertex = conf.getVertices().get(name);
      List<String> inputs = conf.getVertexInputs().get(name);
      // A plain chain: each layer reads exactly the one before it, with no reshaping preprocessor in between.
      if (!(vertex instanceof LayerVertex layerVertex) || inputs == null || inputs.size() != 1
          || !inputs.get(0).equals(previous) || layerVertex.getPreProcessor() != null) {
        LOG.debug("No direct forward pass: vertex {} is not a layer reading only the vertex before it", name);
        return Optional.empty();
      }
      Optional<Step> step = step(network, name, layerVertex.getLayerConf().getLayer());
      if (step.isEmpty()) {
        LOG.debug("No direct forward pass: layer {} ({}) is not one GraphInference runs", name,
            layerVertex.getLayerConf().getLayer().getClass().getSimpleName());
        return Optional.empty();
      }
      steps.add(step.get());
      previous = name;
    }
    if (steps.isEmpty() || !previous.equals(conf.getNetworkOutputs().get(0))) {
      return Optional.empty();
    }
    return Optional.of(new GraphInference(List.copyOf(steps)));
  }

  private static Optional<Step> step(ComputationGraph network, String name, Layer layer) {
    // Exact classes only: subclasses (depthwise, separable, 1D, deconvolution, ...) compute something else.
    if (layer.getClass() == ConvolutionLayer.class) {
      return convolution(network, name, (ConvolutionLayer) layer);
    }
    if (layer.getClass() == SubsamplingLayer.class) {
      return pooling((SubsamplingLayer) layer);
    }
    if (layer.getClass() == GlobalPoolingLayer.class) {
      return globalPooling((GlobalPoolingLayer) layer);
    }
    if (layer.getClass() == DenseLayer.class && !((DenseLayer) layer).hasLayerNorm()) {
      return dense(network, name, ((DenseLayer) layer).hasBias(), ((DenseLayer) layer).getActivationFn());
    }
    if (layer.getClass() == OutputLayer.class) {
      return dense(network, name, ((OutputLayer) layer).hasBias(), ((OutputLayer) layer).getActivationFn());
    }
    return Optional.empty();
  }

  private static Optional<Step> convolution(ComputationGraph network, String name, ConvolutionLayer layer) {
    // Dilation is left to DL4J: ND4J M2's conv2d refused dilated shapes DL4J computes (seen in GraphInferenceTest).
    Optional<PaddingMode> padding = paddingMode(layer.getConvolutionMode());
    if (layer.getCnn2dDataFormat() != CNN2DFormat.NCHW || padding.isEmpty() || !undilated(layer.getDilation())) {
      return Optional.empty();
    }
    int[] kernel = layer.getKernelSize();
    int[] stride = layer.getStride();
    int[] pad = layer.getPadding();
    int[] dilation = layer.getDilation();
    Conv2DConfig config = Conv2DConfig.builder()
        .kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1]).pH(pad[0]).pW(pad[1])
        .dH(dilation[0]).dW(dilation[1]).paddingMode(padding.get())
        .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX) // DL4J keeps W as [out, in, kH, kW]
        .build();
    INDArray weights = network.getParam(name + "_W");
    INDArray bias = layer.hasBias() ? network.getParam(name + "_b").reshape(-1) : null;
    IActivation activation = layer.getActivationFn();
    return Optional.of(x -> {
      INDArray z = bias == null
          ? Nd4j.exec(new Conv2D(x, weights, null, config))[0]
          : Nd4j.exec(new Conv2D(x, weights, bias, config))[0];
      return activation.getActivation(z, false);
    });
  }

  private static Optional<Step> pooling(SubsamplingLayer layer) {
    Optional<PaddingMode> padding = paddingMode(layer.getConvolutionMode());
    boolean max = layer.getPoolingType() == PoolingType.MAX;
    boolean avg = layer.getPoolingType() == PoolingType.AVG;
    int[] pad = layer.getPadding();
    // Average pooling over padding depends on a divisor rule; only unpadded average pooling is taken.
    if (layer.getCnn2dDataFormat() != CNN2DFormat.NCHW || padding.isEmpty() || !undilated(layer.getDilation())
        || !(max || (avg
        && padding.get() == PaddingMode.VALID && pad[0] == 0 && pad[1] == 0))) {
      return Optional.empty();
    }
    int[] kernel = layer.getKernelSize();
    int[] stride = layer.getStride();
    int[] dilation = layer.getDilation();
    Pooling2DConfig config = Pooling2DConfig.builder()
        .kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1]).pH(pad[0]).pW(pad[1])
        .dH(dilation[0]).dW(dilation[1]).paddingMode(padding.get()).isNHWC(false)
        .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
        .build();
    return Optional.of(max
        ? x -> Nd4j.exec(new MaxPooling2D(x, null, config))[0]
        : x -> Nd4j.exec(new AvgPooling2D(x, null, config))[0]);
  }

  private static Optional<Step> globalPooling(GlobalPoolingLayer layer) {
    int[] dimensions = layer.getPoolingDimensions();
    boolean spatial = dimensions == null
        || (dimensions.length == 2 && dimensions[0] == 2 && dimensions[1] == 3);
    if (!spatial || !layer.isCollapseDimensions()) {
      return Optional.empty();
    }
    return switch (layer.getPoolingType()) {
      case MAX -> Optional.of(x -> x.max(2, 3));
      case AVG -> Optional.of(x -> x.mean(2, 3));
      case SUM -> Optional.of(x -> x.sum(2, 3));
      default -> Optional.empty();
    };
  }

  private static Optional<Step> dense(ComputationGraph network, String name, boolean hasBias, IActivation activation) {
    INDArray weights = network.getParam(name + "_W"); // [nIn, nOut]
    INDArray bias = hasBias ? network.getParam(name + "_b") : null; // [1, nOut]
    return Optional.of(x -> {
      INDArray z = x.mmul(weights);
      if (bias != null) {
        z.addiRowVector(bias);
      }
      return activation.getActivation(z, false);
    });
  }

  private static boolean undilated(int[] dilation) {
    return dilation == null || (dilation[0] == 1 && dilation[1] == 1);
  }

  private static Optional<PaddingMode> paddingMode(ConvolutionMode mode) {
    return switch (mode) {
      case Truncate, Strict -> Optional.of(PaddingMode.VALID); // explicit padding, then the valid positions
      case Same -> Optional.of(PaddingMode.SAME);
      default -> Optional.empty();
    };
  }

  /**
   * Scores a fixed pseudo-random batch both ways; returns null when they agree, else what differs. The batch is
   * made without ND4J's global random generator so compiling never shifts a caller's random sequence.
   */
  static String probe(ComputationGraph network, GraphInference fast, long[] batch) {
    Random random = new Random(20261126L);
    float[] values = new float[(int) (batch[0] * batch[1] * batch[2] * batch[3])];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    try (INDArray input = Nd4j.create(values, batch, 'c')) {
      INDArray expected;
      INDArray actual;
      try {
        expected = network.outputSingle(false, input);
        actual = fast.output(input);
      } catch (RuntimeException e) {
        return "fails on the probe batch (" + e + ")";
      }
      if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
        return "gives shape " + java.util.Arrays.toString(actual.shape()) + " where DL4J gives "
            + java.util.Arrays.toString(expected.shape());
      }
      double difference = expected.sub(actual).amaxNumber().doubleValue();
      if (!(difference <= PROBE_TOLERANCE)) {
        return "differs by " + difference + " on the probe batch (tolerance " + PROBE_TOLERANCE + ")";
      }
      return null;
    }
  }
}
