package io.dunkclip.jobs.train;

import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.spark.ModelPool;
import io.dunkclip.metrics.Counts;
import io.dunkclip.metrics.Roc;
import io.dunkclip.model.BatchScorer;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/** Scores the validation frames on the executors and turns (label, score) pairs into epoch metrics. */
final class Validation {
  private static final int SCORING_BATCH = 64;

  private Validation() {}

  static EpochMetrics evaluate(JavaSparkContext sc, JavaRDD<LabelledImage> validation, byte[] modelFile,
      String modelKey, int epoch, double threshold, double seconds) {
    Broadcast<byte[]> model = sc.broadcast(modelFile);
    List<Tuple2<Integer, Float>> scored = validation.mapPartitions(part -> score(part, modelKey, model.value()))
        .collect();
    model.destroy();
    return metrics(scored, epoch, threshold, seconds);
  }

  private static Iterator<Tuple2<Integer, Float>> score(Iterator<LabelledImage> frames, String key, byte[] file) {
    DunkModel model = ModelPool.borrow(key, file);
    try {
      List<Tuple2<Integer, Float>> out = new ArrayList<>();
      BatchScorer.scoreAll(frames, frame -> FrameRows.decode(frame.image()), new FrameScorer(model), SCORING_BATCH,
          (frame, score) -> out.add(new Tuple2<>(frame.label(), score)));
      return out.iterator();
    } finally {
      ModelPool.release(key, model);
    }
  }

  static EpochMetrics metrics(List<Tuple2<Integer, Float>> scored, int epoch, double threshold, double seconds) {
    double[] scores = new double[scored.size()];
    boolean[] positives = new boolean[scored.size()];
    long tp = 0;
    long fp = 0;
    long fn = 0;
    double loss = 0;
    for (int i = 0; i < scored.size(); i++) {
      boolean positive = scored.get(i)._1() == 1;
      double score = scored.get(i)._2();
      scores[i] = score;
      positives[i] = positive;
      boolean predicted = score >= threshold;
      if (predicted && positive) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (positive) {
        fn++;
      }
      double clipped = Math.min(1 - 1e-7, Math.max(1e-7, score));
      loss -= positive ? Math.log(clipped) : Math.log(1 - clipped);
    }
    Counts counts = new Counts(tp, fp, fn);
    return new EpochMetrics(epoch, seconds, scored.size(), counts.precision(), counts.recall(), counts.f1(),
        Roc.auc(scores, positives), scored.isEmpty() ? Double.NaN : loss / scored.size());
  }
}
