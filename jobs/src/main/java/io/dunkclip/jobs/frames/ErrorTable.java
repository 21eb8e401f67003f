package io.dunkclip.jobs.frames;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.tapes.TapeError;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code _errors.csv} beside the output of extract, detect and label: every tape that failed, where and why (header
 * only when all went well).
 */
public final class ErrorTable {
  public static final String FILE_NAME = "_errors.csv";
  private static final List<String> HEADER = List.of("video", "stage", "reason", "frames_done", "uri");

  private ErrorTable() {}

  /** The table at {@code location} as text, each row's values as written (for merging tables, see KeyedTable). */
  public static KeyedTable readText(String location, Configuration conf) {
    return CsvFiles.readTable(location, conf);
  }

  /**
   * The tapes that failed, as {@link #write} wrote them; none when there is no table at {@code location} (a run
   * written before the table existed).
   */
  public static List<TapeError> read(String location, Configuration conf) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return List.of();
      }
      try (Reader reader = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8);
          CSVParser csv = CsvFormats.parser(reader)) {
        List<TapeError> errors = new ArrayList<>();
        for (CSVRecord r : csv) {
          errors.add(new TapeError(r.get("video"), r.get("uri"), r.get("stage"), r.get("reason"),
              Long.parseLong(r.get("frames_done"))));
        }
        return errors;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage() + " (expected the columns "
          + String.join(",", HEADER) + " with a whole number of frames_done, as extract, detect and label write them)",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  public static void write(String target, List<TapeError> errors, Configuration conf) {
    Outputs.writeFile(target, conf, out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = CsvFormats.printer(writer, HEADER)) {
        for (TapeError error : errors) {
          csv.printRecord(error.tape(), error.stage(), error.reason(), error.framesDone(), error.uri());
        }
      }
    });
  }
}
