package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.TapeError;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;

/** {@code _errors.csv}: every tape that failed, where and why (header only when all went well). */
public final class ErrorTable {
  public static final String FILE_NAME = "_errors.csv";
  private static final String[] HEADER = {"video", "stage", "reason", "frames_done", "uri"};

  private ErrorTable() {}

  public static void write(String target, List<TapeError> errors, Configuration conf) {
    Outputs.writeFile(target, conf, out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
        for (TapeError error : errors) {
          csv.printRecord(error.tape(), error.stage(), error.reason(), error.framesDone(), error.uri());
        }
      }
    });
  }
}
