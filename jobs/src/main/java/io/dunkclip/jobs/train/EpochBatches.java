package io.dunkclip.jobs.train;

import io.dunkclip.jobs.fs.Outputs;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The exported minibatches each epoch trains on. Augmented training sees new views of every frame each epoch: the
 * batches are exported again, seeded by the epoch ({@link Minibatches#viewSeed}), so a resumed run exports the same
 * batches as an uninterrupted one. Without augmentation the batches never change and are exported once. Only the
 * latest export is kept.
 */
final class EpochBatches implements EpochSource {
  private final JavaSparkContext sc;
  private final TrainingData data;
  private final TrainConfig config;
  private String exportDir;
  private JavaRDD<String> paths;
  private int perEpoch;
  private long handedOut;

  EpochBatches(JavaSparkContext sc, TrainingData data, TrainConfig config) {
    this.sc = sc;
    this.data = data;
    this.config = config;
  }

  /** The paths of epoch {@code epoch}'s minibatches, exported first if they differ from the last epoch's. */
  @Override
  public JavaRDD<String> forEpoch(int epoch) {
    if (paths == null || config.augment()) {
      delete();
      exportDir = Outputs.child(config.workDir(), "batches-" + UUID.randomUUID());
      sc.setJobDescription("dunkclip: build and export training minibatches for epoch " + epoch);
      List<String> exported = Minibatches.export(sc, data, config,
          Minibatches.viewSeed(config.seed(), config.augment(), epoch), exportDir);
      // Paths are few and small; the batches themselves stay on the shared filesystem for the workers to read.
      paths = sc.parallelize(exported, Math.max(1, sc.defaultParallelism()));
      perEpoch = exported.size();
    }
    handedOut += perEpoch;
    return paths;
  }

  /** How many minibatches the epochs so far were given to train on, all together. */
  @Override
  public long handedOut() {
    return handedOut;
  }

  /** Deletes the latest export, if any. */
  @Override
  public void delete() {
    if (exportDir != null) {
      Minibatches.delete(exportDir, sc);
      exportDir = null;
    }
  }
}
