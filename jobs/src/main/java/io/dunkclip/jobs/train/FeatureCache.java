package io.dunkclip.jobs.train;

import io.dunkclip.jobs.frames.FrameLayout;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.FramesDataset;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.model.Augmentation;
import io.dunkclip.model.FrozenBackbone;
import io.dunkclip.training.FeatureCacheKey;
import io.dunkclip.training.FeatureCacheManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen part of a network run once per frame and view, stored inside the frames dataset so that the epochs
 * train only the head ({@link FrozenBackbone}). The cache lives in {@code FRAMES/_features/<key>/} (Spark's readers
 * skip the leading underscore, and a full {@code extract} replaces it with the dataset): Parquet rows
 * {@code video, frame, view, shape, features} (float32, little-endian) for every frame of the labelled tapes, and a
 * manifest ({@link FeatureCacheManifest}) naming the key, each tape's fingerprint and every data file with its length.
 *
 * <p>Keyed ({@link FeatureCacheKey}) by a hash of the frozen weights, the layer, the frames' size and fit, the
 * normalisation and the views, so other weights, another size or fit never read it. A tape re-extracted by
 * {@code extract --update} gets new part files, hence another fingerprint, and the cache is built again. The cache is
 * written under a hidden name and renamed into place ({@link Outputs#writeDirectory}), its manifest last inside it:
 * a killed build leaves only a hidden {@code .features-*.tmp-*} sibling that no run reads (and the next build of
 * that key deletes once abandoned), and a cache whose manifest or files do not check out is built again.
 *
 * <p>Augmentation: the train job shows every epoch new random views of each frame. With a frozen backbone each view
 * costs a full backbone forward, so a cache holds a fixed number {@code K} of views per frame: view 0 is the frame as
 * it is, views 1..K-1 are {@link Augmentation} views (seeded by the run's seed, the frame and the view), and epoch
 * {@code e} shows a frame shown once per epoch view {@code (e - 1) mod K} (oversampled copies take the next views in
 * turn, {@link FeatureCacheKey#viewOf}). Building the cache costs K forwards per frame, once; training uncached costs a
 * forward per shown copy per epoch. Without augmentation K is 1.
 */
final class FeatureCache {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
  /** The folder of feature caches inside a frames dataset. */
  static final String DIR = "_features";
  private static final String DATA = "data";
  private static final int BATCH = 16;
  static final StructType SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("frame", DataTypes.LongType, false)
      .add("view", DataTypes.IntegerType, false)
      .add("shape", DataTypes.StringType, false)
      .add("features", DataTypes.BinaryType, false);

  /**
   * A cache ready to read.
   *
   * @param dir the committed cache directory
   * @param key what it was built for
   * @param forwards (frame, view) inputs the frozen part ran on in this run to build it; 0 when it was reused
   * @param seconds the time spent checking and, if needed, building it
   */
  record Ready(String dir, FeatureCacheKey key, long forwards, double seconds) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    String data() {
      return Outputs.child(dir, DATA);
    }
  }

  private FeatureCache() {}

  /** The cache key of this run: the frozen part of {@code network}, the frames' size and fit, and the views. */
  static FeatureCacheKey key(FrozenBackbone frozen, ComputationGraph network, TrainingData data, TrainConfig config) {
    var metadata = data.metadata();
    int views = config.augment() ? config.featureViews() : 1;
    return frozen.key(network, metadata.inputWidth(), metadata.inputHeight(), metadata.fit(),
        metadata.normalisation(), views, views > 1, config.seed());
  }

  /** The directory the cache of {@code key} has inside the frames dataset {@code frames}. */
  static String location(String frames, FeatureCacheKey key) {
    return Outputs.child(Outputs.child(frames, DIR), key.directoryName());
  }

  /**
   * The cache of {@code network}'s frozen part for the labelled frames of {@code data}: the committed one when its
   * manifest checks out, else built now (a Spark stage over the frames) and committed.
   */
  static Ready ensure(SparkSession spark, TrainingData data, TrainConfig config, FrozenBackbone frozen,
      ComputationGraph network) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = sc.hadoopConfiguration();
    FeatureCacheKey key = key(frozen, network, data, config);
    String dir = location(config.frames(), key);
    Map<String, String> tapes = fingerprints(config.frames(), Set.copyOf(data.metadata().trainedOn()), conf);
    String refused = refusal(dir, key, tapes, conf);
    if (refused == null) {
      LOG.info("Backbone features: reusing the cache {} ({})", dir, key.directoryName());
      return new Ready(dir, key, 0, (System.nanoTime() - started) / 1e9);
    }
    LOG.info("Backbone features: building the cache {}: {}", dir, refused);
    long forwards = build(spark, data, key, frozen.backbone(network), tapes, dir);
    return new Ready(dir, key, forwards, (System.nanoTime() - started) / 1e9);
  }

  /** Why the committed cache at {@code dir} cannot serve {@code key} and {@code tapes}; null when it can. */
  static String refusal(String dir, FeatureCacheKey key, Map<String, String> tapes, Configuration conf) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path manifestPath = new Path(path, FeatureCacheManifest.FILE_NAME);
      if (!fs.exists(path)) {
        return "no cache for this key yet";
      }
      if (!fs.exists(manifestPath)) {
        return "it has no manifest (an interrupted copy?)";
      }
      FeatureCacheManifest manifest;
      try (InputStream in = fs.open(manifestPath)) {
        manifest = FeatureCacheManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
            manifestPath.toString());
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
      if (!manifest.serves(key, tapes)) {
        return "its manifest names other tapes or tape files (a tape was extracted again or the labels name other"
            + " tapes)";
      }
      for (Map.Entry<String, Long> file : manifest.files().entrySet()) {
        Path filePath = new Path(path, file.getKey());
        if (!fs.exists(filePath) || fs.getFileStatus(filePath).getLen() != file.getValue()) {
          return "its file " + file.getKey() + " is missing or has another length than the manifest's "
              + file.getValue();
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the feature cache " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Each tape's fingerprint: a hash of the names and lengths of the files in its part directory. Extract writes
   * part files with a new unique name every time, so a tape extracted again gets another fingerprint.
   */
  static Map<String, String> fingerprints(String frames, Set<String> tapes, Configuration conf) {
    Path dir = new Path(frames);
    Map<String, String> prints = new TreeMap<>();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus child : fs.listStatus(dir)) {
        if (!FramesDataset.isPart(child)) {
          continue;
        }
        String tape = FramesDataset.tapeOfPart(FrameLayout.PARQUET, child.getPath().getName());
        if (!tapes.contains(tape)) {
          continue;
        }
        List<String> files = new ArrayList<>();
        for (FileStatus file : fs.listStatus(child.getPath())) {
          files.add(file.getPath().getName() + " " + file.getLen());
        }
        files.sort(null);
        prints.put(tape, FeatureCacheKey.sha256(String.join("\n", files).getBytes(StandardCharsets.UTF_8))
            .substring(0, 32));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the frames dataset " + frames + ": " + e.getMessage(), e);
    }
    return prints;
  }

  /** Runs the frozen part over every view of every labelled frame and commits the cache; returns the forwards. */
  private static long build(SparkSession spark, TrainingData data, FeatureCacheKey key, ComputationGraph backbone,
      Map<String, String> tapes, String dir) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = sc.hadoopConfiguration();
    Broadcast<byte[]> model = sc.broadcast(serialise(backbone));
    LongAccumulator forwards = sc.sc().longAccumulator("dunkclip: backbone forwards");
    int width = key.width();
    int height = key.height();
    String normalisation = key.normalisation();
    int views = key.views();
    long viewSeed = key.viewSeed();
    // One task per core: each task loads the backbone once (ResNet50: 94 MB of weights) and runs every frame of its
    // share through it.
    JavaRDD<LabelledImage> frames = data.training().union(data.validation())
        .coalesce(Math.max(1, sc.defaultParallelism()));
    JavaRDD<Row> rows = frames.mapPartitions(part -> featurize(part, model.value(), width, height, normalisation,
        views, viewSeed, forwards));
    sc.setJobDescription("dunkclip: backbone features at " + key.layer() + " (" + views + " view(s) per frame)");
    Outputs.mkdirs(new Path(dir).getParent().toString(), conf);
    long rowCount = Outputs.writeDirectory(dir, conf, temp -> {
      spark.createDataFrame(rows, SCHEMA).write().parquet(Outputs.child(temp, DATA));
      Path tempPath = new Path(temp);
      FileSystem fs = tempPath.getFileSystem(conf);
      Map<String, Long> files = new TreeMap<>();
      String prefix = fs.makeQualified(tempPath).toString() + "/";
      RemoteIterator<LocatedFileStatus> listing = fs.listFiles(tempPath, true);
      while (listing.hasNext()) {
        LocatedFileStatus file = listing.next();
        String name = file.getPath().toString().substring(prefix.length());
        if (!name.endsWith(".crc") && !name.contains("/.")) {
          files.put(name, file.getLen());
        }
      }
      long count = forwards.value();
      FeatureCacheManifest manifest = FeatureCacheManifest.of(key, tapes, files, count);
      // Last: a cache without a manifest is never trusted.
      Outputs.writeFile(Outputs.child(temp, FeatureCacheManifest.FILE_NAME), conf,
          out -> out.write(manifest.text().getBytes(StandardCharsets.UTF_8)));
      return count;
    });
    model.destroy();
    LOG.info("Backbone features: {} (frame, view) rows cached in {}", rowCount, dir);
    return forwards.value();
  }

  private static Iterator<Row> featurize(Iterator<LabelledImage> frames, byte[] modelFile, int width, int height,
      String normalisation, int views, long viewSeed, LongAccumulator forwards) throws IOException {
    ComputationGraph backbone = deserialise(modelFile);
    List<Row> rows = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>(BATCH);
    List<Object[]> ids = new ArrayList<>(BATCH);
    while (frames.hasNext()) {
      LabelledImage frame = frames.next();
      byte[] rgb = FrameRows.decode(frame.image());
      for (int view = 0; view < views; view++) {
        inputs.add(view == 0 ? rgb
            : Augmentation.view(rgb, null, width, height, Minibatches.viewKey(viewSeed, frame.video(), frame.frame(),
                view)).frame());
        ids.add(new Object[] {frame.video(), frame.frame(), view});
        if (inputs.size() == BATCH) {
          flush(backbone, inputs, ids, width, height, normalisation, rows, forwards);
        }
      }
    }
    if (!inputs.isEmpty()) {
      flush(backbone, inputs, ids, width, height, normalisation, rows, forwards);
    }
    return rows.iterator();
  }

  private static void flush(ComputationGraph backbone, List<byte[]> inputs, List<Object[]> ids, int width, int height,
      String normalisation, List<Row> rows, LongAccumulator forwards) {
    INDArray out = FrozenBackbone.features(backbone,
        Minibatches.features(inputs, java.util.Collections.nCopies(inputs.size(), null), width, height,
            normalisation)).castTo(DataType.FLOAT);
    long[] shape = out.shape();
    String exampleShape = Arrays.stream(shape, 1, shape.length).mapToObj(Long::toString)
        .collect(Collectors.joining(","));
    for (int i = 0; i < ids.size(); i++) {
      float[] values = out.slice(i).dup('c').data().asFloat();
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      Object[] id = ids.get(i);
      rows.add(RowFactory.create(id[0], id[1], id[2], exampleShape, bytes.array()));
    }
    forwards.add(ids.size());
    inputs.clear();
    ids.clear();
  }

  /** The floats of a cached row's {@code features}. */
  static float[] values(byte[] features) {
    float[] values = new float[features.length / Float.BYTES];
    ByteBuffer.wrap(features).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** A cached row's per-example shape ({@code "2048"} or {@code "512,7,7"}). */
  static long[] shape(String text) {
    return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
  }

  /**
   * The frozen part for the executors: its configuration (JSON) and its parameters as one block of float32 values.
   * Not DL4J's model zip: deflating ResNet50's 94 MB of weights, which hardly compress, and inflating them again in
   * every task took most of a small cache build.
   */
  private static byte[] serialise(ComputationGraph network) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      byte[] json = network.getConfiguration().toJson().getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      float[] params = network.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
      ByteBuffer block = ByteBuffer.allocate(Math.multiplyExact(params.length, Float.BYTES))
          .order(ByteOrder.LITTLE_ENDIAN);
      block.asFloatBuffer().put(params);
      out.writeInt(params.length);
      out.write(block.array());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise the frozen backbone", e);
    }
    return bytes.toByteArray();
  }

  private static ComputationGraph deserialise(byte[] file) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      float[] params = new float[in.readInt()];
      byte[] block = new byte[Math.multiplyExact(params.length, Float.BYTES)];
      in.readFully(block);
      ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(params);
      ComputationGraph graph = new ComputationGraph(
          ComputationGraphConfiguration.fromJson(new String(json, StandardCharsets.UTF_8)));
      graph.init(Nd4j.create(params, new long[] {1, params.length}, 'c'), false);
      return graph;
    }
  }
}
