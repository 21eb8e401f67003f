package io.dunkclip.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.format.LabelFiles;
import io.dunkclip.format.Labels;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.extract.ExtractUpdate;
import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.extract.TapeTable;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.metrics.EdgeCorrection;
import io.dunkclip.metrics.EnterThreshold;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.Augmentation;
import io.dunkclip.model.BackboneWeights;
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
import java.util.Set;
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
    return run(spark, config, TrainListener.NONE);
  }

  /**
   * The model records the fit it was trained with and detect decodes with it, so it must be the fit the frames were
   * extracted with (datasets older than the fit column were stretched, the only mode then).
   */
  static void checkFit(List<TapeTable.Entry> tapes, TrainConfig config) {
    for (TapeTable.Entry tape : tapes) {
      String extracted = tape.fit() == null ? io.dunkclip.video.Fit.STRETCH.id() : tape.fit();
      if (!extracted.equals(config.fit().id())) {
        throw new IllegalArgumentException("Cannot train: the frames of " + tape.video() + " were extracted with --fit "
            + extracted + ", but training was asked for --fit " + config.fit().id() + " (fit=" + config.fit().id()
            + "); pass --fit " + extracted + " so detect decodes tapes the way the model saw them");
      }
    }
  }

  static TrainResult run(SparkSession spark, TrainConfig config, TrainListener listener) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // The gradient-sharing ports first: a taken explicit port stops the run before any work.
    int sharingPort = SharingPorts.resolve(config.sharing(), spark.sparkContext().getExecutorMemoryStatus().size());
    LOG.info("Gradient sharing on UDP port {} ({}={})", sharingPort, SharingConfig.UNICAST_PORT,
        config.sharing().unicastPort() == SharingConfig.UNICAST_PORT_AUTO ? "auto" : sharingPort);
    // A frames dataset an `extract --update` left half-committed is finished first, so no tape is missing.
    ExtractUpdate.recover(config.frames(), sc.hadoopConfiguration());
    List<TapeTable.Entry> extracted = TapeTable.read(config.frames(), sc.hadoopConfiguration());
    checkFit(extracted, config);
    Map<String, Long> frameCounts = TapeTable.frameCounts(extracted);
    // Every problem of every labels file at once, against the tapes actually extracted, before any Spark work; later
    // files override earlier ones where they overlap.
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
    // Tapes whose background may hold a person: compared with, but not taken as the empty level (TapeBaseline).
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
    Broadcast<Map<String, byte[]>> backgroundsBroadcast = sc.broadcast(backgrounds);

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
    Checkpoints checkpoints = new Checkpoints(config.model(), sc.hadoopConfiguration());
    Map<String, String> options = Checkpoints.options(config, metadata,
        labelBytes(config.labelFiles(), sc.hadoopConfiguration()),
        readBytes(Outputs.child(config.frames(), TapeTable.FILE_NAME), sc.hadoopConfiguration()));

    ComputationGraph network;
    INDArray initialParams;
    List<EpochMetrics> epochs = new ArrayList<>();
    EpochMetrics best = null;
    Validation.Scored bestScored = null;
    ComputationGraph bestNetwork = null;
    int lastDone = 0;
    if (config.resume()) {
      CheckpointState state = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
          "Cannot resume training: no complete checkpoint in " + checkpoints.dir() + " (resume=true); train without"
              + " --resume to start afresh"));
      checkpoints.requireSameOptions(state.options(), options);
      network = checkpoints.network(state.epoch());
      initialParams = checkpoints.initialParams();
      epochs.addAll(state.epochs());
      lastDone = state.epoch();
      best = state.best();
      bestNetwork = state.bestEpoch() == state.epoch() ? network.clone() : checkpoints.network(state.bestEpoch());
      LOG.info("Resuming after epoch {} from {} (best epoch so far {}, {} epoch(s) without improvement)",
          state.epoch(), checkpoints.dir(), state.bestEpoch(), state.epochsSinceBest());
    } else {
      checkpoints.clear();
      network = Architectures.build(config.arch(), metadata.inputWidth(), metadata.inputHeight(),
          metadata.channels(), config.seed(), config.learningRate(),
          BackboneWeights.of(config.pretrained(), config.randomInit()));
      initialParams = network.params().dup();
      checkpoints.writeInitialParams(initialParams);
    }
    int firstEpoch = lastDone + 1;
    listener.starting(firstEpoch, network);
    boolean patienceExhausted = best != null && lastDone - best.epoch() >= config.patience();

    String exportDir = Outputs.child(config.workDir(), "batches-" + UUID.randomUUID());
    sc.setJobDescription("dunkclip: build and export training minibatches");
    boolean epochsLeft = firstEpoch <= config.epochs() && !patienceExhausted;
    // A resume after the last epoch (or after early stopping) only writes the model: nothing to export.
    List<String> exported = epochsLeft ? minibatches(training, oversample, config, metadata, backgroundsBroadcast,
        sc.defaultParallelism(), new HadoopConf(sc.hadoopConfiguration()), exportDir).collect() : List.of();
    // Paths are few and small; the batches themselves stay on the shared filesystem for the workers to read.
    JavaRDD<String> batchPaths = sc.parallelize(exported, Math.max(1, sc.defaultParallelism()));
    SharedTrainingMaster master = trainingMaster(config, sc.getConf().get("spark.driver.host", "127.0.0.1"),
        sharingPort);
    SharingPorts.held(sharingPort);
    SparkComputationGraph sparkNetwork = new SparkComputationGraph(sc, network, master);
    String modelKey = "train-" + UUID.randomUUID();
    for (int epoch = firstEpoch; epoch <= config.epochs() && !patienceExhausted; epoch++) {
      long epochStart = System.nanoTime();
      sc.setJobDescription("dunkclip: train epoch " + epoch + " of " + config.epochs());
      sparkNetwork.fitPaths(batchPaths);
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      // Score a clone: in local mode the trained network is the broadcast object DL4J closes (shared/STACK.md).
      ComputationGraph snapshot = sparkNetwork.getNetwork().clone();
      sc.setJobDescription("dunkclip: validate epoch " + epoch);
      Validation.Scored scored = Validation.evaluate(sc, validation, modelFile(snapshot, metadata),
          backgroundsBroadcast, unreliableBackgrounds, modelKey + "-" + epoch, epoch, config.threshold(),
          config.calibrate(), seconds);
      EpochMetrics metrics = scored.metrics();
      LOG.info(metrics.describe());
      epochs.add(metrics);
      if (best == null || better(metrics, best)) {
        best = metrics;
        bestScored = scored;
        bestNetwork = snapshot;
      }
      checkpoints.write(sparkNetwork.getNetwork(), new CheckpointState(CheckpointState.FORMAT_VERSION, epoch,
          best.epoch(), best, epoch - best.epoch(), epochs, options, Instant.now().toString()));
      listener.checkpointed(epoch);
      if (epoch - best.epoch() >= config.patience()) {
        LOG.info("Stopping early: no better validation ROC AUC than epoch {} in {} epochs", best.epoch(),
            config.patience());
        patienceExhausted = true;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("Cannot train: no epoch to run and none checkpointed (epochs="
          + config.epochs() + ")");
    }
    ComputationGraph trained = bestNetwork;
    if (bestScored == null) {
      // Resumed after the kept epoch: score it again, for its tapes' empty levels and the enter threshold.
      sc.setJobDescription("dunkclip: validate kept epoch " + best.epoch());
      bestScored = Validation.evaluate(sc, validation, modelFile(trained, metadata), backgroundsBroadcast,
          unreliableBackgrounds, modelKey + "-kept", best.epoch(), config.threshold(), config.calibrate(),
          best.seconds());
    }
    double change = trained.params().sub(initialParams).norm2Number().doubleValue();
    validation.unpersist();
    master.deleteTempFiles(sc);
    deleteExport(exportDir, sc);

    // The operating point of the saved epoch: calibrated on its validation scores, else the threshold given.
    // Thresholds and the kept epoch's validation scores are relative to each tape's empty level; the model keeps the
    // reference level they were moved to, so detect moves an unseen tape's scores the same way.
    boolean calibrated = config.calibrate() && !Double.isNaN(best.threshold()) && best.threshold() > 0
        && bestScored.point().isPresent();
    ModelMetadata operating = metadata.withBaselineLogit(bestScored.baselineLogit());
    if (calibrated) {
      ClipCalibration clips = clipCalibration(bestScored.frames(), best.threshold(), extracted);
      operating = operating.withThresholds(best.threshold(), clips.enter(), ModelMetadata.THRESHOLD_CALIBRATED)
          .withEdges(clips.edges().beforeSeconds(), clips.edges().afterSeconds());
    } else {
      operating = operating.withThreshold(config.threshold(), ModelMetadata.THRESHOLD_FIXED);
    }
    if (config.calibrate() && !calibrated) {
      LOG.warn("Cannot calibrate the threshold: the validation tapes hold no frame with a player; keeping {}",
          config.threshold());
    }
    LOG.info("Saving epoch {} (validation ROC AUC {}) at threshold {}, enter threshold {} ({})", best.epoch(),
        best.rocAuc(), operating.threshold(), operating.enter(), operating.thresholdRule());
    ModelMetadata[] stamped = new ModelMetadata[1];
    ModelMetadata saved = operating;
    Outputs.writeFile(config.model(), sc.hadoopConfiguration(),
        out -> stamped[0] = DunkModel.write(trained, saved, out));
    TrainResult result = new TrainResult(config.model(), stamped[0], trainFrames, positives,
        best.validationFrames(), split.describe(), List.copyOf(epochs), best.epoch(), change,
        (System.nanoTime() - started) / 1e9);
    Outputs.writeFile(config.model() + ".metrics.json", sc.hadoopConfiguration(),
        out -> JSON.writeValue(out, result));
    TrainingReport.write(config.model(), result.epochs(), result.bestEpoch(), sc.hadoopConfiguration());
    TrainingReport.writePrecisionRecall(config.model(), bestScored.scores(), bestScored.positives(),
        best.epoch(), stamped[0].threshold(), sc.hadoopConfiguration());
    return result;
  }

  /**
   * ROC AUC differences smaller than this between two epochs are taken as noise: on a validation set of a few hundred
   * frames from one or two tapes, one frame more or less on the right side of another moves the AUC by about that.
   */
  static final double AUC_TOLERANCE = 0.005;

  /**
   * Whether a new epoch replaces the one kept so far. Epochs are compared by validation ROC AUC, a measure of how
   * well scores separate the classes that no threshold moves (the threshold is calibrated afterwards, on the kept
   * epoch's scores): a clearly higher AUC (by more than {@link #AUC_TOLERANCE}) wins; within the tolerance the lower
   * validation loss wins, so a more trained epoch is not passed over for noise in the AUC. A later epoch is not
   * better just for being later. F1 at a fixed threshold swung between epochs while AUC stayed flat, which made the
   * saved epoch a matter of luck; AUC alone kept an undertrained first epoch over later ones 0.003 below it.
   */
  static boolean better(EpochMetrics candidate, EpochMetrics incumbent) {
    if (Double.isNaN(incumbent.rocAuc()) != Double.isNaN(candidate.rocAuc())) {
      return Double.isNaN(incumbent.rocAuc());
    }
    if (!Double.isNaN(candidate.rocAuc())) {
      if (candidate.rocAuc() > incumbent.rocAuc() + AUC_TOLERANCE) {
        return true;
      }
      if (candidate.rocAuc() < incumbent.rocAuc() - AUC_TOLERANCE) {
        return false;
      }
    }
    return candidate.loss() < incumbent.loss();
  }

  /** The clip-level calibration: detect's enter threshold and the clips' edge corrections. */
  record ClipCalibration(double enter, EdgeCorrection.Correction edges) {}

  /**
   * The enter threshold for {@code exit}, chosen on the validation frames as clips ({@link EnterThreshold}), with
   * detect's default clip options and smoothing at each tape's frame rate, and then how far inside the labelled clips
   * the clips found at those thresholds lie ({@link EdgeCorrection}). Each validation tape's frames are one block
   * (whole tapes, or the last block of a single tape).
   */
  static ClipCalibration clipCalibration(List<Validation.ScoredFrame> frames, double exit,
      List<TapeTable.Entry> tapes) {
    Map<String, List<Validation.ScoredFrame>> byTape = new java.util.TreeMap<>();
    frames.forEach(f -> byTape.computeIfAbsent(f.video(), v -> new ArrayList<>()).add(f));
    Map<String, Double> fps = new java.util.HashMap<>();
    tapes.forEach(t -> fps.put(t.video(), t.fps()));
    List<EnterThreshold.Tape> validationTapes = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (Map.Entry<String, List<Validation.ScoredFrame>> tape : byTape.entrySet()) {
      List<Validation.ScoredFrame> sorted = new ArrayList<>(tape.getValue());
      sorted.sort(java.util.Comparator.comparingLong(Validation.ScoredFrame::frame));
      long first = sorted.get(0).frame();
      int length = (int) (sorted.get(sorted.size() - 1).frame() - first + 1);
      double[] scores = new double[length];
      boolean[] positive = new boolean[length];
      for (Validation.ScoredFrame f : sorted) {
        scores[(int) (f.frame() - first)] = f.score();
        positive[(int) (f.frame() - first)] = f.label() == 1;
      }
      List<io.dunkclip.interval.FrameRange> truth = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        if (positive[i] && (i == 0 || !positive[i - 1])) {
          int end = i;
          while (end + 1 < length && positive[end + 1]) {
            end++;
          }
          truth.add(io.dunkclip.interval.FrameRange.of(i, end));
        }
      }
      double rate = fps.getOrDefault(tape.getKey(), 0.0) > 0 ? fps.get(tape.getKey()) : 30;
      rates.add(rate);
      // As detect finds clips: in scores smoothed with its default window.
      int halfWindow = (int) Math.round(DetectConfig.SMOOTH_SECONDS_DEFAULT * rate / 2);
      validationTapes.add(new EnterThreshold.Tape(ScoreSmoothing.median(scores, halfWindow), truth,
          Math.max(1, (long) Math.ceil(DetectConfig.MIN_SECONDS_DEFAULT * rate - 1e-9)),
          Math.round(DetectConfig.MAX_GAP_SECONDS_DEFAULT * rate)));
    }
    EnterThreshold.Choice choice = EnterThreshold.choose(validationTapes, exit);
    LOG.info("Enter threshold {} (validation clip F1 {}, step {}..{})", choice.enter(), choice.clipF1(),
        choice.stepLow(), choice.stepHigh());
    EdgeCorrection.Correction edges = EdgeCorrection.measure(validationTapes,
        rates.stream().mapToDouble(Double::doubleValue).toArray(), choice.enter(), exit);
    LOG.info("Clip edges: the labelled clips began {} s earlier and ended {} s later (lower median of {} validation"
        + " clip(s)); detect widens its clips by as much", edges.beforeSeconds(), edges.afterSeconds(),
        edges.matches());
    return new ClipCalibration(choice.enter(), edges);
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

  /**
   * Shuffled minibatches built where the frames are and exported to {@code exportDir} (DL4J's DataSet format), one
   * file per minibatch: each frame gets a seeded random sort key (positives appear {@code oversample} times), so
   * batches mix tapes and classes. Returns the files' paths; training reads them with {@code fitPaths}.
   */
  private static JavaRDD<String> minibatches(JavaRDD<LabelledImage> frames, int oversample, TrainConfig config,
      ModelMetadata metadata, Broadcast<Map<String, byte[]>> backgrounds, int partitions, HadoopConf conf,
      String exportDir) {
    long seed = config.seed();
    boolean augment = config.augment();
    int batchSize = config.batchSizePerWorker();
    int width = metadata.inputWidth();
    int height = metadata.inputHeight();
    String normalisation = metadata.normalisation();
    return frames
        .flatMapToPair(frame -> {
          int copies = frame.label() == 1 ? oversample : 1;
          List<Tuple2<Long, LabelledImage>> keyed = new ArrayList<>(copies);
          for (int copy = 0; copy < copies; copy++) {
            keyed.add(new Tuple2<>(viewKey(seed, frame.video(), frame.frame(), copy), frame));
          }
          return keyed.iterator();
        })
        .sortByKey(true, partitions)
        .mapPartitionsWithIndex((partition, part) -> export(
            toDataSets(part, backgrounds.value(), augment, batchSize, width, height, normalisation), partition,
            exportDir, conf), false);
  }

  private static Iterator<String> export(Iterator<DataSet> batches, int partition, String exportDir,
      HadoopConf conf) throws IOException {
    List<String> paths = new ArrayList<>();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(exportDir);
    org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(conf.get());
    int index = 0;
    while (batches.hasNext()) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir,
          String.format(java.util.Locale.ROOT, "batch-%05d-%05d.bin", partition, index++));
      try (java.io.OutputStream out = fs.create(file, true)) {
        batches.next().save(out);
      }
      paths.add(file.toString());
    }
    return paths.iterator();
  }

  private static void deleteExport(String exportDir, JavaSparkContext sc) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(exportDir);
    try {
      dir.getFileSystem(sc.hadoopConfiguration()).delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete exported minibatches in " + exportDir, e);
    }
  }

  /**
   * Minibatches of the keyed frames, in key order. With {@code augment} each copy of a frame becomes its own random
   * view ({@link Augmentation}, seeded by the copy's sort key, so a rerun exports the same batches); a model that
   * compares with the background gets each frame's tape background beside it (moved and mirrored with the frame).
   */
  private static Iterator<DataSet> toDataSets(Iterator<Tuple2<Long, LabelledImage>> frames,
      Map<String, byte[]> backgrounds, boolean augment, int batchSize, int width, int height, String normalisation) {
    List<DataSet> batches = new ArrayList<>();
    List<byte[]> images = new ArrayList<>(batchSize);
    List<byte[]> imageBackgrounds = new ArrayList<>(batchSize);
    List<Integer> labels = new ArrayList<>(batchSize);
    boolean withBackground = !backgrounds.isEmpty();
    while (frames.hasNext()) {
      Tuple2<Long, LabelledImage> keyed = frames.next();
      LabelledImage frame = keyed._2();
      byte[] rgb = FrameRows.decode(frame.image());
      byte[] background = withBackground ? backgrounds.get(frame.video()) : null;
      if (augment) {
        Augmentation.View view = Augmentation.view(rgb, background, width, height, keyed._1());
        rgb = view.frame();
        background = view.background();
      }
      images.add(rgb);
      imageBackgrounds.add(background);
      labels.add(frame.label());
      if (images.size() == batchSize || !frames.hasNext()) {
        float[] labelData = new float[labels.size()];
        for (int i = 0; i < labelData.length; i++) {
          labelData[i] = labels.get(i);
        }
        batches.add(new DataSet(features(images, imageBackgrounds, width, height, normalisation),
            Nd4j.create(labelData, new long[] {labelData.length, 1}, 'c')));
        images.clear();
        imageBackgrounds.clear();
        labels.clear();
      }
    }
    Collections.shuffle(batches);
    return batches.iterator();
  }

  /**
   * The network input of frames that may each have their own background (null entries: frame-only). Public so
   * {@code scripts/bench train}'s single-JVM reference feeds the network exactly what training does.
   */
  public static INDArray features(List<byte[]> images, List<byte[]> backgrounds, int width, int height,
      String normalisation) {
    if (backgrounds.get(0) == null) {
      return FrameScorer.features(images, width, height, normalisation);
    }
    INDArray[] rows = new INDArray[images.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = FrameScorer.features(List.of(images.get(i)), backgrounds.get(i), width, height, normalisation);
    }
    return Nd4j.concat(0, rows);
  }

  /**
   * The sort key of copy {@code copy} (0-based; positives have {@code oversample} copies) of a training frame: it
   * orders the exported minibatches and seeds the copy's {@link Augmentation} view. Public so {@code scripts/bench
   * train}'s single-JVM reference builds the same views in the same order.
   */
  public static long viewKey(long seed, String video, long frame, int copy) {
    return mix(seed ^ mix(video.hashCode() * 31L + frame) ^ mix(copy + 1L));
  }

  /** SplitMix64 finaliser: a well-spread key from a few integers. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The gradient-sharing master. Unless configured, executors reach the parameter server at the driver's own
   * address ({@code spark.driver.host}), which is the address Spark itself already uses to reach the driver.
   */
  private static SharedTrainingMaster trainingMaster(TrainConfig config, String driverHost, int port) {
    SharingConfig sharing = config.sharing();
    VoidConfiguration.VoidConfigurationBuilder voidConfig = VoidConfiguration.builder()
        .unicastPort(port)
        .portSupplier(new ExecutorPortSupplier(port))
        .meshBuildMode(MeshBuildMode.valueOf(sharing.meshBuildMode()));
    voidConfig.controllerAddress(sharing.controllerAddress().isEmpty() ? driverHost : sharing.controllerAddress());
    if (!sharing.networkMask().isEmpty()) {
      voidConfig.networkMask(sharing.networkMask());
    }
    double value = sharing.thresholdValue(config.learningRate());
    ThresholdAlgorithm threshold = sharing.adaptive()
        ? new AdaptiveThresholdAlgorithm(value)
        : new FixedThresholdAlgorithm(value);
    LOG.info("Gradient sharing: {} threshold {} ({}={})", sharing.adaptive() ? "adaptive, initial" : "fixed", value,
        SharingConfig.THRESHOLD_ALGORITHM, sharing.thresholdAlgorithm());
    SharedTrainingMaster.Builder builder = new SharedTrainingMaster.Builder(voidConfig.build(),
        config.batchSizePerWorker())
        .thresholdAlgorithm(threshold)
        .rngSeed(config.seed())
        .collectTrainingStats(false)
        .exportDirectory(Outputs.child(config.workDir(), "dl4j-" + UUID.randomUUID()));
    if (sharing.workersPerNode() > 0) {
      builder.workersPerNode(sharing.workersPerNode());
    }
    return builder.build();
  }

  /**
   * What a resume must find unchanged: the one labels file's bytes, or every file's bytes, each followed by a zero
   * byte (which no CSV text holds) so that moving a row from one file to the next counts as a change.
   */
  private static byte[] labelBytes(List<String> files, org.apache.hadoop.conf.Configuration conf) {
    if (files.size() == 1) {
      return readBytes(files.get(0), conf);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String file : files) {
      all.writeBytes(readBytes(file, conf));
      all.write(0);
    }
    return all.toByteArray();
  }

  private static byte[] readBytes(String location, org.apache.hadoop.conf.Configuration conf) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    try (java.io.InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private static ModelMetadata metadata(TrainConfig config, TreeSet<String> tapes, int width, int height) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "", config.arch(), width, height,
        config.fit().id(), Architectures.normalisation(config.arch()), config.threshold(), List.copyOf(tapes),
        String.join(" + ", config.labelFiles()), Instant.now().toString(), config.inputOrDefault(),
        config.calibrate() ? ModelMetadata.THRESHOLD_CALIBRATED : ModelMetadata.THRESHOLD_FIXED,
        null, null, null, null);
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
