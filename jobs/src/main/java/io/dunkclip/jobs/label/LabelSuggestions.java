package io.dunkclip.jobs.label;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.SegmentScores;
import io.dunkclip.metrics.UnsureStretches;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code label --suggest MODEL}: the model's detections as the labelling page's first ranges, and the stretches it is
 * least sure of. Scoring is detect's own ({@link DetectJob#score}) with detect's default clip options, so the draft is
 * what {@code detect} would cut.
 */
final class LabelSuggestions {
  /** Stretches listed as least sure, per tape: enough for a session's work, few enough to read. */
  static final int UNSURE_LISTED = 8;

  private LabelSuggestions() {}

  /**
   * What the page starts a tape with: ranges to pre-fill, the same as clips ({@code draft-clips.csv}, for
   * {@code evaluate}), and what to say about them.
   */
  record Draft(List<LabelPage.Range> ranges, List<ClipRow> clips, LabelPage.Suggestions suggestions) {}

  static Map<String, Draft> fromModel(JavaSparkContext sc, LabelConfig config, Map<String, TapeInfo> infos) {
    // Detect's defaults: the page starts from the clips detect would find.
    DetectConfig detect = DetectConfig.builder().input(config.input()).model(config.suggest()).output(config.output())
        .build();
    ModelMetadata model = DetectJob.readMetadata(DetectJob.readModelFile(config.suggest(), sc.hadoopConfiguration()),
        config.suggest());
    double threshold = detect.enter(model);
    DetectJob.TapeScoring scoring = DetectJob.score(sc, detect);
    sc.setJobDescription("dunkclip: label --suggest, scores of " + scoring.tapes().size() + " tape(s)");
    List<SegmentScores> segments = scoring.segments().collect();
    scoring.segments().unpersist();
    Map<String, float[]> scores = new HashMap<>();
    Map<String, List<ScoreRun>> runs = new HashMap<>();
    for (SegmentScores segment : segments) {
      TapeInfo info = infos.get(segment.video());
      if (info == null) {
        continue;
      }
      float[] tape = scores.computeIfAbsent(segment.video(), v -> {
        float[] all = new float[(int) info.frameCount()];
        Arrays.fill(all, Float.NaN);
        return all;
      });
      System.arraycopy(segment.scores(), 0, tape, (int) segment.first(),
          (int) Math.min(segment.scores().length, tape.length - segment.first()));
      runs.computeIfAbsent(segment.video(), v -> new ArrayList<>()).addAll(segment.runs());
    }
    Map<String, Draft> drafts = new HashMap<>();
    String thresholdText = String.format(Locale.ROOT, "%.3f", threshold);
    for (Map.Entry<String, float[]> tape : scores.entrySet()) {
      List<LabelPage.Range> ranges = new ArrayList<>();
      List<ClipRow> clips = DetectJob.clipRows(tape.getKey(), runs.getOrDefault(tape.getKey(), List.of()),
          infos.get(tape.getKey()), detect, model);
      for (ClipRow clip : clips) {
        ranges.add(new LabelPage.Range(clip.range().first(), clip.range().last()));
      }
      List<LabelPage.Unsure> unsure = new ArrayList<>();
      for (UnsureStretches.Stretch stretch : UnsureStretches.leastSure(tape.getValue(), threshold, config.every(),
          UNSURE_LISTED)) {
        unsure.add(new LabelPage.Unsure(stretch.frames().first(), stretch.frames().last(),
            String.format(Locale.ROOT, "%.2f", stretch.meanScore())));
      }
      drafts.put(tape.getKey(), new Draft(ranges, clips, new LabelPage.Suggestions(config.suggest(), thresholdText,
          "These are the model's detections as detect would cut them, a draft only: check every range.", unsure)));
    }
    return drafts;
  }
}
