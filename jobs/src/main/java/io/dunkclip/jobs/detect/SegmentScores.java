package io.dunkclip.jobs.detect;

import io.dunkclip.interval.ScoreRun;
import java.io.Serializable;
import java.util.List;

/**
 * One segment's scores: {@code scores[i]} belongs to frame {@code first + i}; {@code runs} are its frames above the
 * exit threshold, reduced in the task so the driver only stitches runs. {@code scores} are always the model's raw
 * scores; after {@link SmoothedRuns} the runs are those of the smoothed scores.
 */
public record SegmentScores(String video, long first, float[] scores, List<ScoreRun> runs, String error)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
