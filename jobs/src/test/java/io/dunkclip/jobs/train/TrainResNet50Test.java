package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.FrozenBackbone;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.model.ResNet50Transfer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * resnet50 trains with gradient sharing like small-cnn, from random weights here (no download is possible): one
 * epoch on a few dozen 32x32 frames moves the head and leaves the frozen backbone exactly as it was, and the saved
 * model loads and scores through FrameScorer with the normalisation it records. The head trained on the backbone
 * feature cache: one backbone forward per frame, the cached features are what the whole saved network computes at the
 * cut, and the head on them computes, layer by layer, what the whole network computes from the frames.
 */
class TrainResNet50Test {
  private static final int SIZE = 32;
  private static final int TAPES = 3;
  private static final int FRAMES = 30;

  @TempDir Path dir;

  @Test
  void oneEpochTrainsTheHeadOnlyAndTheModelScoresThroughFrameScorer() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, TAPES, FRAMES, SIZE, SIZE);
    String model = dir.resolve("resnet.model").toString();
    TrainConfig config = TrainConfig.builder(dir.resolve("frames").toString(), labels.toString(), model)
        .epochs(1).arch(Architectures.RESNET50).batchSizePerWorker(8).validationFraction(0.34).threshold(0.5).seed(3)
        .patience(1).workDir(dir.resolve("scratch").toString()).sharing(TestSpark.sharing()).backbone(null, true)
        .augment(false).build();
    TrainResult result = TrainJob.run(TestSpark.session(), config);
    assertThat(result.parameterChange()).as("parameters moved").isPositive();
    assertThat(result.last().loss()).as("validation loss").isFinite();
    assertThat(result.featureCache()).as("trained on cached features").isNotNull();
    assertThat(result.backboneForwards()).as("one forward per frame of the labelled tapes").isEqualTo(TAPES * FRAMES);

    assertThat(result.metadata().architecture()).isEqualTo("resnet50");
    assertThat(result.metadata().normalisation()).isEqualTo(ModelMetadata.NORMALISATION_IMAGENET);
    assertThat(result.metadata().inputWidth()).isEqualTo(32);
    DunkModel saved;
    try (InputStream in = Files.newInputStream(Path.of(model))) {
      saved = DunkModel.read(in, model);
    }
    ComputationGraph trained = saved.network();
    ComputationGraph initial = trained.clone();
    initial.setParams(new Checkpoints(model, new Configuration()).initialParams());
    List<String> head = ResNet50Transfer.trainableLayers(trained);
    assertThat(head).containsExactly("pool-norm", "dense1", "dense2", "dense3", "player");
    int frozen = 0;
    for (Layer layer : trained.getLayers()) {
      String name = layer.conf().getLayer().getLayerName();
      INDArray before = initial.getLayer(name).params();
      INDArray after = layer.params();
      if (layer.numParams() == 0) {
        continue;
      }
      if (head.contains(name)) {
        assertThat(after.isInfinite().any() || after.isNaN().any()).as("head layer %s finite", name).isFalse();
      } else {
        assertThat(after.equalsWithEps(before, 0.0)).as("frozen layer %s unchanged", name).isTrue();
        frozen++;
      }
    }
    assertThat(frozen).as("frozen layers with parameters").isGreaterThan(100);
    double headChange = 0;
    for (String name : head) {
      headChange += trained.getLayer(name).params().sub(initial.getLayer(name).params()).norm2Number().doubleValue();
    }
    assertThat(headChange).as("head parameters moved").isGreaterThan(0);

    checkCachedFeatures(saved, result);

    List<byte[]> frames = new ArrayList<>();
    for (Row row : TestSpark.session().read().parquet(dir.resolve("frames").toString())
        .select(FrameRows.IMAGE).limit(4).collectAsList()) {
      frames.add(FrameRows.decode((byte[]) row.get(0)));
    }
    float[] scores = new FrameScorer(saved).score(frames);
    assertThat(scores).hasSize(4);
    for (float score : scores) {
      assertThat(score).isBetween(0f, 1f);
    }
  }

  private void checkCachedFeatures(DunkModel saved, TrainResult result) {
    ComputationGraph whole = saved.network();
    FrozenBackbone frozen = FrozenBackbone.at(whole, Architectures.featureCachePoint(Architectures.RESNET50)
        .orElseThrow());
    ComputationGraph head = frozen.head(whole);
    List<Row> cached = TestSpark.session().read().parquet(result.featureCache() + "/data")
        .where("video = 'tape-01.mp4'").orderBy("frame").limit(12).collectAsList();
    List<Row> framesRows = TestSpark.session().read().parquet(dir.resolve("frames").toString())
        .where("video = 'tape-01.mp4'").orderBy(FrameRows.FRAME).limit(12)
        .select(FrameRows.FRAME, FrameRows.IMAGE).collectAsList();
    assertThat(cached).hasSize(12);
    List<byte[]> images = new ArrayList<>();
    float[][] features = new float[12][];
    for (int i = 0; i < 12; i++) {
      assertThat(cached.get(i).getLong(1)).isEqualTo(framesRows.get(i).getLong(0));
      assertThat(cached.get(i).getInt(2)).as("view").isZero();
      images.add(FrameRows.decode((byte[]) framesRows.get(i).get(1)));
      features[i] = FeatureCache.values((byte[]) cached.get(i).get(4));
    }
    INDArray inputs = Minibatches.features(images, Collections.nCopies(12, null), SIZE, SIZE,
        ModelMetadata.NORMALISATION_IMAGENET);
    INDArray cachedFeatures = Nd4j.create(features);
    // The cache holds what the whole network computes at the cut for these frames.
    Map<String, INDArray> wholeActivations = whole.feedForward(inputs, false);
    FeatureCacheTest.assertClose(cachedFeatures, wholeActivations.get("pool"), "pooled features");
    // And the head on the cached features computes what the whole network computes from the frames, layer by layer.
    Map<String, INDArray> headActivations = head.feedForward(cachedFeatures, false);
    for (String layer : List.of("pool-norm", "dense1", "dense2", "dense3", "player")) {
      FeatureCacheTest.assertClose(headActivations.get(layer), wholeActivations.get(layer), layer);
    }
    assertThat(head.outputSingle(false, cachedFeatures).shape()).containsExactly(12, 1);
    // Not trivially equal: the frames' features differ.
    INDArray dense3 = wholeActivations.get("dense3");
    assertThat(dense3.getRow(0).equalsWithEps(dense3.getRow(SyntheticFrames.FIRST_PLAYER_FRAME), 1e-6)).isFalse();
  }
}
