package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.FrozenBackbone;
import io.dunkclip.training.FeatureCacheManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The backbone feature cache with a tiny frozen stand-in network (the cache knows no architecture): a second build
 * reuses the cache, other frozen weights never do, and a cache whose build did not complete (no manifest, a file of
 * another length, a hidden half-committed copy) is built again. That resnet50's head trains on cached features that
 * equal the whole network's is checked by {@link TrainResNet50Test}, in the one resnet50 training of the suite.
 */
class FeatureCacheTest {
  private static final int SIZE = 32;
  private static final int TAPES = 3;
  private static final int FRAMES = SyntheticFrames.LAST_PLAYER_FRAME + 2;

  @TempDir Path dir;

  private TrainConfig config(Path labels, String model, long seed) {
    return TrainConfig.builder(dir.resolve("frames").toString(), labels.toString(), dir.resolve(model).toString())
        .epochs(1).arch(Architectures.RESNET50).batchSizePerWorker(8).validationFraction(0.34).threshold(0.5)
        .seed(seed).patience(1).workDir(dir.resolve("scratch").toString()).sharing(TestSpark.sharing())
        .backbone(null, true).augment(false).build();
  }

  /** Equal within 1e-4 of the larger array's largest magnitude (the random backbone's features run large). */
  static void assertClose(INDArray actual, INDArray expected, String what) {
    assertThat(actual.shape()).as(what).containsExactly(expected.shape());
    double scale = Math.max(1e-6, Math.max(actual.amaxNumber().doubleValue(), expected.amaxNumber().doubleValue()));
    double difference = actual.castTo(expected.dataType()).sub(expected).amaxNumber().doubleValue();
    assertThat(difference / scale).as("%s: largest difference %s at scale %s", what, difference, scale)
        .isLessThan(1e-4);
  }

  @Test
  void aSecondBuildReusesTheCacheOtherWeightsNeverDoAndAnUnfinishedCacheIsBuiltAgain() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, TAPES, FRAMES, SIZE, SIZE);
    TrainConfig config = config(labels, "tiny.model", 3).toBuilder().augment(true).featureViews(3).build();
    TrainingData data = TrainingData.prepare(TestSpark.session(), config);
    ComputationGraph network = standIn(1);
    FrozenBackbone frozen = FrozenBackbone.at(network, "pool");
    int rows = TAPES * FRAMES * 3;

    FeatureCache.Ready first = FeatureCache.ensure(TestSpark.session(), data, config, frozen, network);
    assertThat(first.forwards()).as("every frame, three views").isEqualTo(rows);
    assertThat(TestSpark.session().read().parquet(first.data()).count()).isEqualTo(rows);
    assertThat(first.dir()).contains("/frames/_features/features-");
    // The frames dataset reads as before: Spark skips _features.
    assertThat(TestSpark.session().read().parquet(dir.resolve("frames").toString()).count())
        .isEqualTo(TAPES * FRAMES);

    FeatureCache.Ready again = FeatureCache.ensure(TestSpark.session(), data, config, frozen, standIn(1));
    assertThat(again.forwards()).as("same weights: reused").isZero();
    assertThat(again.dir()).isEqualTo(first.dir());

    // The head's weights are not the backbone's: a trained head still reuses the cache.
    ComputationGraph otherHead = standIn(1);
    otherHead.getLayer("dense").setParams(otherHead.getLayer("dense").params().add(1));
    assertThat(FeatureCache.ensure(TestSpark.session(), data, config, frozen, otherHead).forwards()).isZero();

    ComputationGraph otherWeights = standIn(2);
    FeatureCache.Ready other = FeatureCache.ensure(TestSpark.session(), data, config,
        FrozenBackbone.at(otherWeights, "pool"), otherWeights);
    assertThat(other.forwards()).as("other frozen weights: built anew").isEqualTo(rows);
    assertThat(other.dir()).isNotEqualTo(first.dir());
    FeatureCache.Ready fewerViews = FeatureCache.ensure(TestSpark.session(), data,
        config.toBuilder().featureViews(2).build(), frozen, network);
    assertThat(fewerViews.forwards()).as("other views: built anew").isEqualTo(TAPES * FRAMES * 2);

    Path cache = Path.of(new org.apache.hadoop.fs.Path(first.dir()).toUri().getPath());
    Path manifest = cache.resolve(FeatureCacheManifest.FILE_NAME);
    // A cache without its manifest (a copy cut short where renames are copies) is not trusted.
    Files.delete(manifest);
    assertThat(FeatureCache.ensure(TestSpark.session(), data, config, frozen, network).forwards()).isEqualTo(rows);
    // Nor one with a data file cut short.
    Path part;
    try (Stream<Path> files = Files.list(cache.resolve("data"))) {
      part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(FeatureCache.ensure(TestSpark.session(), data, config, frozen, network).forwards()).isEqualTo(rows);
    // A build killed just before its commit left a complete copy under its hidden name: never read.
    Path hidden = cache.resolveSibling("." + cache.getFileName() + ".tmp-killed");
    Files.move(cache, hidden);
    assertThat(FeatureCache.ensure(TestSpark.session(), data, config, frozen, network).forwards()).isEqualTo(rows);
    assertThat(hidden).exists();
    data.release();
  }

  @Test
  void aFailedBuildLeavesNoCacheBehind() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, TAPES, FRAMES, SIZE, SIZE);
    TrainConfig config = config(labels, "tiny.model", 3);
    TrainingData data = TrainingData.prepare(TestSpark.session(), config);
    // A network that takes six channels fails on the frames' three inside the Spark stage.
    ComputationGraph wrongSize = standIn(1, 6);
    FrozenBackbone frozen = FrozenBackbone.at(wrongSize, "pool");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeatureCache.ensure(TestSpark.session(), data, config,
        frozen, wrongSize)).isInstanceOf(Exception.class);
    Path features = dir.resolve("frames").resolve(FeatureCache.DIR);
    try (Stream<Path> left = Files.exists(features) ? Files.walk(features) : Stream.empty()) {
      assertThat(left.filter(Files::isRegularFile).toList()).as("nothing committed or left").isEmpty();
    }
    ComputationGraph network = standIn(1);
    assertThat(FeatureCache.ensure(TestSpark.session(), data, config, FrozenBackbone.at(network, "pool"), network)
        .forwards()).isEqualTo(TAPES * FRAMES);
    data.release();
  }

  private static ComputationGraph standIn(long seed) {
    return standIn(seed, 3);
  }

  /** A tiny network with a frozen convolution and a global pool under a dense head: the shape of resnet50's. */
  private static ComputationGraph standIn(long seed, int channels) {
    ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
        .updater(new Adam(1e-3)).graphBuilder().addInputs("frame")
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "frame")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
        .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build(), "pool")
        .addLayer("player", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
            .activation(Activation.SIGMOID).build(), "dense")
        .setOutputs("player").setInputTypes(InputType.convolutional(SIZE, SIZE, channels)).build());
    graph.init();
    return new TransferLearning.GraphBuilder(graph).setFeatureExtractor("conv").build();
  }
}
