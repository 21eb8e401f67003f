package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeRef;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** {@code _tapes.csv} beside a frames dataset: each tape's frame count, rate and geometry, as probed. */
public final class TapeTable {
  public static final String FILE_NAME = "_tapes.csv";
  private static final String[] HEADER = {"video", "frames", "fps", "width", "height", "rotation", "audio", "uri"};

  private TapeTable() {}

  public static void write(String target, ProbedTapes probed, Configuration conf) {
    Outputs.writeFile(target, conf, out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
        for (TapeRef tape : probed.tapes()) {
          TapeInfo info = probed.infos().get(tape.name());
          csv.printRecord(tape.name(), info.frameCount(), String.format(Locale.ROOT, "%.3f", info.frameRate()),
              info.uprightWidth(), info.uprightHeight(), info.rotationDegrees(), info.hasAudio(), tape.uri());
        }
      }
    });
  }

  /** Frame counts by video name, from a frames dataset directory. */
  public static Map<String, Long> frameCounts(String framesDir, Configuration conf) {
    Path path = new Path(framesDir, FILE_NAME);
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Reader reader = new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(reader)) {
        counts.put(record.get("video"), Long.parseLong(record.get("frames")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + " (is " + framesDir
          + " the output of `dunkclip extract`?): " + e.getMessage(), e);
    }
    return counts;
  }
}
