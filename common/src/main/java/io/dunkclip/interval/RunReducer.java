package io.dunkclip.interval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reduces per-frame scores to runs of frames at or above a threshold, one partition at a time, and
 * stitches the runs of all partitions of one video back together.
 *
 * <p>Stitching is exact: inside one partition two runs are never adjacent (a frame below the
 * threshold separates them), so runs that touch can only come from a partition boundary cutting
 * one run in two. Hence reducing each contiguous partition with its own first frame and then
 * calling {@link #stitch} gives the same runs as {@link #runs} over the whole sequence (up to the
 * order in which {@code scoreSum} is added up).
 */
public final class RunReducer {

  private RunReducer() {}

  /**
   * The maximal runs of frames whose score is at or above {@code exitThreshold}, in frame order.
   *
   * @param firstFrame frame number of {@code scores[0]}
   * @param scores {@code scores[i]} is the score of frame {@code firstFrame + i}; must not be NaN
   * @param exitThreshold a frame belongs to a run when its score is {@code >= exitThreshold}
   */
  public static List<ScoreRun> runs(long firstFrame, double[] scores, double exitThreshold) {
    Objects.requireNonNull(scores, "scores");
    if (firstFrame < 0) {
      throw new IllegalArgumentException(
          "Cannot find score runs: the first frame must be 0 or more (firstFrame="
              + firstFrame + ")");
    }
    if (!(exitThreshold >= 0.0 && exitThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "Cannot find score runs: the exit threshold must be in [0, 1] (exit-threshold="
              + exitThreshold + ")");
    }
    List<ScoreRun> runs = new ArrayList<>();
    int start = -1;
    double sum = 0.0;
    double max = 0.0;
    for (int i = 0; i < scores.length; i++) {
      double score = scores[i];
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException(
            "Cannot find score runs: the score of frame " + (firstFrame + i)
                + " is not a number, the detector output is broken (score=NaN)");
      }
      if (score >= exitThreshold) {
        if (start < 0) {
          start = i;
          sum = 0.0;
          max = score;
        }
        sum += score;
        max = Math.max(max, score);
      } else if (start >= 0) {
        runs.add(run(firstFrame, start, i - 1, sum, max));
        start = -1;
      }
    }
    if (start >= 0) {
      runs.add(run(firstFrame, start, scores.length - 1, sum, max));
    }
    return Collections.unmodifiableList(runs);
  }

  private static ScoreRun run(long firstFrame, int start, int end, double sum, double max) {
    return new ScoreRun(firstFrame + start, firstFrame + end, end - start + 1L, sum, max);
  }

  /**
   * The runs of one video, sorted, with runs that touch ({@code next.first == previous.last + 1})
   * joined into one. Input order does not matter.
   *
   * @param runs the runs found in any number of contiguous, non-overlapping partitions of one video
   * @throws IllegalArgumentException if two runs share a frame, which means the partitions overlap
   */
  public static List<ScoreRun> stitch(Collection<ScoreRun> runs) {
    Objects.requireNonNull(runs, "runs");
    List<ScoreRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingLong(ScoreRun::first).thenComparingLong(ScoreRun::last));
    List<ScoreRun> stitched = new ArrayList<>();
    ScoreRun open = null;
    for (ScoreRun run : sorted) {
      Objects.requireNonNull(run, "run");
      if (open == null) {
        open = run;
      } else if (run.first() <= open.last()) {
        throw new IllegalArgumentException(
            "Cannot stitch score runs: two runs share frames, so the partitions of the video"
                + " overlap; give every frame to exactly one partition (previous="
                + open.range() + ", next=" + run.range() + ")");
      } else if (run.first() == open.last() + 1) {
        open = open.join(run);
      } else {
        stitched.add(open);
        open = run;
      }
    }
    if (open != null) {
      stitched.add(open);
    }
    return Collections.unmodifiableList(stitched);
  }
}
