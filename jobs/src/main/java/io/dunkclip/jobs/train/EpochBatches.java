package io.dunkclip.jobs.train;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The exported minibatches each epoch trains on. Augmented training sees new views of every frame each epoch: the
 * batches are exported again, seeded by the epoch ({@link Minibatches#viewSeed}), so a resumed run exports the same
 * batches as an uninterrupted one. Without augmentation the batches never change and are exported once.
 */
final class EpochBatches extends EpochSource {
  private final JavaSparkContext sc;
  private final TrainingData data;
  private final TrainConfig config;

  EpochBatches(JavaSparkContext sc, TrainingData data, TrainConfig config) {
    super(sc, config.workDir());
    this.sc = sc;
    this.data = data;
    this.config = config;
  }

  @Override
  boolean changesEachEpoch() {
    return config.augment();
  }

  @Override
  String exportPrefix() {
    return "batches-";
  }

  @Override
  List<String> export(int epoch, String dir) {
    sc.setJobDescription("dunkclip: build and export training minibatches for epoch " + epoch);
    return Minibatches.export(sc, data, config, Minibatches.viewSeed(config.seed(), config.augment(), epoch), dir);
  }
}
