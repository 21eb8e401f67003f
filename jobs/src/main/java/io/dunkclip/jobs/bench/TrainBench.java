package io.dunkclip.jobs.bench;

import io.dunkclip.format.Labels;
import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.extract.TapeTable;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.SparkSessions;
import io.dunkclip.jobs.train.SharingConfig;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.jobs.train.TrainResult;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.split.ValidationSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code scripts/bench train}: seconds per epoch of the same training set, (a) in one JVM with a plain DL4J
 * {@code fit} (the reference), (b) with dunkclip train's Spark gradient sharing in {@code local[2]}. Both use the
 * same architecture, batch size, oversampling and validation split; epoch 1 of each is warm-up and not counted.
 *
 * <p>Usage: {@code TrainBench FRAMES_DIR LABELS_CSV WORK_DIR [EPOCHS]}.
 */
public final class TrainBench {
  private TrainBench() {}

  public static void main(String[] args) {
    String frames = args[0];
    String labelsCsv = args[1];
    String work = args[2];
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    try (SparkSession spark = SparkSessions.create("dunkclip bench train", "local[2]", Map.of())) {
      TrainResult shared = TrainJob.run(spark, new TrainConfig(frames, labelsCsv, work + "/bench.model", epochs,
          Architectures.SMALL_CNN, TrainConfig.BATCH_SIZE_DEFAULT, TrainConfig.LEARNING_RATE_DEFAULT,
          TrainConfig.VALIDATION_FRACTION_DEFAULT, TrainConfig.THRESHOLD_DEFAULT, 42, true, epochs,
          work + "/scratch", SharingConfig.from(Map.of())));
      double sharedEpoch = shared.epochs().subList(1, shared.epochs().size()).stream()
          .mapToDouble(e -> e.seconds()).average().orElseThrow();
      long oversample = Math.max(1, Math.round(
          (shared.trainFrames() - shared.trainPositives()) / (double) shared.trainPositives()));
      long examples = shared.trainFrames() - shared.trainPositives() + shared.trainPositives() * oversample;

      List<DataSet> batches = singleJvmBatches(spark, frames, labelsCsv, (int) oversample);
      ComputationGraph network = Architectures.build(Architectures.SMALL_CNN, 64, 64, 42,
          TrainConfig.LEARNING_RATE_DEFAULT);
      double singleTotal = 0;
      Random random = new Random(42);
      for (int epoch = 1; epoch <= epochs; epoch++) {
        Collections.shuffle(batches, random);
        long start = System.nanoTime();
        for (DataSet batch : batches) {
          network.fit(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "bench: single JVM epoch %d: %.1f s%n", epoch, seconds);
        if (epoch > 1) {
          singleTotal += seconds;
        }
      }
      double singleEpoch = singleTotal / (epochs - 1);
      shared.epochs().forEach(e -> System.err.println("bench: shared " + e.describe()));
      System.err.printf(Locale.ROOT, "bench: %d examples per epoch; single JVM %.1f images/s, shared %.1f images/s%n",
          examples, examples / singleEpoch, examples / sharedEpoch);
      System.out.printf(Locale.ROOT,
          "train: single_epoch_s=%.2f shared_epoch_s=%.2f ratio=%.3f single_images_per_s=%.1f "
              + "shared_images_per_s=%.1f examples=%d%n",
          singleEpoch, sharedEpoch, sharedEpoch / singleEpoch, examples / singleEpoch, examples / sharedEpoch,
          examples);
    }
  }

  /** The training split's frames as minibatches in this JVM, oversampled like the trainer does. */
  private static List<DataSet> singleJvmBatches(SparkSession spark, String frames, String labelsCsv,
      int oversample) {
    Labels labels = CsvFiles.readLabels(labelsCsv, spark.sparkContext().hadoopConfiguration());
    Map<String, Long> counts = TapeTable.frameCounts(frames, spark.sparkContext().hadoopConfiguration());
    counts.keySet().retainAll(labels.videos());
    ValidationSplit split = ValidationSplit.of(counts, TrainConfig.VALIDATION_FRACTION_DEFAULT, 42);
    List<byte[]> images = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (Row row : spark.read().parquet(frames).select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE)
        .collectAsList()) {
      String video = row.getString(0);
      long frame = row.getLong(1);
      if (!counts.containsKey(video) || split.isValidation(video, frame)) {
        continue;
      }
      int label = labels.label(video, frame);
      byte[] rgb = FrameRows.decode((byte[]) row.get(2));
      for (int copy = 0; copy < (label == 1 ? oversample : 1); copy++) {
        images.add(rgb);
        targets.add(label);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    List<DataSet> batches = new ArrayList<>();
    int batchSize = TrainConfig.BATCH_SIZE_DEFAULT;
    for (int from = 0; from < order.size(); from += batchSize) {
      List<Integer> part = order.subList(from, Math.min(order.size(), from + batchSize));
      List<byte[]> batchImages = new ArrayList<>();
      float[] batchLabels = new float[part.size()];
      for (int i = 0; i < part.size(); i++) {
        batchImages.add(images.get(part.get(i)));
        batchLabels[i] = targets.get(part.get(i));
      }
      batches.add(new DataSet(FrameScorer.features(batchImages, 64, 64, ModelMetadata.NORMALISATION_CENTRED),
          Nd4j.create(batchLabels, new long[] {part.size(), 1}, 'c')));
    }
    return batches;
  }
}
