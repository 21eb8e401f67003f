package io.dunkclip.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.format.ClipRow;
import io.dunkclip.format.Labels;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.metrics.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/** Compares a clips.csv with a labels.csv: no Spark needed, only the filesystem. */
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
    EvaluateResult result = new EvaluateResult(config.clips(), config.labels(), config.iou(),
        Evaluator.evaluate(truth, predicted, config.iou()));
    if (config.output() != null) {
      Outputs.writeFile(config.output(), conf, out -> JSON.writeValue(out, result));
    }
    return result;
  }
}
