package io.dunkclip.interval;

import java.io.Serializable;

/**
 * A maximal run of consecutive frames whose detector score is at or above the exit threshold, as
 * found in one partition of a video, with what {@link ClipBuilder} needs to score it later.
 *
 * <p>A run cut by a partition boundary shows up as two runs that touch; {@link #join} glues them
 * back. {@code scoreSum} is the plain sum of the frame scores, so a joined run's sum may differ
 * from a single pass's sum in the last bits (floating-point addition is not associative).
 *
 * @param first first frame of the run, inclusive
 * @param last last frame of the run, inclusive
 * @param frames number of frames, always {@code last - first + 1}
 * @param scoreSum sum of the scores of the run's frames
 * @param maxScore highest score of the run's frames
 */
public record ScoreRun(long first, long last, long frames, double scoreSum, double maxScore)
    implements Serializable {

  public ScoreRun {
    // FrameRange owns the rules for first and last; reuse its checks and messages.
    FrameRange range = new FrameRange(first, last);
    if (frames != range.length()) {
      throw new IllegalArgumentException(
          "Cannot create score run: frames must equal last - first + 1 = "
              + range.length() + " (frames=" + frames + ")");
    }
    if (Double.isNaN(scoreSum) || Double.isNaN(maxScore)) {
      throw new IllegalArgumentException(
          "Cannot create score run: scores must be numbers (scoreSum=" + scoreSum
              + ", maxScore=" + maxScore + ")");
    }
  }

  public double meanScore() {
    return scoreSum / frames;
  }

  public FrameRange range() {
    return new FrameRange(first, last);
  }

  /** This run followed by {@code next}, which must start on the frame right after this run. */
  public ScoreRun join(ScoreRun next) {
    if (next.first != last + 1) {
      throw new IllegalArgumentException(
          "Cannot join score runs: the next run must start at frame " + (last + 1)
              + ", right after this run (next.first=" + next.first + ")");
    }
    return new ScoreRun(
        first,
        next.last,
        frames + next.frames,
        scoreSum + next.scoreSum,
        Math.max(maxScore, next.maxScore));
  }
}
