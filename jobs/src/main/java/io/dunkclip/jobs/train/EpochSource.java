package io.dunkclip.jobs.train;

import org.apache.spark.api.java.JavaRDD;

/**
 * Where an epoch's minibatches come from: the frames ({@link EpochBatches}) or cached backbone features
 * ({@link CachedBatches}).
 */
interface EpochSource {
  /** The paths of epoch {@code epoch}'s minibatches, exported first if they differ from the last epoch's. */
  JavaRDD<String> forEpoch(int epoch);

  /** How many minibatches the epochs so far were given to train on, all together. */
  long handedOut();

  /** Deletes the latest export, if any. */
  void delete();
}
