package io.dunkclip.jobs.bench;

import io.dunkclip.background.Background;
import io.dunkclip.format.Labels;
import io.dunkclip.jobs.cli.Settings;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.spark.SparkSessions;
import io.dunkclip.jobs.train.EpochMetrics;
import io.dunkclip.jobs.train.Minibatches;
import io.dunkclip.jobs.train.SharingConfig;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.jobs.train.TrainResult;
import io.dunkclip.metrics.Roc;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.Augmentation;
import io.dunkclip.model.BackboneWeights;
import io.dunkclip.model.BatchScorer;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.model.OneDnnHelpers;
import io.dunkclip.split.ValidationSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code scripts/bench train}: the same training (a) in one JVM with a plain DL4J {@code fit} on DL4J's plain layers,
 * (b) the same with DL4J's oneDNN helpers ({@link OneDnnHelpers}), (c) with dunkclip train's Spark gradient sharing in
 * {@code local[2]} (helpers on); images per second of each, and the validation ROC AUC each reaches.
 *
 * <p>Both runs train small-cnn with the architecture's default input (frame+background: each frame beside its tape's
 * background as extract stored it in the frames dataset), from the same initial weights, on the same validation split,
 * with the same batch size, oversampling and augmentation: every copy of a training frame is the view
 * {@link TrainJob#viewKey} seeds, and the minibatches are those views in key order, cut every {@code batch size}
 * views. The one difference in the data: train sorts the keys into one range per Spark partition and cuts each range
 * separately, so around each range's end (one per partition) a batch or two hold different frames, and train may
 * visit the batches in another order. Both score the same validation frames with {@link FrameScorer} after every
 * epoch; {@code auc_single} and {@code auc_shared} are each run's highest validation ROC AUC over its epochs, by one
 * rule for both (train itself may keep an epoch up to {@link io.dunkclip.training.EpochChoice#AUC_TOLERANCE} below the
 * highest when its validation loss is lower, a rule the single-JVM runs, which compute no loss, cannot follow). Epoch
 * 1 of each is warm-up and not counted in the times; scoring is not counted either.
 *
 * <p>Gradient sharing is configured as {@code dunkclip train} would be: {@code conf/dunkclip.conf} (found through
 * {@code DUNKCLIP_HOME} or {@code DUNKCLIP_CONF}), then {@code key=value} arguments.
 *
 * <p>Then ResNet50 at 224x224 ({@code --arch resnet50}, random frozen weights: the ImageNet ones cannot be had here,
 * and the cost is the same) trains through dunkclip train twice on a small frames dataset, with and without the
 * backbone feature cache; {@code resnet50_cache_speedup} is the epoch time without over the epoch time with it (the
 * cache's build is timed apart, {@code resnet50_cache_build_s}). The dataset: {@code BENCH_RESNET_FRAMES} (default
 * 48) frames of the sample frames dataset's first three labelled tapes, half with a player, scaled up to 224x224;
 * {@code BENCH_RESNET_EPOCHS} (default 2) epochs each, the first warm-up; no augmentation (one cached view per frame,
 * so the build stays small: an epoch's cost does not depend on the views cached).
 *
 * <p>Usage: {@code TrainBench FRAMES_DIR LABELS_CSV WORK_DIR [EPOCHS] [dunkclip.train.KEY=VALUE ...]};
 * EPOCHS empty or left out means train's default.
 */
public final class TrainBench {
  private static final long SEED = 42;
  private static final int SCORING_BATCH = 64;

  private TrainBench() {}

  /** A validation frame of the reference run. */
  private record Frame(String video, boolean positive, byte[] rgb) {}

  /** A training view of the reference run, ordered by its key. */
  private record View(long key, byte[] frame, byte[] background, int label) {}

  public static void main(String[] args) {
    String frames = args[0];
    String labelsCsv = args[1];
    String work = args[2];
    // Train's own default length: the AUC comparison is about the model a user gets, and gradient sharing's best
    // epoch comes later than one JVM's (its first epochs move every parameter by a quantised step).
    int epochs = args.length > 3 && !args[3].isEmpty() ? Integer.parseInt(args[3]) : TrainConfig.EPOCHS_DEFAULT;
    if (epochs < 2) {
      throw new IllegalArgumentException("Cannot benchmark training: epoch 1 is warm-up, so at least 2 epochs are "
          + "needed (epochs=" + epochs + ")");
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] pair = args[i].split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("Cannot benchmark training: settings are key=value (argument=" + args[i]
            + ")");
      }
      overrides.put(pair[0], pair[1]);
    }
    Map<String, String> settings = Settings.load(overrides);
    SharingConfig sharing = SharingConfig.from(settings);
    int batchSize = SharingConfig.batchSizePerWorker(null, settings, TrainConfig.BATCH_SIZE_DEFAULT);
    System.err.printf(Locale.ROOT, "bench: gradient sharing %s, batch size %d, %d epochs%n", sharing, batchSize,
        epochs);
    try (SparkSession spark = SparkSessions.create("dunkclip bench train", "local[2]", Map.of())) {
      TrainConfig config = TrainConfig.builder(frames, labelsCsv, work + "/bench.model").epochs(epochs)
          .arch(Architectures.SMALL_CNN).batchSizePerWorker(batchSize).seed(SEED).patience(epochs)
          .workDir(work + "/scratch").sharing(sharing).build();
      TrainResult shared = TrainJob.run(spark, config);
      double sharedEpoch = shared.epochs().subList(1, shared.epochs().size()).stream()
          .mapToDouble(EpochMetrics::seconds).average().orElseThrow();

      ModelMetadata metadata = shared.metadata();
      Reference reference = Reference.load(spark, config, metadata);
      if (reference.trainFrames != shared.trainFrames() || reference.positives != shared.trainPositives()
          || reference.validation.size() != shared.validationFrames()) {
        throw new IllegalStateException("The reference run does not train on train's split: " + reference.trainFrames
            + " training frames (" + reference.positives + " with a player) and " + reference.validation.size()
            + " validation frames, train had " + shared.trainFrames() + " (" + shared.trainPositives() + ") and "
            + shared.validationFrames());
      }
      long examples = reference.examples();

      // (a) DL4J's plain path and (b) its oneDNN helpers, each from the same initial weights over the same batches
      // in the same order; (c) above is train's gradient sharing, which builds its networks with the helpers.
      Single plain = Single.train("plain", OneDnnHelpers.building(false, () -> network(config, metadata)), reference,
          metadata, epochs);
      Single helped = Single.train("helpers", OneDnnHelpers.building(true, () -> network(config, metadata)),
          reference, metadata, epochs);
      shared.epochs().forEach(e -> System.err.println("bench: shared " + e.describe()));
      List<Double> sharedAuc = shared.epochs().stream().map(EpochMetrics::rocAuc).toList();
      double aucShared = best(sharedAuc);
      System.err.printf(Locale.ROOT, "bench: validation ROC AUC per epoch (%d frames of %s): plain %s (best %d),"
              + " helpers %s (best %d), shared %s (best %d, train keeps %d)%n",
          reference.validation.size(), shared.split(), describe(plain.aucs), plain.bestEpoch(), describe(helped.aucs),
          helped.bestEpoch(), describe(sharedAuc), sharedAuc.indexOf(aucShared) + 1, shared.bestEpoch());
      double plainRate = examples / plain.epochSeconds();
      double helperRate = examples / helped.epochSeconds();
      double sharedRate = examples / sharedEpoch;
      System.err.printf(Locale.ROOT, "bench: %d examples per epoch; plain %.1f images/s, helpers %.1f images/s,"
          + " shared (helpers, local[2]) %.1f images/s%n", examples, plainRate, helperRate, sharedRate);
      // The single-JVM reference of ratio= and single_*= is the helper run: both sides then run the same layers.
      List<String> line = new ArrayList<>(List.of(
          value("single_epoch_s", "%.2f", helped.epochSeconds()),
          value("shared_epoch_s", "%.2f", sharedEpoch),
          value("ratio", "%.3f", sharedEpoch / helped.epochSeconds()),
          value("single_images_per_s", "%.1f", helperRate),
          value("plain_images_per_s", "%.1f", plainRate),
          value("helper_images_per_s", "%.1f", helperRate),
          value("shared_images_per_s", "%.1f", sharedRate),
          value("helper_speedup", "%.2f", helperRate / plainRate),
          value("examples", "%d", examples),
          value("auc_single", "%.4f", helped.bestAuc()),
          value("auc_plain", "%.4f", plain.bestAuc()),
          value("auc_shared", "%.4f", aucShared)));
      // Further measurements append their key=value pairs here; the keys above keep their names and order.
      ResNetEpochs resnet = ResNetEpochs.measure(spark, frames, labelsCsv, work, sharing, batchSize);
      line.addAll(List.of(
          value("resnet50_epoch_s", "%.2f", resnet.uncached()),
          value("resnet50_cached_epoch_s", "%.3f", resnet.cached()),
          value("resnet50_cache_build_s", "%.2f", resnet.build()),
          value("resnet50_frames", "%d", resnet.frames()),
          value("resnet50_cache_speedup", "%.1f", resnet.uncached() / resnet.cached())));
      System.out.println("train: " + String.join(" ", line));
    }
  }

  /**
   * ResNet50's epoch seconds at 224x224 without and with the feature cache (means over the epochs after the first),
   * the cache's build seconds, and the frames of the dataset.
   */
  private record ResNetEpochs(double uncached, double cached, double build, long frames) {
    private static final int SIZE = 224;
    private static final int TAPES = 3;

    static ResNetEpochs measure(SparkSession spark, String sampleFrames, String sampleLabels, String work,
        SharingConfig sharing, int batchSize) {
      int frames = envInt("BENCH_RESNET_FRAMES", 48, 2 * TAPES);
      int epochs = envInt("BENCH_RESNET_EPOCHS", 2, 2);
      String dataset = work + "/resnet-frames";
      String labels = work + "/resnet-labels.csv";
      long written = writeDataset(spark, sampleFrames, sampleLabels, frames, dataset, labels);
      System.err.printf(Locale.ROOT, "bench: resnet50 at %dx%d on %d frames of %d tapes, %d epochs (the first is"
          + " warm-up), without and with the feature cache%n", SIZE, SIZE, written, TAPES, epochs);
      TrainConfig.Builder builder = TrainConfig.builder(dataset, labels, work + "/resnet.model").epochs(epochs)
          .arch(Architectures.RESNET50).backbone(null, true).augment(false).batchSizePerWorker(batchSize).seed(SEED)
          .patience(epochs).validationFraction(1.0 / TAPES).workDir(work + "/resnet-scratch").sharing(sharing);
      TrainResult plain = TrainJob.run(spark, builder.featureCache(false).build());
      plain.epochs().forEach(e -> System.err.println("bench: resnet50 without cache " + e.describe()));
      TrainResult cachedRun = TrainJob.run(spark, builder.featureCache(true).build());
      cachedRun.epochs().forEach(e -> System.err.println("bench: resnet50 with cache " + e.describe()));
      System.err.printf(Locale.ROOT, "bench: resnet50 feature cache built in %.1f s (%d backbone forwards) at %s%n",
          cachedRun.featureCacheSeconds(), cachedRun.backboneForwards(), cachedRun.featureCache());
      return new ResNetEpochs(afterFirst(plain), afterFirst(cachedRun), cachedRun.featureCacheSeconds(), written);
    }

    private static double afterFirst(TrainResult result) {
      return result.epochs().subList(1, result.epochs().size()).stream().mapToDouble(EpochMetrics::seconds)
          .average().orElseThrow();
    }

    private static int envInt(String name, int fallback, int least) {
      String text = System.getenv(name);
      int value = text == null || text.isBlank() ? fallback : Integer.parseInt(text.trim());
      if (value < least) {
        throw new IllegalArgumentException("Cannot benchmark resnet50: " + name + " must be at least " + least + " ("
            + name + "=" + value + ")");
      }
      return value;
    }

    /**
     * A frames dataset as extract writes it (Parquet by video, {@code _tapes.csv}) of {@code frames} frames of the
     * first three labelled sample tapes, half with a player, scaled up to 224x224, and its labels.
     */
    private static long writeDataset(SparkSession spark, String sampleFrames, String sampleLabels, int frames,
        String dataset, String labelsCsv) {
      var conf = spark.sparkContext().hadoopConfiguration();
      Labels labels = CsvFiles.readLabels(sampleLabels, conf);
      List<String> tapes = new ArrayList<>(new java.util.TreeSet<>(labels.videos())).subList(0, TAPES);
      List<Row> rows = spark.read().parquet(sampleFrames).select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE)
          .orderBy(FrameRows.VIDEO, FrameRows.FRAME).collectAsList();
      int perClass = frames / (2 * TAPES);
      List<Row> out = new ArrayList<>();
      StringBuilder tapesCsv = new StringBuilder("video,frames,fps,width,height,rotation,audio,uri\n");
      StringBuilder labelRows = new StringBuilder("video,start_frame,end_frame,label\n");
      for (String tape : tapes) {
        int[] taken = new int[2];
        long next = 0;
        for (Row row : rows) {
          int label = labels.label(tape, row.getLong(1));
          if (!row.getString(0).equals(tape) || taken[label] == perClass) {
            continue;
          }
          taken[label]++;
          java.awt.image.BufferedImage large = new java.awt.image.BufferedImage(SIZE, SIZE,
              java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
          java.awt.Graphics2D g = large.createGraphics();
          g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
              java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
          java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
          try {
            g.drawImage(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream((byte[]) row.get(2))), 0, 0, SIZE,
                SIZE, null);
            g.dispose();
            javax.imageio.ImageIO.write(large, "png", png);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot encode a benchmark frame", e);
          }
          out.add(org.apache.spark.sql.RowFactory.create(next, next * 66_667L, SIZE, SIZE, png.toByteArray(), tape));
          labelRows.append(tape).append(',').append(next).append(',').append(next).append(',').append(label)
              .append('\n');
          next++;
        }
        if (taken[0] < perClass || taken[1] < perClass) {
          throw new IllegalStateException("Cannot benchmark resnet50: tape " + tape + " has fewer than " + perClass
              + " frames of each class");
        }
        tapesCsv.append(tape).append(',').append(next).append(",15.000,").append(SIZE).append(',').append(SIZE)
            .append(",0,false,file:/bench/").append(tape).append('\n');
      }
      spark.createDataFrame(out, FrameRows.SCHEMA).write().mode("overwrite").partitionBy(FrameRows.VIDEO)
          .parquet(dataset);
      io.dunkclip.jobs.fs.Outputs.writeFile(dataset + "/" + TapeTable.FILE_NAME, conf,
          o -> o.write(tapesCsv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      io.dunkclip.jobs.fs.Outputs.writeFile(labelsCsv, conf,
          o -> o.write(labelRows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return out.size();
    }
  }

  private static String value(String key, String format, Object value) {
    return key + "=" + String.format(Locale.ROOT, format, value);
  }

  private static ComputationGraph network(TrainConfig config, ModelMetadata metadata) {
    return Architectures.build(config.arch(), metadata.inputWidth(), metadata.inputHeight(), metadata.channels(),
        config.seed(), config.learningRate(), BackboneWeights.ZOO_CACHE);
  }

  /** A single-JVM run: plain {@code fit} over the reference batches, shuffled the same way in every run. */
  private record Single(List<Double> aucs, double epochSeconds) {
    static Single train(String name, ComputationGraph network, Reference reference, ModelMetadata metadata,
        int epochs) {
      List<Double> aucs = new ArrayList<>();
      double total = 0;
      Random random = new Random(SEED);
      for (int epoch = 1; epoch <= epochs; epoch++) {
        // Built before the clock starts, as train exports an epoch's batches before it fits them.
        List<DataSet> batches = new ArrayList<>(reference.batches(epoch));
        Collections.shuffle(batches, random);
        long start = System.nanoTime();
        for (DataSet batch : batches) {
          network.fit(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double auc = reference.auc(network.clone(), metadata);
        aucs.add(auc);
        System.err.printf(Locale.ROOT, "bench: single JVM (%s) epoch %d: %.1f s auc=%.4f%n", name, epoch, seconds,
            auc);
        if (epoch > 1) {
          total += seconds;
        }
      }
      return new Single(aucs, total / (epochs - 1));
    }

    double bestAuc() {
      return best(aucs);
    }

    int bestEpoch() {
      return aucs.indexOf(bestAuc()) + 1;
    }
  }

  /** The highest AUC (NaN only when every epoch's is: validation without both classes). */
  private static double best(List<Double> aucs) {
    return aucs.stream().filter(a -> !a.isNaN()).max(Comparator.naturalOrder()).orElse(Double.NaN);
  }

  private static String describe(List<Double> aucs) {
    return aucs.stream().map(a -> String.format(Locale.ROOT, "%.4f", a)).collect(Collectors.joining(" "));
  }

  /**
   * The reference run's data, held in this JVM: the training frames (each epoch's minibatches are built from them as
   * train builds its own) and the validation frames.
   */
  private static final class Reference {
    final List<Row> training;
    final Labels labels;
    final TrainConfig config;
    final ModelMetadata metadata;
    final List<Frame> validation;
    final Map<String, byte[]> backgrounds;
    final long trainFrames;
    final long positives;
    final int oversample;

    private Reference(List<Row> training, Labels labels, TrainConfig config, ModelMetadata metadata,
        List<Frame> validation, Map<String, byte[]> backgrounds, long trainFrames, long positives, int oversample) {
      this.training = training;
      this.labels = labels;
      this.config = config;
      this.metadata = metadata;
      this.validation = validation;
      this.backgrounds = backgrounds;
      this.trainFrames = trainFrames;
      this.positives = positives;
      this.oversample = oversample;
    }

    /** Training views per epoch: each negative once, each positive {@code oversample} times. */
    long examples() {
      return trainFrames - positives + positives * oversample;
    }

    /**
     * Train's split of the labelled tapes, its oversampling rule, and each copy of a training frame as the
     * augmented view train exports for it.
     */
    static Reference load(SparkSession spark, TrainConfig config, ModelMetadata metadata) {
      var conf = spark.sparkContext().hadoopConfiguration();
      Labels labels = CsvFiles.readLabels(config.labels(), conf);
      Map<String, Long> counts = new TreeMap<>(TapeTable.frameCounts(config.frames(), conf));
      counts.keySet().retainAll(labels.videos());
      ValidationSplit split = ValidationSplit.of(counts, config.validationFraction(), config.seed());
      int width = metadata.inputWidth();
      int height = metadata.inputHeight();
      Map<String, byte[]> backgrounds = new LinkedHashMap<>();
      if (metadata.needsBackground()) {
        Map<String, Background> stored = BackgroundFiles.readFromDataset(spark, config.frames(), counts, width,
            height, conf);
        stored.forEach((video, background) -> backgrounds.put(video, background.rgb()));
      }

      List<Row> rows = spark.read().parquet(config.frames())
          .select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE).collectAsList();
      List<Frame> validation = new ArrayList<>();
      List<Row> training = new ArrayList<>();
      long positives = 0;
      for (Row row : rows) {
        String video = row.getString(0);
        long frame = row.getLong(1);
        if (!counts.containsKey(video)) {
          continue;
        }
        boolean positive = labels.label(video, frame) == 1;
        if (split.isValidation(video, frame)) {
          validation.add(new Frame(video, positive, FrameRows.decode((byte[]) row.get(2))));
        } else {
          training.add(row);
          positives += positive ? 1 : 0;
        }
      }
      long trainFrames = training.size();
      int oversample = config.balance() && positives > 0
          ? (int) Math.max(1, Math.round((trainFrames - positives) / (double) positives)) : 1;

      return new Reference(training, labels, config, metadata, validation, backgrounds, trainFrames, positives,
          oversample);
    }

    /**
     * Epoch {@code epoch}'s minibatches: each copy of a training frame as the augmented view train exports for it
     * in that epoch ({@link Minibatches#viewSeed}), in train's key order.
     */
    List<DataSet> batches(int epoch) {
      int width = metadata.inputWidth();
      int height = metadata.inputHeight();
      long seed = Minibatches.viewSeed(config.seed(), config.augment(), epoch);
      List<View> views = new ArrayList<>();
      for (Row row : training) {
        String video = row.getString(0);
        long frame = row.getLong(1);
        int label = labels.label(video, frame);
        byte[] rgb = FrameRows.decode((byte[]) row.get(2));
        byte[] background = backgrounds.get(video);
        for (int copy = 0; copy < (label == 1 ? oversample : 1); copy++) {
          long key = Minibatches.viewKey(seed, video, frame, copy);
          if (config.augment()) {
            Augmentation.View view = Augmentation.view(rgb, background, width, height, key);
            views.add(new View(key, view.frame(), view.background(), label));
          } else {
            views.add(new View(key, rgb, background, label));
          }
        }
      }
      views.sort(Comparator.comparingLong(View::key));
      List<DataSet> batches = new ArrayList<>();
      int batchSize = config.batchSizePerWorker();
      for (int from = 0; from < views.size(); from += batchSize) {
        List<View> part = views.subList(from, Math.min(views.size(), from + batchSize));
        float[] batchLabels = new float[part.size()];
        for (int i = 0; i < part.size(); i++) {
          batchLabels[i] = part.get(i).label();
        }
        batches.add(new DataSet(
            Minibatches.features(part.stream().map(View::frame).toList(), part.stream().map(View::background).toList(),
                width, height, metadata.normalisation()),
            Nd4j.create(batchLabels, new long[] {part.size(), 1}, 'c')));
      }
      return batches;
    }

    /** ROC AUC of {@code network} on the validation frames, each scored with its tape's background. */
    double auc(ComputationGraph network, ModelMetadata metadata) {
      DunkModel model = new DunkModel(network, metadata);
      Map<String, List<Frame>> byTape = validation.stream()
          .collect(Collectors.groupingBy(Frame::video, LinkedHashMap::new, Collectors.toList()));
      double[] scores = new double[validation.size()];
      boolean[] positives = new boolean[validation.size()];
      int[] next = {0};
      for (Map.Entry<String, List<Frame>> tape : byTape.entrySet()) {
        FrameScorer scorer = new FrameScorer(model, backgrounds.get(tape.getKey()));
        BatchScorer.scoreAll(tape.getValue().iterator(), Frame::rgb, scorer, SCORING_BATCH, (frame, score) -> {
          scores[next[0]] = score;
          positives[next[0]] = frame.positive();
          next[0]++;
        });
      }
      return Roc.auc(scores, positives);
    }
  }
}
