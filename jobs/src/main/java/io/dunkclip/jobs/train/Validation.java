package io.dunkclip.jobs.train;

import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.spark.ModelPool;
import io.dunkclip.metrics.Counts;
import io.dunkclip.metrics.OperatingPoint;
import io.dunkclip.metrics.Roc;
import io.dunkclip.model.BatchScorer;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.TapeBaseline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scores the validation frames on the executors (each with its tape's background when the model uses one) and turns
 * the (label, score) pairs into epoch metrics at the epoch's operating point.
 */
final class Validation {
  private static final int SCORING_BATCH = 64;

  private Validation() {}

  /**
   * An epoch's metrics, and the operating point its validation scores give (empty when calibration is off or the
   * validation frames hold no player).
   */
  record Scored(EpochMetrics metrics, Optional<OperatingPoint> point, double[] scores, boolean[] positives,
      List<ScoredFrame> frames, Double baselineLogit) {}

  /**
   * A validation frame's score, and the model's raw score of its tape's background (NaN for a frame-only model). In
   * {@link Scored#frames()} the score is relative to the tape's empty level ({@link TapeBaseline}).
   */
  record ScoredFrame(String video, long frame, int label, float score, float backgroundScore)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  static Scored evaluate(JavaSparkContext sc, JavaRDD<LabelledImage> validation, byte[] modelFile,
      Broadcast<Map<String, byte[]>> backgrounds, Set<String> unreliable, String modelKey, int epoch,
      double fixedThreshold, boolean calibrate, double seconds) {
    Broadcast<byte[]> model = sc.broadcast(modelFile);
    List<ScoredFrame> scored = validation
        .mapPartitions(part -> score(part, modelKey, model.value(), backgrounds.value()))
        .collect();
    model.destroy();
    return metrics(relative(scored, unreliable), epoch, fixedThreshold, calibrate, seconds);
  }

  /** The frames with their scores relative to their tapes' empty level, and the reference level they share. */
  record Relative(List<ScoredFrame> frames, Double baselineLogit) {}

  /**
   * Moves each tape's scores by its background's distance from the reference level: the mean over the tapes whose
   * background is reliable ({@link TapeBaseline}). Without a background (a frame-only model) or a reliable one the
   * scores stay raw and there is no reference.
   */
  static Relative relative(List<ScoredFrame> raw, Set<String> unreliable) {
    Map<String, Float> levels = new java.util.TreeMap<>();
    for (ScoredFrame frame : raw) {
      if (!Float.isNaN(frame.backgroundScore()) && !unreliable.contains(frame.video())) {
        levels.put(frame.video(), frame.backgroundScore());
      }
    }
    Double reference = TapeBaseline.reference(levels.values());
    if (reference == null) {
      return new Relative(raw, null);
    }
    List<ScoredFrame> moved = new ArrayList<>(raw.size());
    for (ScoredFrame frame : raw) {
      double offset = TapeBaseline.offset(reference, frame.backgroundScore(), levels.containsKey(frame.video()));
      moved.add(new ScoredFrame(frame.video(), frame.frame(), frame.label(),
          TapeBaseline.shift(frame.score(), offset), frame.backgroundScore()));
    }
    return new Relative(moved, reference);
  }

  private static Iterator<ScoredFrame> score(Iterator<LabelledImage> frames, String key, byte[] file,
      Map<String, byte[]> backgrounds) {
    // One scorer per tape: a model that compares with the background needs that tape's.
    Map<String, List<LabelledImage>> byTape = new LinkedHashMap<>();
    frames.forEachRemaining(frame -> byTape.computeIfAbsent(frame.video(), v -> new ArrayList<>()).add(frame));
    DunkModel model = ModelPool.borrow(key, file);
    try {
      List<ScoredFrame> out = new ArrayList<>();
      for (Map.Entry<String, List<LabelledImage>> tape : byTape.entrySet()) {
        FrameScorer scorer = new FrameScorer(model, backgrounds.get(tape.getKey()));
        BatchScorer.scoreAll(tape.getValue().iterator(), frame -> FrameRows.decode(frame.image()), scorer,
            SCORING_BATCH, (frame, score) -> out.add(new ScoredFrame(frame.video(), frame.frame(), frame.label(),
                score, scorer.backgroundScore())));
      }
      return out.iterator();
    } finally {
      ModelPool.release(key, model);
    }
  }

  /**
   * The metrics of (label, score) pairs: precision, recall and F1 at the epoch's calibrated operating point when
   * {@code calibrate} (and the frames hold a player), else at {@code fixedThreshold}; ROC AUC; mean cross-entropy.
   */
  static Scored metrics(Relative relative, int epoch, double fixedThreshold, boolean calibrate, double seconds) {
    List<ScoredFrame> scored = relative.frames();
    double[] scores = new double[scored.size()];
    boolean[] positives = new boolean[scored.size()];
    double loss = 0;
    for (int i = 0; i < scored.size(); i++) {
      boolean positive = scored.get(i).label() == 1;
      double score = scored.get(i).score();
      scores[i] = score;
      positives[i] = positive;
      double clipped = Math.min(1 - 1e-7, Math.max(1e-7, score));
      loss -= positive ? Math.log(clipped) : Math.log(1 - clipped);
    }
    Optional<OperatingPoint> point = calibrate ? OperatingPoint.bestF1(scores, positives) : Optional.empty();
    double threshold = point.map(OperatingPoint::threshold).orElse(fixedThreshold);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean predicted = scores[i] >= threshold;
      if (predicted && positives[i]) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (positives[i]) {
        fn++;
      }
    }
    Counts counts = new Counts(tp, fp, fn);
    EpochMetrics metrics = new EpochMetrics(epoch, seconds, scored.size(), counts.precision(), counts.recall(),
        counts.f1(), Roc.auc(scores, positives), scored.isEmpty() ? Double.NaN : loss / scored.size(), threshold);
    return new Scored(metrics, point, scores, positives, scored, relative.baselineLogit());
  }
}
