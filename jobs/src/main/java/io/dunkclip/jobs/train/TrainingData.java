package io.dunkclip.jobs.train;

import io.dunkclip.format.LabelFiles;
import io.dunkclip.format.Labels;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.FramesDataset;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.split.ValidationSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a training run: the labels checked against the extracted tapes, the validation split, the tapes'
 * backgrounds and the labelled frames as training and validation RDDs (built on the executors, never collected), with
 * the class balance of the training frames.
 *
 * @param extracted the tapes of the frames dataset
 * @param metadata the model's metadata before training (input size, fit, architecture, tapes)
 * @param backgrounds each labelled tape's background, as extract stored it (empty when the input is the frame alone)
 * @param unreliableBackgrounds tapes whose background may hold a person: compared with, but not taken as the empty
 *     level
 * @param validation persisted: scored after every epoch; {@link #release} unpersists it
 * @param oversample how many times each frame with a player is shown per epoch ({@code --no-balance}: once)
 */
record TrainingData(List<TapeTable.Entry> extracted, Labels labels, ValidationSplit split, ModelMetadata metadata,
    Broadcast<Map<String, byte[]>> backgrounds, Set<String> unreliableBackgrounds, JavaRDD<LabelledImage> training,
    JavaRDD<LabelledImage> validation, long trainFrames, long positives, int oversample) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

  /** Checks the labels, splits and balances; the only Spark work is counting the training frames by class. */
  static TrainingData prepare(SparkSession spark, TrainConfig config) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FramesDataset dataset = FramesDataset.open(config.frames(), sc.hadoopConfiguration());
    dataset.requireFitForTraining(config.fit());
    List<TapeTable.Entry> extracted = dataset.tapes();
    Map<String, Long> frameCounts = dataset.frameCounts();
    // Every problem of the labels at once, against the tapes actually extracted, before any Spark work.
    // Later files override earlier ones where they overlap; every problem of every file is named at once.
    List<LabelFiles.LabelFile> labelFiles = new ArrayList<>();
    for (String file : config.labelFiles()) {
      labelFiles.add(new LabelFiles.LabelFile(file, CsvFiles.readLabelRows(file, sc.hadoopConfiguration())));
    }
    Labels labels = LabelFiles.validate(labelFiles, frameCounts, config.requireFullCoverage());
    Map<String, Long> labelledCounts = labelledTapes(labels, frameCounts);
    ValidationSplit split = ValidationSplit.of(labelledCounts, config.validationFraction(), config.seed());
    LOG.info("Validation split {}", split.describe());

    Row size = spark.read().parquet(config.frames()).select(FrameRows.WIDTH, FrameRows.HEIGHT).first();
    ModelMetadata metadata = metadata(config, new TreeSet<>(labelledCounts.keySet()), size.getInt(0), size.getInt(1));
    // The tapes' backgrounds, as extract stored them beside their frames; the same ones detect estimates from tapes.
    Map<String, byte[]> backgrounds = new LinkedHashMap<>();
    Set<String> unreliableBackgrounds = new TreeSet<>();
    if (metadata.needsBackground()) {
      BackgroundFiles.readFromDataset(spark, config.frames(), labelledCounts, metadata.inputWidth(),
          metadata.inputHeight(), sc.hadoopConfiguration()).forEach((video, background) -> {
            backgrounds.put(video, background.rgb());
            if (background.unreliable()) {
              unreliableBackgrounds.add(video);
              LOG.warn("Tape {}: {}", video, background.describe());
            }
          });
    }

    Broadcast<Labels> labelsBroadcast = sc.broadcast(labels);
    Broadcast<ValidationSplit> splitBroadcast = sc.broadcast(split);
    JavaRDD<LabelledImage> labelled = spark.read().parquet(config.frames())
        .select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE)
        .javaRDD()
        .filter(row -> labelledCounts.containsKey(row.getString(0)))
        .map(row -> labelledImage(row, labelsBroadcast.value()));
    JavaRDD<LabelledImage> training = labelled.filter(f -> !splitBroadcast.value().isValidation(f.video(), f.frame()));
    JavaRDD<LabelledImage> validation = labelled.filter(f -> splitBroadcast.value().isValidation(f.video(), f.frame()))
        .persist(StorageLevel.MEMORY_AND_DISK());

    sc.setJobDescription("dunkclip: count labelled training frames");
    Map<Integer, Long> classCounts = training.map(LabelledImage::label).countByValue();
    long positives = classCounts.getOrDefault(1, 0L);
    long trainFrames = positives + classCounts.getOrDefault(0, 0L);
    if (positives == 0 || positives == trainFrames) {
      throw new IllegalArgumentException("Cannot train: the training tapes hold only one class (" + positives
          + " of " + trainFrames + " frames labelled 1); label frames with and without a player (labels="
          + LabelFiles.names(labelFiles) + ")");
    }
    int oversample = config.balance() ? (int) Math.max(1, Math.round((trainFrames - positives) / (double) positives))
        : 1;
    LOG.info("Training on {} frames ({} with a player, oversampled x{}), input {}{}", trainFrames, positives,
        oversample, metadata.input(), config.augment() ? ", augmented" : "");
    return new TrainingData(extracted, labels, split, metadata, sc.broadcast(backgrounds),
        unreliableBackgrounds, training, validation, trainFrames, positives, oversample);
  }

  /** Unpersists the validation frames. */
  void release() {
    validation.unpersist();
  }

  /** Frame counts of the tapes the labels name; validation has made sure the frames dataset has each of them. */
  private static Map<String, Long> labelledTapes(Labels labels, Map<String, Long> frameCounts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String video : new TreeSet<>(labels.videos())) {
      counts.put(video, frameCounts.get(video));
    }
    return counts;
  }

  private static LabelledImage labelledImage(Row row, Labels labels) {
    String video = row.getString(0);
    long frame = row.getLong(1);
    return new LabelledImage(video, frame, labels.label(video, frame), (byte[]) row.get(2));
  }

  private static ModelMetadata metadata(TrainConfig config, TreeSet<String> tapes, int width, int height) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "", config.arch(), width, height,
        config.fit().id(), Architectures.normalisation(config.arch()), config.threshold(), List.copyOf(tapes),
        String.join(" + ", config.labelFiles()), Instant.now().toString(), config.inputOrDefault(),
        config.calibrate() ? ModelMetadata.THRESHOLD_CALIBRATED : ModelMetadata.THRESHOLD_FIXED,
        null, null, null, null);
  }
}
