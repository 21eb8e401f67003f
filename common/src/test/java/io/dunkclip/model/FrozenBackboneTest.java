package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A network cut at its frozen part: the digest follows the frozen weights only, the frozen part alone computes what
 * the whole network computes at the cut, and the head on those features computes the whole network's output.
 */
class FrozenBackboneTest {
  private static ComputationGraph network(long seed, boolean freeze) {
    ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
        .updater(new Adam(1e-3)).graphBuilder().addInputs("frame")
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "frame")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
        .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build(), "pool")
        .addLayer("player", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
            .activation(Activation.SIGMOID).build(), "dense")
        .setOutputs("player").setInputTypes(InputType.convolutional(8, 8, 3)).build());
    graph.init();
    return freeze ? new TransferLearning.GraphBuilder(graph).setFeatureExtractor("conv").build() : graph;
  }

  @Test
  void theDigestFollowsTheFrozenWeightsAndNotTheHead() {
    ComputationGraph net = network(1, true);
    FrozenBackbone frozen = FrozenBackbone.at(net, "pool");
    String digest = frozen.digest(net);
    assertThat(frozen.digest(network(1, true))).isEqualTo(digest);
    assertThat(frozen.digest(network(2, true))).isNotEqualTo(digest);
    ComputationGraph otherHead = network(1, true);
    otherHead.getLayer("dense").setParams(otherHead.getLayer("dense").params().add(1));
    assertThat(frozen.digest(otherHead)).isEqualTo(digest);
    ComputationGraph nudged = network(1, true);
    INDArray conv = nudged.getLayer("conv").params().dup();
    conv.putScalar(0, conv.getDouble(0) + 1e-3);
    nudged.getLayer("conv").setParams(conv);
    assertThat(frozen.digest(nudged)).isNotEqualTo(digest);
  }

  @Test
  void refusesACutAboveALayerThatTrains() {
    assertThatThrownBy(() -> FrozenBackbone.at(network(1, false), "pool"))
        .hasMessageContaining("layer conv before it trains");
    assertThatThrownBy(() -> FrozenBackbone.at(network(1, true), "nowhere"))
        .hasMessageContaining("no vertex nowhere");
  }

  @Test
  void theFrozenPartAndTheHeadTogetherComputeTheWholeNetwork() {
    ComputationGraph net = network(3, true);
    FrozenBackbone frozen = FrozenBackbone.at(net, "pool");
    INDArray inputs = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3, 8, 8);
    Map<String, INDArray> whole = net.feedForward(inputs, false);
    INDArray features = FrozenBackbone.features(frozen.backbone(net), inputs);
    assertThat(features.equalsWithEps(whole.get("pool"), 1e-6)).isTrue();
    ComputationGraph head = frozen.head(net);
    assertThat(head.outputSingle(false, features).equalsWithEps(whole.get("player"), 1e-6)).isTrue();

    // Weights trained in the head go back into the whole network.
    head.getLayer("dense").setParams(head.getLayer("dense").params().mul(2));
    frozen.copyHead(head, net);
    assertThat(net.getLayer("dense").params().equalsWithEps(head.getLayer("dense").params(), 0)).isTrue();
    assertThat(net.outputSingle(false, inputs).equalsWithEps(head.outputSingle(false, features), 1e-6)).isTrue();
  }
}
