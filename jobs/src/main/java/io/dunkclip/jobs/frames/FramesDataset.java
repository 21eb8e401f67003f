package io.dunkclip.jobs.frames;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.jobs.fs.DatasetLock;
import io.dunkclip.jobs.fs.JournaledCommit;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.video.Fit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * A frames dataset as {@code dunkclip extract} writes it, opened for reading by train, detect and an extract update:
 * the frames ({@link FrameRows}: Parquet partitioned by {@code video=<name>/}, or one JPEG file per frame under
 * {@code <name>/}), {@code _tapes.csv} ({@link TapeTable}: each tape and how its frames were made) and
 * {@code _errors.csv} ({@link ErrorTable}). {@link #open} first finishes an update a killed {@code extract --update}
 * left half-committed ({@link JournaledCommit}), so no tape is missing; the fit and size checks of the readers live
 * here.
 */
public final class FramesDataset {
  private static final String VIDEO_PARTITION = FrameRows.VIDEO + "=";

  private final String dir;
  private final List<TapeTable.Entry> tapes;

  private FramesDataset(String dir, List<TapeTable.Entry> tapes) {
    this.dir = dir;
    this.tapes = List.copyOf(tapes);
  }

  /** The dataset at {@code dir}, after finishing an interrupted update of it. */
  public static FramesDataset open(String dir, Configuration conf) {
    recover(dir, conf);
    return new FramesDataset(dir, TapeTable.read(dir, conf));
  }

  public String dir() {
    return dir;
  }

  /** The rows of {@code _tapes.csv}, in file order. */
  public List<TapeTable.Entry> tapes() {
    return tapes;
  }

  /** Frame counts by video name, in the table's order. */
  public Map<String, Long> frameCounts() {
    return TapeTable.frameCounts(tapes);
  }

  /**
   * Refuses to train with another fit than the frames were extracted with: the model records the fit it was trained
   * with and detect decodes with it.
   */
  public void requireFitForTraining(Fit fit) {
    for (TapeTable.Entry tape : tapes) {
      if (tape.fit() != fit) {
        throw new IllegalArgumentException("Cannot train: the frames of " + tape.video() + " were extracted with --fit "
            + tape.fit().id() + ", but training was asked for --fit " + fit.id() + " (fit=" + fit.id()
            + "); pass --fit " + tape.fit().id() + " so detect decodes tapes the way the model saw them");
      }
    }
  }

  /**
   * Refuses to score the stored frames with {@code model} unless they have its input size and fit: detect scores them
   * as they are.
   */
  public void requireModelInput(SparkSession spark, ModelMetadata metadata, String model) {
    for (TapeTable.Entry entry : tapes) {
      if (!entry.fit().id().equals(metadata.fit())) {
        throw new IllegalArgumentException("Cannot detect from the frames dataset " + dir + ": its frames are "
            + "fitted with " + entry.fit().id() + " (tape " + entry.video() + ") but the model " + model
            + " was trained on " + metadata.fit() + " frames of " + metadata.inputWidth() + "x"
            + metadata.inputHeight() + " (extract the tapes again with --fit " + metadata.fit()
            + ", or give --input)");
      }
    }
    List<Row> sizes = spark.read().parquet(dir).select(FrameRows.WIDTH, FrameRows.HEIGHT).distinct().collectAsList();
    for (Row size : sizes) {
      if (size.getInt(0) != metadata.inputWidth() || size.getInt(1) != metadata.inputHeight()) {
        throw new IllegalArgumentException("Cannot detect from the frames dataset " + dir + ": its frames are "
            + size.getInt(0) + "x" + size.getInt(1) + " but the model " + model + " takes "
            + metadata.inputWidth() + "x" + metadata.inputHeight() + " " + metadata.fit() + " (extract the tapes"
            + " again with --size " + metadata.inputWidth() + "x" + metadata.inputHeight() + " --fit "
            + metadata.fit() + ", or give --input)");
      }
    }
  }

  /**
   * Finishes an update of the dataset at {@code dir} that was killed after it was decided (its journal exists);
   * does nothing otherwise. With a journal it takes the dataset's lock for the commit: while an extract runs on the
   * dataset it refuses ({@link DatasetLock}) rather than commit the same update twice at once.
   */
  public static void recover(String dir, Configuration conf) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      if (!JournaledCommit.pending(fs, qualified)) {
        return;
      }
      try (DatasetLock lock = DatasetLock.acquire("recover", dir, "finish the interrupted update of " + dir,
          "frames=" + dir, conf)) {
        JournaledCommit.finish(fs, conf, qualified);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot finish the interrupted update of " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * How the frames of the dataset at {@code dir} were made: what {@code _tapes.csv} records, and what the files tell
   * where an older table does not.
   */
  public static FrameLayout layout(SparkSession spark, FileSystem fs, Path dir) throws IOException {
    KeyedTable table = TapeTable.readText(new Path(dir, TapeTable.FILE_NAME).toString(), fs.getConf());
    FrameLayout recorded = TapeTable.recordedLayout(table);
    if (recorded.size() != null && recorded.format() != null && recorded.imageFormat() != null) {
      return recorded;
    }
    return recorded.orElse(layoutOfFiles(spark, fs, dir));
  }

  /**
   * Whether {@code child} of a dataset directory holds one tape's frames: a directory whose name Spark and Hadoop do
   * not skip (hidden and underscore names are staging, aside copies and metadata).
   */
  public static boolean isPart(FileStatus child) {
    String name = child.getPath().getName();
    return child.isDirectory() && !name.startsWith(".") && !name.startsWith("_");
  }

  /** The tape whose frames a part directory holds: Spark escapes some characters in partition directory names. */
  public static String tapeOfPart(String format, String part) {
    return FrameLayout.PARQUET.equals(format) && part.startsWith(VIDEO_PARTITION)
        ? ExternalCatalogUtils.unescapePathName(part.substring(VIDEO_PARTITION.length()))
        : part;
  }

  /** The layout of a dataset written before {@code _tapes.csv} recorded it, from its first frame. */
  private static FrameLayout layoutOfFiles(SparkSession spark, FileSystem fs, Path dir) throws IOException {
    Path firstPart = null;
    for (FileStatus child : fs.listStatus(dir)) {
      if (isPart(child)) {
        firstPart = child.getPath();
        break;
      }
    }
    if (firstPart == null) {
      return FrameLayout.UNKNOWN; // no frames: nothing to mix with
    }
    if (firstPart.getName().startsWith(VIDEO_PARTITION)) {
      List<Row> first = spark.read().parquet(dir.toString())
          .select(FrameRows.WIDTH, FrameRows.HEIGHT, FrameRows.IMAGE).limit(1).collectAsList();
      if (first.isEmpty()) {
        return new FrameLayout(null, null, null, FrameLayout.PARQUET, null);
      }
      byte[] image = first.get(0).getAs(2);
      boolean png = image.length > 4 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G';
      return new FrameLayout(first.get(0).getInt(0), first.get(0).getInt(1), null, FrameLayout.PARQUET,
          png ? "png" : "jpg");
    }
    for (FileStatus frame : fs.listStatus(firstPart)) {
      if (frame.isFile() && frame.getPath().getName().endsWith(".jpg")) {
        try (InputStream in = fs.open(frame.getPath())) {
          BufferedImage image = ImageIO.read(in);
          return new FrameLayout(image == null ? null : image.getWidth(), image == null ? null : image.getHeight(),
              null, FrameLayout.JPG, "jpg");
        }
      }
    }
    return new FrameLayout(null, null, null, FrameLayout.JPG, "jpg");
  }
}
