package io.dunkclip.jobs.fs;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.format.ClipRow;
import io.dunkclip.format.ClipsCsv;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.format.LabelRow;
import io.dunkclip.format.Labels;
import io.dunkclip.format.LabelsCsv;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The CSV contracts (labels, clips) read from and written to any Hadoop filesystem. */
public final class CsvFiles {
  private CsvFiles() {}

  public static Labels readLabels(String location, Configuration conf) {
    return Labels.of(readLabelRows(location, conf), location);
  }

  /** The rows of a labels file in file order, each parsed but not yet checked against the others. */
  public static List<LabelRow> readLabelRows(String location, Configuration conf) {
    try (Reader reader = open(location, conf)) {
      return LabelsCsv.read(reader, location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read labels " + location + ": " + e.getMessage(), e);
    }
  }

  public static List<ClipRow> readClips(String location, Configuration conf) {
    try (Reader reader = open(location, conf)) {
      return ClipsCsv.read(reader, location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read clips " + location + ": " + e.getMessage(), e);
    }
  }

  public static void writeClips(String location, List<ClipRow> rows, Configuration conf) {
    Outputs.writeFile(location, conf, out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      ClipsCsv.write(writer, rows);
      writer.flush();
    });
  }

  public static void writeLabels(String location, List<LabelRow> rows, Configuration conf) {
    Outputs.writeFile(location, conf, out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      LabelsCsv.write(writer, rows);
      writer.flush();
    });
  }

  /**
   * A table beside a dataset ({@code _tapes.csv}, {@code _errors.csv}) as text: its header and every row's values as
   * written, so rows copied to a new table keep their exact text.
   */
  public static KeyedTable readTable(String location, Configuration conf) {
    try (Reader reader = open(location, conf);
        CSVParser parser = CsvFormats.parser(reader)) {
      List<List<String>> rows = parser.stream().map(CSVRecord::toList).toList();
      return new KeyedTable(parser.getHeaderNames(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  /** Writes a table the way every table is written ({@link CsvFormats}). */
  public static void writeTable(String location, KeyedTable table, Configuration conf) {
    Outputs.writeFile(location, conf, out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = CsvFormats.printer(writer, table.header())) {
        csv.printRecords(table.rows());
      }
    });
  }

  private static Reader open(String location, Configuration conf) throws IOException {
    Path path = new Path(location);
    return new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8);
  }
}
