package io.dunkclip.jobs.train;

import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.model.Augmentation;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * The training frames as shuffled minibatches, built where the frames are and exported ({@link BatchFiles}), one file
 * per minibatch, for {@code fitPaths} to read back: the batches stay on the shared filesystem and only their paths
 * reach the driver. Unaugmented batches never change and are exported once per run; augmented ones are exported anew
 * for every epoch ({@link EpochBatches}), so each epoch sees new views of every frame.
 */
public final class Minibatches {
  private Minibatches() {}

  /**
   * Exports the training frames of {@code data} to {@code exportDir}: each frame gets a random sort key from
   * {@code seed} (positives appear {@code oversample} times), so batches mix tapes and classes. Returns the files'
   * paths.
   */
  static List<String> export(JavaSparkContext sc, TrainingData data, TrainConfig config, long seed,
      String exportDir) {
    boolean augment = config.augment();
    int batchSize = config.batchSizePerWorker();
    int oversample = data.oversample();
    ModelMetadata metadata = data.metadata();
    int width = metadata.inputWidth();
    int height = metadata.inputHeight();
    String normalisation = metadata.normalisation();
    Broadcast<Map<String, byte[]>> backgrounds = data.backgrounds();
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    JavaRDD<String> paths = data.training()
        .flatMapToPair(frame -> {
          int copies = frame.label() == 1 ? oversample : 1;
          List<Tuple2<Long, LabelledImage>> keyed = new ArrayList<>(copies);
          for (int copy = 0; copy < copies; copy++) {
            keyed.add(new Tuple2<>(viewKey(seed, frame.video(), frame.frame(), copy), frame));
          }
          return keyed.iterator();
        })
        .sortByKey(true, sc.defaultParallelism())
        .mapPartitionsWithIndex((partition, part) -> write(
            toDataSets(part, backgrounds.value(), augment, batchSize, width, height, normalisation,
                new Random(viewKey(seed, "", partition, 0))), partition, exportDir, conf), false);
    return paths.collect();
  }

  /** Deletes what {@link #export} wrote. */
  static void delete(String exportDir, JavaSparkContext sc) {
    Path dir = new Path(exportDir);
    try {
      dir.getFileSystem(sc.hadoopConfiguration()).delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete exported minibatches in " + exportDir, e);
    }
  }

  /** Writes a partition's minibatches as {@link BatchFiles}, one file each, and returns their paths. */
  static Iterator<String> write(Iterator<DataSet> batches, int partition, String exportDir,
      HadoopConf conf) throws IOException {
    List<String> paths = new ArrayList<>();
    Path dir = new Path(exportDir);
    FileSystem fs = dir.getFileSystem(conf.get());
    int index = 0;
    while (batches.hasNext()) {
      Path file = new Path(dir, String.format(Locale.ROOT, "batch-%05d-%05d.bin", partition, index++));
      try (OutputStream out = Outputs.create(fs, file, true)) {
        BatchFiles.write(batches.next(), out);
      }
      paths.add(file.toString());
    }
    return paths.iterator();
  }

  /**
   * Minibatches of the keyed frames, in key order. With {@code augment} each copy of a frame becomes its own random
   * view ({@link Augmentation}, seeded by the copy's sort key, so a rerun exports the same batches); a model that
   * compares with the background gets each frame's tape background beside it (moved and mirrored with the frame).
   * The batches are shuffled with {@code order}, seeded by the run's seed and the partition, so a rerun exports the
   * same files.
   */
  private static Iterator<DataSet> toDataSets(Iterator<Tuple2<Long, LabelledImage>> frames,
      Map<String, byte[]> backgrounds, boolean augment, int batchSize, int width, int height, String normalisation,
      Random order) {
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
    Collections.shuffle(batches, order);
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

  /**
   * The seed of epoch {@code epoch}'s minibatches: the configured seed for the first epoch (and for every epoch
   * without augmentation), then one of its own per epoch. Public so {@code scripts/bench train} builds the same views.
   */
  public static long viewSeed(long seed, boolean augment, int epoch) {
    return !augment || epoch == 1 ? seed : seed ^ mix(0x5eedL * epoch);
  }

  /** SplitMix64 finaliser: a well-spread key from a few integers. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
