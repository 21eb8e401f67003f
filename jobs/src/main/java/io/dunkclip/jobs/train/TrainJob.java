package io.dunkclip.jobs.train;

import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.BackboneWeights;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrozenBackbone;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.training.EpochChoice;
import io.dunkclip.training.EpochLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the player-in-frame classifier on Spark with DL4J gradient sharing, in four steps: the data
 * ({@link TrainingData}: labels checked, split, balanced; {@link Minibatches}: exported where the frames are), the
 * gradient-sharing master ({@link SharedTraining}), the epochs ({@link EpochLoop}: after every epoch a copy of the
 * network is scored on the held-out tapes, the best kept, patience applied, a checkpoint written) and the outputs
 * ({@link TrainOutputs}). A network with a frozen backbone (resnet50) runs it once per frame and view into a cache
 * beside the frames ({@link FeatureCache}) and the epochs train only its head on the cached features
 * ({@link CachedBatches}); validation, checkpoints and the model hold the whole network with the trained head.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private TrainJob() {}

  public static TrainResult run(SparkSession spark, TrainConfig config) {
    return run(spark, config, TrainListener.NONE);
  }

  /** The network an epoch left and its validation scores; the kept one becomes the model. */
  private record Scored(ComputationGraph network, Validation.Scored scores) {}

  static TrainResult run(SparkSession spark, TrainConfig config, TrainListener listener) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = sc.hadoopConfiguration();
    // The gradient-sharing ports first: a taken explicit port stops the run before any work.
    int sharingPort = SharingPorts.resolve(config.sharing(), spark.sparkContext().getExecutorMemoryStatus().size());
    LOG.info("Gradient sharing on UDP port {} ({}={})", sharingPort, SharingConfig.UNICAST_PORT,
        config.sharing().unicastPort() == SharingConfig.UNICAST_PORT_AUTO ? "auto" : sharingPort);
    TrainingData data = TrainingData.prepare(spark, config);
    ModelMetadata metadata = data.metadata();

    Checkpoints checkpoints = new Checkpoints(config.model(), conf);
    Map<String, String> options = Checkpoints.options(config, metadata, labelBytes(config.labelFiles(), conf),
        readBytes(Outputs.child(config.frames(), TapeTable.FILE_NAME), conf));
    ComputationGraph network;
    INDArray initialParams;
    EpochLoop.Progress<EpochMetrics> progress;
    Scored[] kept = new Scored[1];
    if (config.resume()) {
      CheckpointState state = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
          "Cannot resume training: no complete checkpoint in " + checkpoints.dir() + " (resume=true); train without"
              + " --resume to start afresh"));
      checkpoints.requireSameOptions(state.options(), options);
      network = checkpoints.network(state.epoch());
      initialParams = checkpoints.initialParams();
      progress = new EpochLoop.Progress<>(state.epochs(), state.bestEpoch(), state.best());
      // Scored again only if no later epoch is kept (see below).
      kept[0] = new Scored(state.bestEpoch() == state.epoch() ? network.clone()
          : checkpoints.network(state.bestEpoch()), null);
      LOG.info("Resuming after epoch {} from {} (best epoch so far {}, {} epoch(s) without improvement)",
          state.epoch(), checkpoints.dir(), state.bestEpoch(), state.epochsSinceBest());
    } else {
      checkpoints.clear();
      network = Architectures.build(config.arch(), metadata.inputWidth(), metadata.inputHeight(),
          metadata.channels(), config.seed(), config.learningRate(),
          BackboneWeights.of(config.pretrained(), config.randomInit()));
      initialParams = network.params().dup();
      checkpoints.writeInitialParams(initialParams);
      progress = EpochLoop.Progress.start();
    }
    listener.starting(progress.lastDone() + 1, network);

    // A frozen backbone runs once per frame and view into a cache beside the frames; the epochs then train only the
    // head on its output (gradient sharing included: the head is a small network on feature batches).
    FrozenBackbone frozen = frozenBackbone(config, network);
    FeatureCache.Ready cache = null;
    ComputationGraph trainee = network;
    EpochSource batches;
    if (frozen != null) {
      cache = FeatureCache.ensure(spark, data, config, frozen, network);
      LOG.info("Backbone features: cache {} ready in {} s ({} backbone forwards in this run)", cache.dir(),
          String.format(java.util.Locale.ROOT, "%.1f", cache.seconds()), cache.forwards());
      trainee = frozen.head(network);
      batches = new CachedBatches(spark, data, config, cache);
    } else {
      // Exported when an epoch first needs them: a resume after the last epoch (or after early stopping) only writes
      // the model.
      batches = new EpochBatches(sc, data, config);
    }
    ComputationGraph whole = network;
    SharedTrainingMaster master = SharedTraining.master(config, sc.getConf().get("spark.driver.host", "127.0.0.1"),
        sharingPort);
    SharingPorts.held(sharingPort);
    SparkComputationGraph sparkNetwork = new SparkComputationGraph(sc, trainee, master);
    // The whole network as the latest epoch left it: with a cache, its head's weights copied in from the trained head.
    java.util.function.Supplier<ComputationGraph> current = frozen == null ? sparkNetwork::getNetwork : () -> {
      frozen.copyHead(sparkNetwork.getNetwork(), whole);
      return whole;
    };
    String modelKey = "train-" + UUID.randomUUID();
    CollectionAccumulator<String> fitted = sc.sc().collectionAccumulator("dunkclip: minibatches fitted by executor");
    CountingLoader loader = new CountingLoader(fitted);
    Scored[] latest = new Scored[1];
    EpochLoop.Progress<EpochMetrics> end = EpochLoop.run(progress, config.epochs(), config.patience(),
        EpochChoice::better, epoch -> {
          JavaRDD<String> batchPaths = batches.forEpoch(epoch);
          // An epoch's seconds are its fitting: the export before it is not counted, as before augmented views
          // were exported anew each epoch.
          long epochStart = System.nanoTime();
          sc.setJobDescription("dunkclip: train epoch " + epoch + " of " + config.epochs());
          sparkNetwork.fitPaths(batchPaths, loader);
          double seconds = (System.nanoTime() - epochStart) / 1e9;
          // Score a clone: in local mode the trained network is the broadcast object DL4J closes (shared/STACK.md).
          ComputationGraph snapshot = current.get().clone();
          sc.setJobDescription("dunkclip: validate epoch " + epoch);
          Validation.Scored scored = Validation.evaluate(sc, data.validation(), modelFile(snapshot, metadata),
              data.backgrounds(), data.unreliableBackgrounds(), modelKey + "-" + epoch, epoch, config.threshold(),
              config.calibrate(), seconds);
          LOG.info(scored.metrics().describe());
          latest[0] = new Scored(snapshot, scored);
          return scored.metrics();
        }, (after, isKept) -> {
          if (isKept) {
            kept[0] = latest[0];
          }
          checkpoints.write(current.get(), new CheckpointState(CheckpointState.FORMAT_VERSION,
              after.lastDone(), after.bestEpoch(), after.best(), after.epochsSinceBest(), after.history(), options,
              Instant.now().toString()));
          listener.checkpointed(after.lastDone());
        });
    if (end.lastDone() > progress.lastDone() && end.patienceExhausted(config.patience())) {
      LOG.info("Stopping early: no better validation ROC AUC than epoch {} in {} epochs", end.bestEpoch(),
          config.patience());
    }
    if (end.best() == null) {
      throw new IllegalArgumentException("Cannot train: no epoch to run and none checkpointed (epochs="
          + config.epochs() + ")");
    }
    EpochMetrics best = end.best();
    ComputationGraph trained = kept[0].network();
    Validation.Scored bestScored = kept[0].scores();
    if (bestScored == null) {
      // Resumed after the kept epoch: score it again, for its tapes' empty levels and the enter threshold.
      sc.setJobDescription("dunkclip: validate kept epoch " + best.epoch());
      bestScored = Validation.evaluate(sc, data.validation(), modelFile(trained, metadata), data.backgrounds(),
          data.unreliableBackgrounds(), modelKey + "-kept", best.epoch(), config.threshold(), config.calibrate(),
          best.seconds());
    }
    double change = trained.params().sub(initialParams).norm2Number().doubleValue();
    data.release();
    master.deleteTempFiles(sc);
    batches.delete();

    ModelMetadata operating = TrainOutputs.operatingPoint(config, metadata, best, bestScored, data.extracted());
    ModelMetadata stamped = TrainOutputs.writeModel(config.model(), trained, operating, conf);
    TrainResult result = new TrainResult(config.model(), stamped, data.trainFrames(), data.positives(),
        best.validationFrames(), data.split().describe(), end.history(), best.epoch(), change,
        batches.handedOut(), CountingLoader.counts(fitted.value()), (System.nanoTime() - started) / 1e9,
        cache == null ? null : cache.dir(), cache == null ? 0 : cache.forwards(), cache == null ? 0 : cache.seconds());
    TrainOutputs.writeReports(result, bestScored, conf);
    return result;
  }

  /**
   * The frozen part to cache for this run, or null: only for an architecture with one, with the cache on. A resumed
   * run rebuilds the head from the checkpointed network, with a fresh Adam state for it (the checkpoint holds the
   * whole network's updater, whose layout the head's does not share).
   */
  private static FrozenBackbone frozenBackbone(TrainConfig config, ComputationGraph network) {
    if (!config.featureCache()) {
      return null;
    }
    return Architectures.featureCachePoint(config.arch()).map(point -> FrozenBackbone.at(network, point))
        .orElse(null);
  }

  /**
   * What a resume must find unchanged: the one labels file's bytes, or every file's bytes, each followed by a zero
   * byte (which no CSV text holds) so that moving a row from one file to the next counts as a change.
   */
  private static byte[] labelBytes(java.util.List<String> files, Configuration conf) {
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

  private static byte[] readBytes(String location, Configuration conf) {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
    }
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
