package io.dunkclip.jobs.detect;

import io.dunkclip.background.Background;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.ModelPool;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.model.BatchScorer;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.video.Fit;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * Executor side of detect: decodes a segment at the model's input size and fit and scores it in batches with this
 * executor's copy of the model (one load per executor JVM, see {@link ModelPool}).
 *
 * @param modelKey identifies the model in the executor's pool
 * @param modelFile the model file's bytes, broadcast once to each executor
 * @param batchSize frames per inference call
 * @param exitThreshold a frame belongs to a run when it scores at least this
 * @param backgrounds each tape's background by tape name, for a model that compares with it (and scores relative to
 *     its empty level); null for a frame-only model
 */
record SegmentScoring(String modelKey, Broadcast<byte[]> modelFile, int batchSize, double exitThreshold,
    Broadcast<Map<String, Background>> backgrounds) implements Serializable {
  private static final long serialVersionUID = 1L;

  SegmentScoring withBackgrounds(Broadcast<Map<String, Background>> newBackgrounds) {
    return new SegmentScoring(modelKey, modelFile, batchSize, exitThreshold, newBackgrounds);
  }

  /** A scorer for the frames of {@code video}: with its background when the model needs one. */
  FrameScorer scorer(DunkModel model, String video) {
    return backgrounds == null ? new FrameScorer(model) : new FrameScorer(model, backgrounds.value().get(video));
  }

  /** Every frame of the segment, reduced to runs in the task. */
  SegmentScores scoreEveryFrame(TapeSegment segment, TapeInfo info, HadoopConf conf) {
    DunkModel model = ModelPool.borrow(modelKey, modelFile.value());
    int frames = (int) (segment.last() - segment.first() + 1);
    float[] scores = new float[frames];
    int[] done = {0};
    String error = null;
    try (FrameReader reader = new FrameReader(TapeSources.of(segment.tape(), conf.get()), info,
        model.metadata().inputWidth(), model.metadata().inputHeight(), fit(model.metadata()))) {
      BatchScorer<Long> batches = new BatchScorer<>(scorer(model, segment.tape().name()), batchSize, (index, score) -> {
        scores[(int) (index - segment.first())] = score;
        done[0]++;
      });
      try {
        reader.read(segment.first(), segment.last(), frame -> batches.add(frame.index(), frame.rgb()));
      } finally {
        batches.flush(); // the frames before damage still count
      }
    } catch (TapeException e) {
      error = e.reason() + " (segment " + segment.first() + ".." + segment.last() + ")";
    } finally {
      ModelPool.release(modelKey, model);
    }
    return segmentScores(segment.tape().name(), segment.first(),
        done[0] == frames ? scores : Arrays.copyOf(scores, done[0]), error);
  }

  /** The keyframes of the segment only (fast mode's coarse pass). */
  KeyframeScores scoreKeyframes(TapeSegment segment, TapeInfo info, HadoopConf conf) {
    DunkModel model = ModelPool.borrow(modelKey, modelFile.value());
    long[] frames = new long[info.keyframeIndices().length];
    float[] scores = new float[frames.length];
    int[] done = {0};
    String error = null;
    try (FrameReader reader = FrameReader.keyframesOnly(TapeSources.of(segment.tape(), conf.get()), info,
        model.metadata().inputWidth(), model.metadata().inputHeight(), fit(model.metadata()))) {
      BatchScorer<Long> batches = new BatchScorer<>(scorer(model, segment.tape().name()), batchSize, (index, score) -> {
        if (done[0] < frames.length) {
          frames[done[0]] = index;
          scores[done[0]++] = score;
        }
      });
      try {
        reader.readKeyframes(segment.first(), segment.last(), frame -> batches.add(frame.index(), frame.rgb()));
      } finally {
        batches.flush();
      }
    } catch (TapeException e) {
      error = e.reason() + " (keyframes of segment " + segment.first() + ".." + segment.last() + ")";
    } finally {
      ModelPool.release(modelKey, model);
    }
    return new KeyframeScores(segment.tape().name(), segment.first(), segment.last(),
        Arrays.copyOf(frames, done[0]), Arrays.copyOf(scores, done[0]), error);
  }

  /** Scores of consecutive frames from {@code first}, with their runs. */
  SegmentScores segmentScores(String video, long first, float[] scores, String error) {
    double[] asDouble = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      asDouble[i] = scores[i];
    }
    return new SegmentScores(video, first, scores, RunReducer.runs(first, asDouble, exitThreshold), error);
  }

  private static Fit fit(ModelMetadata metadata) {
    return Fit.parse(metadata.fit());
  }
}
