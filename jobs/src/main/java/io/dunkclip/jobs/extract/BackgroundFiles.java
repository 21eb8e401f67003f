package io.dunkclip.jobs.extract;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunkclip.background.Background;
import io.dunkclip.background.BackgroundSamples;
import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.model.TapeBaseline;
import io.dunkclip.video.Rgb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where backgrounds are stored. In a Parquet frames dataset each tape's directory ({@code video=<name>/}) holds
 * {@code _background.png} (the picture, at the frames' size) and {@code _background.json} (the sampled frames and the
 * busy share): Spark skips underscore names when it reads the frames, and {@code extract --update} moves them with the
 * tape's frames. Detect's output holds {@code backgrounds/background-NNN.png} and {@code backgrounds/backgrounds.csv}
 * ({@code video,file,samples,busy,unreliable,frames}).
 */
public final class BackgroundFiles {
  public static final String PICTURE = "_background.png";
  public static final String DETAILS = "_background.json";
  public static final String DETECT_DIR = "backgrounds";
  public static final String DETECT_TABLE = "backgrounds.csv";
  static final List<String> DETECT_HEADER = List.of("video", "file", "samples", "busy", "unreliable", "frames",
      "empty_score", "score_offset");
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BackgroundFiles() {}

  /** What {@code _background.json} holds. */
  record Details(long[] frames, double busy) {}

  /** The directory of one tape's frames in a Parquet frames dataset (Spark escapes some characters). */
  static String tapeDirectory(String dataset, String video) {
    return Outputs.child(dataset, FrameRows.VIDEO + "=" + ExternalCatalogUtils.escapePathName(video));
  }

  /**
   * Writes each background into its tape's directory of the Parquet dataset at {@code dataset} (a tape without a
   * directory, whose frames all failed, gets none).
   */
  public static void writeIntoDataset(String dataset, Map<String, Background> backgrounds, Configuration conf) {
    for (Map.Entry<String, Background> entry : backgrounds.entrySet()) {
      String dir = tapeDirectory(dataset, entry.getKey());
      try {
        Path path = new Path(dir);
        if (!path.getFileSystem(conf).isDirectory(path)) {
          continue;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot look for " + dir + ": " + e.getMessage(), e);
      }
      Background background = entry.getValue();
      Outputs.writeFile(Outputs.child(dir, PICTURE), conf, out -> out.write(png(background)));
      Outputs.writeFile(Outputs.child(dir, DETAILS), conf,
          out -> JSON.writeValue(out, new Details(background.frames(), background.busy())));
    }
  }

  /**
   * The backgrounds of {@code videos} in a Parquet frames dataset of {@code width x height} frames. A tape whose
   * directory has none (a dataset extracted before backgrounds were stored) gets one estimated from its stored frames,
   * evenly spaced over the tape ({@link BackgroundSamples#evenly}): close to, but not always the same as, the keyframe
   * samples a newer extract or a detect from the tapes uses.
   */
  public static Map<String, Background> readFromDataset(SparkSession spark, String dataset,
      Map<String, Long> frameCounts, int width, int height, Configuration conf) {
    Map<String, Background> backgrounds = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String video : frameCounts.keySet()) {
      String dir = tapeDirectory(dataset, video);
      Background stored = read(dir, width, height, conf);
      if (stored != null) {
        backgrounds.put(video, stored);
      } else {
        missing.add(video);
      }
    }
    if (!missing.isEmpty()) {
      LOG.warn("The frames dataset {} stores no background for {} tape(s) (extracted by an older dunkclip):"
          + " estimating them from evenly spaced stored frames; extract again for the keyframe samples", dataset,
          missing.size());
      backgrounds.putAll(fromStoredFrames(spark, dataset, missing, frameCounts, width, height));
    }
    return backgrounds;
  }

  private static Map<String, Background> fromStoredFrames(SparkSession spark, String dataset, List<String> videos,
      Map<String, Long> frameCounts, int width, int height) {
    Map<String, long[]> wanted = new HashMap<>();
    List<org.apache.spark.sql.Column> conditions = new ArrayList<>();
    for (String video : videos) {
      long[] frames = BackgroundSamples.evenly(frameCounts.get(video), BackgroundSamples.MAX_SAMPLES);
      wanted.put(video, frames);
      conditions.add(col(FrameRows.VIDEO).equalTo(video)
          .and(col(FrameRows.FRAME).isin(Arrays.stream(frames).boxed().toArray())));
    }
    org.apache.spark.sql.Column any = conditions.stream().reduce(org.apache.spark.sql.Column::or).orElseThrow();
    spark.sparkContext().setJobDescription("dunkclip: background of " + videos.size()
        + " tape(s) from stored frames");
    List<Row> rows = spark.read().parquet(dataset).filter(any)
        .select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE)
        .orderBy(FrameRows.VIDEO, FrameRows.FRAME)
        .collectAsList();
    Map<String, List<byte[]>> samples = new LinkedHashMap<>();
    Map<String, List<Long>> sampled = new HashMap<>();
    for (Row row : rows) {
      samples.computeIfAbsent(row.getString(0), v -> new ArrayList<>()).add(FrameRows.decode((byte[]) row.get(2)));
      sampled.computeIfAbsent(row.getString(0), v -> new ArrayList<>()).add(row.getLong(1));
    }
    Map<String, Background> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<byte[]>> entry : samples.entrySet()) {
      long[] frames = sampled.get(entry.getKey()).stream().mapToLong(Long::longValue).toArray();
      out.put(entry.getKey(), Background.estimate(entry.getValue(), frames, width, height));
    }
    return out;
  }

  /** The background stored in a tape's directory, or null when there is none or it is not of this size. */
  static Background read(String tapeDir, int width, int height, Configuration conf) {
    Path picture = new Path(Outputs.child(tapeDir, PICTURE));
    Path details = new Path(Outputs.child(tapeDir, DETAILS));
    try {
      FileSystem fs = picture.getFileSystem(conf);
      if (!fs.exists(picture) || !fs.exists(details)) {
        return null;
      }
      byte[] rgb;
      try (InputStream in = fs.open(picture)) {
        var image = ImageIO.read(in);
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
          LOG.warn("Ignoring {}: not a {}x{} picture", picture, width, height);
          return null;
        }
        rgb = Rgb.fromImage(image);
      }
      Details stored;
      try (InputStream in = fs.open(details)) {
        stored = JSON.readValue(in, Details.class);
      }
      return new Background(rgb, width, height, stored.frames(), stored.busy());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the background in " + tapeDir + ": " + e.getMessage()
          + " (extract the tape again)", e);
    }
  }

  /**
   * Detect's {@code backgrounds/} directory: a picture per tape, numbered in tape order, and a table with each tape's
   * empty level as the model saw it ({@code levels}; empty columns for a tape without one).
   */
  public static void writeDetectOutput(String outputDir, Map<String, Background> backgrounds,
      Map<String, TapeBaseline.Level> levels, Configuration conf) {
    Outputs.writeDirectory(Outputs.child(outputDir, DETECT_DIR), conf, temp -> {
      List<List<String>> rows = new ArrayList<>();
      int number = 1;
      for (Map.Entry<String, Background> entry : backgrounds.entrySet()) {
        Background background = entry.getValue();
        TapeBaseline.Level level = levels.get(entry.getKey());
        String file = String.format(Locale.ROOT, "background-%03d.png", number++);
        Outputs.writeFile(Outputs.child(temp, file), conf, out -> out.write(png(background)));
        rows.add(List.of(entry.getKey(), file, String.valueOf(background.frames().length),
            String.format(Locale.ROOT, "%.3f", background.busy()), String.valueOf(background.unreliable()),
            Arrays.stream(background.frames()).mapToObj(Long::toString).reduce((a, b) -> a + " " + b).orElse(""),
            level == null ? "" : String.format(Locale.ROOT, "%.4f", level.backgroundScore()),
            level == null ? "" : String.format(Locale.ROOT, "%.4f", level.offset())));
      }
      CsvFiles.writeTable(Outputs.child(temp, DETECT_TABLE), new KeyedTable(DETECT_HEADER, rows), conf);
      return null;
    });
  }

  /** A background as a PNG file's bytes. */
  public static byte[] png(Background background) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(Rgb.toImage(background.rgb(), background.width(), background.height()), "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a background as PNG", e);
    }
    return bytes.toByteArray();
  }
}
