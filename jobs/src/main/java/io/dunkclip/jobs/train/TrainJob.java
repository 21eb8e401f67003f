package io.dunkclip.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.format.Labels;
import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.extract.TapeTable;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.split.ValidationSplit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.ThresholdAlgorithm;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.FixedThresholdAlgorithm;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.parameterserver.distributed.v2.enums.MeshBuildMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Trains the player-in-frame classifier on Spark with DL4J gradient sharing: minibatches are built on the executors
 * from the frames dataset (never collected to the driver), SharedTrainingMaster exports them and trains
 * data-parallel, and after every epoch a copy of the network is scored on the held-out tapes.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainJob() {}

  public static TrainResult run(SparkSession spark, TrainConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Labels labels = CsvFiles.readLabels(config.labels(), sc.hadoopConfiguration());
    Map<String, Long> frameCounts = TapeTable.frameCounts(config.frames(), sc.hadoopConfiguration());
    Map<String, Long> labelledCounts = labelledTapes(labels, frameCounts, config);
    ValidationSplit split = ValidationSplit.of(labelledCounts, config.validationFraction(), config.seed());
    LOG.info("Validation split {}", split.describe());

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
          + config.labels() + ")");
    }
    int oversample = config.balance() ? (int) Math.max(1, Math.round((trainFrames - positives) / (double) positives))
        : 1;
    LOG.info("Training on {} frames ({} with a player, oversampled x{})", trainFrames, positives, oversample);

    Row size = spark.read().parquet(config.frames()).select(FrameRows.WIDTH, FrameRows.HEIGHT).first();
    ModelMetadata metadata = metadata(config, new TreeSet<>(labelledCounts.keySet()), size.getInt(0), size.getInt(1));
    ComputationGraph network = Architectures.build(config.arch(), metadata.inputWidth(), metadata.inputHeight(),
        config.seed(), config.learningRate());
    INDArray initialParams = network.params().dup();

    JavaRDD<DataSet> batches = minibatches(training, oversample, config, metadata, sc.defaultParallelism());
    SharedTrainingMaster master = trainingMaster(config);
    SparkComputationGraph sparkNetwork = new SparkComputationGraph(sc, network, master);
    String modelKey = "train-" + UUID.randomUUID();
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      sc.setJobDescription("dunkclip: train epoch " + epoch + " of " + config.epochs());
      sparkNetwork.fit(batches);
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      // Score a clone: in local mode the trained network is the broadcast object DL4J closes (shared/STACK.md).
      byte[] snapshot = modelFile(sparkNetwork.getNetwork().clone(), metadata);
      sc.setJobDescription("dunkclip: validate epoch " + epoch);
      EpochMetrics metrics = Validation.evaluate(sc, validation, snapshot, modelKey + "-" + epoch, epoch,
          config.threshold(), seconds);
      LOG.info(metrics.describe());
      epochs.add(metrics);
    }
    ComputationGraph trained = sparkNetwork.getNetwork().clone();
    double change = trained.params().sub(initialParams).norm2Number().doubleValue();
    validation.unpersist();
    master.deleteTempFiles(sc);

    ModelMetadata[] stamped = new ModelMetadata[1];
    Outputs.writeFile(config.model(), sc.hadoopConfiguration(),
        out -> stamped[0] = DunkModel.write(trained, metadata, out));
    TrainResult result = new TrainResult(config.model(), stamped[0], trainFrames, positives,
        epochs.get(epochs.size() - 1).validationFrames(), split.describe(), List.copyOf(epochs), change,
        (System.nanoTime() - started) / 1e9);
    Outputs.writeFile(config.model() + ".metrics.json", sc.hadoopConfiguration(),
        out -> JSON.writeValue(out, result));
    return result;
  }

  private static Map<String, Long> labelledTapes(Labels labels, Map<String, Long> frameCounts, TrainConfig config) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String video : new TreeSet<>(labels.videos())) {
      Long frames = frameCounts.get(video);
      if (frames == null) {
        throw new IllegalArgumentException("Cannot train: the labels name tape " + video
            + " but the frames dataset has no such tape; extract it first or remove its rows (labels="
            + config.labels() + ", frames=" + config.frames() + ")");
      }
      counts.put(video, frames);
    }
    return counts;
  }

  private static LabelledImage labelledImage(Row row, Labels labels) {
    String video = row.getString(0);
    long frame = row.getLong(1);
    return new LabelledImage(video, frame, labels.label(video, frame), (byte[]) row.get(2));
  }

  /**
   * Shuffled minibatches built where the frames are: each frame gets a seeded random sort key (positives appear
   * {@code oversample} times), so batches mix tapes and classes.
   */
  private static JavaRDD<DataSet> minibatches(JavaRDD<LabelledImage> frames, int oversample, TrainConfig config,
      ModelMetadata metadata, int partitions) {
    long seed = config.seed();
    int batchSize = config.batchSizePerWorker();
    int width = metadata.inputWidth();
    int height = metadata.inputHeight();
    return frames
        .flatMapToPair(frame -> {
          int copies = frame.label() == 1 ? oversample : 1;
          List<Tuple2<Long, LabelledImage>> keyed = new ArrayList<>(copies);
          for (int copy = 0; copy < copies; copy++) {
            long key = mix(seed ^ mix(frame.video().hashCode() * 31L + frame.frame()) ^ mix(copy + 1L));
            keyed.add(new Tuple2<>(key, frame));
          }
          return keyed.iterator();
        })
        .sortByKey(true, partitions)
        .values()
        .mapPartitions(part -> toDataSets(part, batchSize, width, height));
  }

  private static Iterator<DataSet> toDataSets(Iterator<LabelledImage> frames, int batchSize, int width,
      int height) {
    List<DataSet> batches = new ArrayList<>();
    List<byte[]> images = new ArrayList<>(batchSize);
    List<Integer> labels = new ArrayList<>(batchSize);
    while (frames.hasNext()) {
      LabelledImage frame = frames.next();
      images.add(FrameRows.decode(frame.image()));
      labels.add(frame.label());
      if (images.size() == batchSize || !frames.hasNext()) {
        float[] labelData = new float[labels.size()];
        for (int i = 0; i < labelData.length; i++) {
          labelData[i] = labels.get(i);
        }
        batches.add(new DataSet(FrameScorer.features(images, width, height),
            Nd4j.create(labelData, new long[] {labelData.length, 1}, 'c')));
        images.clear();
        labels.clear();
      }
    }
    Collections.shuffle(batches);
    return batches.iterator();
  }

  /** SplitMix64 finaliser: a well-spread key from a few integers. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static SharedTrainingMaster trainingMaster(TrainConfig config) {
    SharingConfig sharing = config.sharing();
    VoidConfiguration.VoidConfigurationBuilder voidConfig = VoidConfiguration.builder()
        .unicastPort(sharing.unicastPort())
        .portSupplier(new ExecutorPortSupplier(sharing.unicastPort()))
        .meshBuildMode(MeshBuildMode.valueOf(sharing.meshBuildMode()));
    if (!sharing.controllerAddress().isEmpty()) {
      voidConfig.controllerAddress(sharing.controllerAddress());
    }
    if (!sharing.networkMask().isEmpty()) {
      voidConfig.networkMask(sharing.networkMask());
    }
    ThresholdAlgorithm threshold = sharing.adaptive()
        ? new AdaptiveThresholdAlgorithm(sharing.thresholdValue())
        : new FixedThresholdAlgorithm(sharing.thresholdValue());
    SharedTrainingMaster.Builder builder = new SharedTrainingMaster.Builder(voidConfig.build(),
        config.batchSizePerWorker())
        .thresholdAlgorithm(threshold)
        .rngSeed(config.seed())
        .collectTrainingStats(false)
        .exportDirectory(Outputs.child(config.workDir(), "batches-" + UUID.randomUUID()));
    if (sharing.workersPerNode() > 0) {
      builder.workersPerNode(sharing.workersPerNode());
    }
    return builder.build();
  }

  private static ModelMetadata metadata(TrainConfig config, TreeSet<String> tapes, int width, int height) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "", config.arch(), width, height, ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_RGB_01, config.threshold(),
        List.copyOf(tapes), config.labels(), Instant.now().toString());
  }

  static byte[] modelFile(ComputationGraph network, ModelMetadata metadata) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      DunkModel.write(network, metadata, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise the network for scoring", e);
    }
    return bytes.toByteArray();
  }
}
