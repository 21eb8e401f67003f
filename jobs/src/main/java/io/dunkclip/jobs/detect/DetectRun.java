package io.dunkclip.jobs.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.jobs.fs.Outputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code DIR/_detect.json} ({@link DetectOutput#RUN_FILE}): what a detect run was asked and how long it took. Detect
 * returns it in its result (from which the report of the run is built) and writes it so that the report can be
 * rebuilt later from the output directory alone (clips.csv and the scores do not record the thresholds, the tapes'
 * location or the timings).
 *
 * @param input the tapes ({@code --input})
 * @param labels the labels given to detect, or null
 * @param threshold enter threshold used
 * @param exitThreshold exit threshold used (equal to {@code threshold} without hysteresis)
 * @param seconds detect's wall time, report excluded
 * @param sparkJobs the Spark jobs detect ran, in order, with their wall times (the per-stage times)
 * @param fast whether detect ran with {@code --fast} (false in a file of an older detect)
 * @param fullyScored the tapes {@code --fast} scored in full, their keyframes being too far apart for it (empty in a
 *     file of an older detect)
 */
public record DetectRun(String input, String model, String labels, double threshold, double exitThreshold,
    double minSeconds, double maxGapSeconds, double padSeconds, int segmentFrames, int batchSize, double seconds,
    int tapes, long frames, int clips, int errors, String finishedAt, List<SparkJobTime> sparkJobs, boolean fast,
    List<FullyScoredTape> fullyScored) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DetectRun {
    sparkJobs = sparkJobs == null ? List.of() : List.copyOf(sparkJobs);
    fullyScored = fullyScored == null ? List.of() : List.copyOf(fullyScored);
  }

  /**
   * One Spark job: its description (what dunkclip was doing), Spark's name for it (the call site) and wall time.
   */
  public record SparkJobTime(String description, String name, double seconds) {}

  public void write(DetectOutput output, Configuration conf) {
    Outputs.writeFile(output.runFile(), conf, out -> JSON.writeValue(out, this));
  }

  /** The run recorded in {@code dir}, or null when the directory has none (an output of an older detect). */
  public static DetectRun read(DetectOutput output, Configuration conf) {
    Path path = new Path(output.runFile());
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return null;
      }
      try (InputStream in = fs.open(path)) {
        return JSON.readValue(in, DetectRun.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage()
          + " (rerun detect, or delete the file and pass --input to the report command)", e);
    }
  }
}
