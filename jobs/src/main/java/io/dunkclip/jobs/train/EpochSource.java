package io.dunkclip.jobs.train;

import io.dunkclip.jobs.fs.Outputs;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where an epoch's minibatches come from: the frames ({@link EpochBatches}) or cached backbone features
 * ({@link CachedBatches}). The bookkeeping both share lives here: batches that differ from epoch to epoch are
 * exported again for each epoch, batches that never change once; only the latest export is kept, and the minibatches
 * handed out are counted.
 */
abstract class EpochSource {
  private final JavaSparkContext sc;
  private final String workDir;
  private String exportDir;
  private JavaRDD<String> paths;
  private int perEpoch;
  private long handedOut;

  EpochSource(JavaSparkContext sc, String workDir) {
    this.sc = sc;
    this.workDir = workDir;
  }

  /** Whether each epoch's batches differ from the last epoch's (augmented views), so that each is exported anew. */
  abstract boolean changesEachEpoch();

  /** The prefix of an export's folder name under the work directory. */
  abstract String exportPrefix();

  /** Exports epoch {@code epoch}'s minibatches into {@code dir} and returns their paths. */
  abstract List<String> export(int epoch, String dir);

  /** The paths of epoch {@code epoch}'s minibatches, exported first if they differ from the last epoch's. */
  final JavaRDD<String> forEpoch(int epoch) {
    if (paths == null || changesEachEpoch()) {
      delete();
      exportDir = Outputs.child(workDir, exportPrefix() + UUID.randomUUID());
      List<String> exported = export(epoch, exportDir);
      // Paths are few and small; the batches themselves stay on the shared filesystem for the workers to read.
      paths = sc.parallelize(exported, Math.max(1, sc.defaultParallelism()));
      perEpoch = exported.size();
    }
    handedOut += perEpoch;
    return paths;
  }

  /** How many minibatches the epochs so far were given to train on, all together. */
  final long handedOut() {
    return handedOut;
  }

  /** Deletes the latest export, if any. */
  final void delete() {
    if (exportDir != null) {
      Minibatches.delete(exportDir, sc);
      exportDir = null;
    }
  }
}
