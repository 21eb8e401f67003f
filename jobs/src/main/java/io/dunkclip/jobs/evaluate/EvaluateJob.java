package io.dunkclip.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.format.ClipRow;
import io.dunkclip.format.LabelCoverage;
import io.dunkclip.format.Labels;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.metrics.Evaluator;
import io.dunkclip.metrics.Roc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Compares a clips.csv with a labels.csv: no Spark needed, only the filesystem. Frames no label row covers count as
 * 0, so clip frames past a video's last labelled frame count as false positives; each clip that runs past what the
 * labels cover is named in the result's warnings ({@link LabelCoverage}), which the command prints.
 */
public final class EvaluateJob {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluateJob() {}

  public static EvaluateResult run(Configuration conf, EvaluateConfig config) {
    Labels labels = CsvFiles.readLabels(config.labels(), conf);
    List<ClipRow> clips = CsvFiles.readClips(config.clips(), conf);
    Map<String, List<FrameRange>> truth = new TreeMap<>(labels.positivesByVideo());
    for (String video : labels.videos()) {
      truth.putIfAbsent(video, List.of());
    }
    Map<String, List<FrameRange>> predicted = new TreeMap<>();
    for (ClipRow clip : clips) {
      predicted.computeIfAbsent(clip.video(), v -> new ArrayList<>()).add(clip.range());
    }
    double auc = Double.NaN;
    long scoredFrames = 0;
    if (config.scores() != null) {
      List<double[]> scored = labelledScores(config.scores(), labels, conf);
      scoredFrames = scored.size();
      double[] scores = new double[scored.size()];
      boolean[] positives = new boolean[scored.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = scored.get(i)[0];
        positives[i] = scored.get(i)[1] == 1;
      }
      auc = Roc.auc(scores, positives);
    }
    List<String> warnings = LabelCoverage.beyondLabels(labels, clips).stream()
        .map(overrun -> overrun.describe(config.labels())).toList();
    EvaluateResult result = new EvaluateResult(config.clips(), config.labels(), config.iou(),
        Evaluator.evaluate(truth, predicted, config.iou()), auc, scoredFrames, warnings);
    if (config.output() != null) {
      Outputs.writeFile(config.output(), conf, out -> JSON.writeValue(out, result));
    }
    return result;
  }

  /**
   * (score, label) of every frame of a labelled tape in a detect run's scores dataset, read with Parquet's own reader
   * (no Spark session needed): {@code video, frame, score} rows in the dataset's part files.
   */
  static List<double[]> labelledScores(String scoresDir, Labels labels, Configuration conf) {
    List<double[]> out = new ArrayList<>();
    Path dir = new Path(scoresDir);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus file : fs.listStatus(dir)) {
        String name = file.getPath().getName();
        if (!file.isFile() || name.startsWith("_") || name.startsWith(".") || !name.endsWith(".parquet")) {
          continue;
        }
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath())
            .withConf(conf).build()) {
          for (Group row = reader.read(); row != null; row = reader.read()) {
            String video = row.getString("video", 0);
            if (labels.videos().contains(video)) {
              long frame = row.getLong("frame", 0);
              out.add(new double[] {row.getFloat("score", 0), labels.label(video, frame)});
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the scores dataset " + scoresDir + ": " + e.getMessage()
          + " (give detect's output DIR/scores)", e);
    }
    return out;
  }
}
