package io.dunkclip.jobs.frames;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.tapes.TapeError;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;

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
