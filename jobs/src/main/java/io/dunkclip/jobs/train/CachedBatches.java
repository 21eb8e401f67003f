package io.dunkclip.jobs.train;

import io.dunkclip.format.Labels;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.split.ValidationSplit;
import io.dunkclip.training.FeatureCacheKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * The minibatches an epoch trains the head on when the frozen part's output is cached ({@link FeatureCache}): the
 * cached features of the training frames, each copy of a frame (positives are oversampled as in {@link Minibatches})
 * taking the cached view {@link FeatureCacheKey#viewOf} deals it, in the same shuffled key order as
 * {@link Minibatches}, exported as {@link BatchFiles} for {@code fitPaths}. With one view the batches never change
 * and are exported once; otherwise every epoch, since its views differ.
 */
final class CachedBatches extends EpochSource {
  private final SparkSession spark;
  private final JavaSparkContext sc;
  private final TrainingData data;
  private final TrainConfig config;
  private final FeatureCache.Ready cache;

  CachedBatches(SparkSession spark, TrainingData data, TrainConfig config, FeatureCache.Ready cache) {
    super(JavaSparkContext.fromSparkContext(spark.sparkContext()), config.workDir());
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.data = data;
    this.config = config;
    this.cache = cache;
  }

  /** A training copy's features and label, keyed for the shuffle. */
  private record Example(int label, long[] shape, byte[] features) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** With one view per frame the batches never change; otherwise each epoch deals other views. */
  @Override
  boolean changesEachEpoch() {
    return cache.key().views() > 1;
  }

  @Override
  String exportPrefix() {
    return "features-batches-";
  }

  @Override
  List<String> export(int epoch, String dir) {
    sc.setJobDescription("dunkclip: export cached-feature minibatches for epoch " + epoch);
    return export(epoch, cache.key().views(), dir);
  }

  private List<String> export(int epoch, int views, String dir) {
    Broadcast<Labels> labels = sc.broadcast(data.labels());
    Broadcast<ValidationSplit> split = sc.broadcast(data.split());
    int oversample = data.oversample();
    int batchSize = config.batchSizePerWorker();
    long seed = Minibatches.viewSeed(config.seed(), config.augment(), epoch);
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    JavaRDD<Row> rows = spark.read().parquet(cache.data()).javaRDD();
    return rows
        .filter(row -> labels.value().videos().contains(row.getString(0))
            && !split.value().isValidation(row.getString(0), row.getLong(1)))
        .flatMapToPair(row -> {
          String video = row.getString(0);
          long frame = row.getLong(1);
          int view = row.getInt(2);
          int label = labels.value().label(video, frame);
          int copies = label == 1 ? oversample : 1;
          List<Tuple2<Long, Example>> keyed = new ArrayList<>(1);
          for (int copy = 0; copy < copies; copy++) {
            if (FeatureCacheKey.viewOf(epoch, copy, copies, views) == view) {
              keyed.add(new Tuple2<>(Minibatches.viewKey(seed, video, frame, copy),
                  new Example(label, FeatureCache.shape(row.getString(3)), (byte[]) row.get(4))));
            }
          }
          return keyed.iterator();
        })
        .sortByKey(true, sc.defaultParallelism())
        .mapPartitionsWithIndex((partition, part) -> Minibatches.write(batches(part, batchSize,
            new Random(Minibatches.viewKey(seed, "", partition, 0))), partition, dir, conf), false)
        .collect();
  }

  private static Iterator<DataSet> batches(Iterator<Tuple2<Long, Example>> examples, int batchSize, Random order) {
    List<DataSet> batches = new ArrayList<>();
    List<Example> part = new ArrayList<>(batchSize);
    while (examples.hasNext()) {
      part.add(examples.next()._2());
      if (part.size() == batchSize || !examples.hasNext()) {
        long[] exampleShape = part.get(0).shape();
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = part.size();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        int size = FeatureCache.values(part.get(0).features()).length;
        float[] features = new float[part.size() * size];
        float[] labels = new float[part.size()];
        for (int i = 0; i < part.size(); i++) {
          System.arraycopy(FeatureCache.values(part.get(i).features()), 0, features, i * size, size);
          labels[i] = part.get(i).label();
        }
        batches.add(new DataSet(Nd4j.create(features, shape, 'c'),
            Nd4j.create(labels, new long[] {labels.length, 1}, 'c')));
        part.clear();
      }
    }
    Collections.shuffle(batches, order);
    return batches.iterator();
  }
}
