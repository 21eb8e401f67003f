package io.dunkclip.jobs.frames;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.video.Fit;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** {@code _tapes.csv} beside a frames dataset: each tape's frame count, rate and geometry, as probed. */
public final class TapeTable {
  public static final String FILE_NAME = "_tapes.csv";
  static final String FIT = "fit";
  /** The fit of frames whose table has no {@link #FIT} column: written before it existed, when all were stretched. */
  public static final Fit FIT_WITHOUT_COLUMN = Fit.STRETCH;
  /**
   * How the frames beside the table were made (the same on every row), recorded since {@code --update} so an update
   * can refuse options that would mix two kinds of frames in one dataset. Columns after {@link #FIT}; older tables
   * lack them and readers must not need them.
   */
  static final String FRAME_WIDTH = "frame_width";
  static final String FRAME_HEIGHT = "frame_height";
  static final String FORMAT = "format";
  static final String IMAGE_FORMAT = "image_format";
  private static final String[] HEADER = {"video", "frames", "fps", "width", "height", "rotation", "audio", "uri"};

  private TapeTable() {}

  /** Writes the table of probed tapes alone (beside label's contact sheets, which have no frames to describe). */
  public static void write(String target, ProbedTapes probed, Configuration conf) {
    writeWithColumns(target, probed, Map.of(), conf);
  }

  /**
   * Writes the table of a frames dataset: each row also says how the frames were fitted, their size, the layout and
   * the image encoding.
   */
  public static void write(String target, ProbedTapes probed, FrameLayout layout, Configuration conf) {
    writeWithColumns(target, probed, layoutColumns(layout), conf);
  }

  /** The columns after the probed ones in a frames dataset's table, and their value on every row. */
  public static Map<String, String> layoutColumns(FrameLayout layout) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put(FIT, layout.fit().id());
    columns.put(FRAME_WIDTH, Integer.toString(layout.width()));
    columns.put(FRAME_HEIGHT, Integer.toString(layout.height()));
    columns.put(FORMAT, layout.format());
    columns.put(IMAGE_FORMAT, layout.imageFormat());
    return columns;
  }

  /**
   * The layout a table records (the same on every row); parts it does not record are null, except the fit: a table
   * without the column is {@link #FIT_WITHOUT_COLUMN}.
   */
  static FrameLayout recordedLayout(KeyedTable tapes) {
    String width = recorded(tapes, FRAME_WIDTH);
    String height = recorded(tapes, FRAME_HEIGHT);
    String fitId = recorded(tapes, FIT);
    Fit fit = tapes.indexOf(FIT) < 0 ? FIT_WITHOUT_COLUMN : fitId == null ? null : Fit.parse(fitId);
    return new FrameLayout(width == null ? null : Integer.valueOf(width),
        height == null ? null : Integer.valueOf(height), fit, recorded(tapes, FORMAT), recorded(tapes, IMAGE_FORMAT));
  }

  /** The value of a layout column (the same on every row), or null when the table lacks it or has no rows. */
  private static String recorded(KeyedTable tapes, String column) {
    int index = tapes.indexOf(column);
    return index < 0 || tapes.rows().isEmpty() ? null : tapes.rows().get(0).get(index);
  }

  /** The table at {@code location} as text, each row's values as written (for merging tables, see KeyedTable). */
  public static KeyedTable readText(String location, Configuration conf) {
    return CsvFiles.readTable(location, conf);
  }

  /** Writes the probed columns and then {@code extra}: column names and the value every row has there. */
  private static void writeWithColumns(String target, ProbedTapes probed, Map<String, String> extra,
      Configuration conf) {
    List<String> columns = new ArrayList<>(List.of(HEADER));
    columns.addAll(extra.keySet());
    Outputs.writeFile(target, conf, out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = CsvFormats.printer(writer, columns)) {
        for (TapeRef tape : probed.tapes()) {
          TapeInfo info = probed.infos().get(tape.name());
          List<Object> row = new ArrayList<>(List.of(tape.name(), info.frameCount(),
              String.format(Locale.ROOT, "%.3f", info.frameRate()), info.uprightWidth(), info.uprightHeight(),
              info.rotationDegrees(), info.hasAudio(), tape.uri()));
          row.addAll(extra.values());
          csv.printRecord(row);
        }
      }
    });
  }

  /**
   * One row of the table.
   *
   * @param fit how the frames were fitted; {@link #FIT_WITHOUT_COLUMN} for a table written before the column existed
   *     or beside something other than frames
   */
  public record Entry(String video, long frames, double fps, int width, int height, String uri, Fit fit) {}

  /** The rows of {@code dir/_tapes.csv}, in file order. */
  public static List<Entry> read(String dir, Configuration conf) {
    Path path = new Path(dir, FILE_NAME);
    List<Entry> entries = new ArrayList<>();
    try (Reader reader = new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8)) {
      CSVParser parser = CsvFormats.parser(reader);
      boolean hasFit = parser.getHeaderMap().containsKey(FIT);
      for (CSVRecord record : parser) {
        entries.add(new Entry(record.get("video"), Long.parseLong(record.get("frames")),
            Double.parseDouble(record.get("fps")), Integer.parseInt(record.get("width")),
            Integer.parseInt(record.get("height")), record.get("uri"),
            hasFit ? Fit.parse(record.get(FIT)) : FIT_WITHOUT_COLUMN));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + " (is " + dir
          + " the output of `dunkclip extract`?): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot read " + path + ": " + e.getMessage()
          + " (a table written by `dunkclip extract` has the columns " + String.join(",", HEADER) + ")", e);
    }
    return entries;
  }

  /** Frame counts by video name, from a frames dataset directory. */
  public static Map<String, Long> frameCounts(String framesDir, Configuration conf) {
    return frameCounts(read(framesDir, conf));
  }

  /** Frame counts by video name, in the table's order. */
  public static Map<String, Long> frameCounts(List<Entry> entries) {
    Map<String, Long> counts = new LinkedHashMap<>();
    entries.forEach(entry -> counts.put(entry.video(), entry.frames()));
    return counts;
  }
}
