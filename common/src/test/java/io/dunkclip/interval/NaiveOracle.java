package io.dunkclip.interval;

import java.util.ArrayList;
import java.util.List;

/**
 * Frame-by-frame reference implementations of {@link RunReducer#runs}, {@link ClipBuilder#clips}
 * and {@link ScoreSmoothing}, written as plain boolean-array operations so that they are obviously
 * right, however slow.
 */
final class NaiveOracle {

  private NaiveOracle() {}

  static List<ScoreRun> runs(long firstFrame, double[] scores, double threshold) {
    boolean[] above = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      above[i] = scores[i] >= threshold;
    }
    List<ScoreRun> runs = new ArrayList<>();
    for (int[] block : blocks(above)) {
      double sum = 0.0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = block[0]; i <= block[1]; i++) {
        sum += scores[i];
        max = Math.max(max, scores[i]);
      }
      runs.add(new ScoreRun(firstFrame + block[0], firstFrame + block[1],
          block[1] - block[0] + 1, sum, max));
    }
    return runs;
  }

  /** Clips of a video whose frames are exactly {@code scores}, so frameCount = scores.length. */
  static List<Clip> clips(double[] scores, ClipPolicy policy) {
    int n = scores.length;
    boolean[] above = new boolean[n];
    for (int i = 0; i < n; i++) {
      above[i] = scores[i] >= policy.exitThreshold();
    }

    boolean[] kept = new boolean[n];
    for (int[] block : blocks(above)) {
      boolean entered = false;
      for (int i = block[0]; i <= block[1]; i++) {
        entered |= scores[i] >= policy.enterThreshold();
      }
      fill(kept, block[0], block[1], entered);
    }

    boolean[] bridged = kept.clone();
    for (int[] gap : blocks(not(kept))) {
      boolean between = gap[0] > 0 && gap[1] < n - 1;
      if (between && gap[1] - gap[0] + 1 <= policy.maxGapFrames()) {
        fill(bridged, gap[0], gap[1], true);
      }
    }

    boolean[] longEnough = new boolean[n];
    for (int[] block : blocks(bridged)) {
      fill(longEnough, block[0], block[1], block[1] - block[0] + 1 >= policy.minFrames());
    }

    boolean[] padded = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (longEnough[i]) {
        for (long j = i - policy.padBeforeFrames(); j <= i + policy.padAfterFrames(); j++) {
          if (j >= 0 && j < n) {
            padded[(int) j] = true;
          }
        }
      }
    }

    List<Clip> clips = new ArrayList<>();
    for (int[] block : blocks(padded)) {
      int firstDetected = -1;
      int lastDetected = -1;
      double sum = 0.0;
      int frames = 0;
      for (int i = block[0]; i <= block[1]; i++) {
        if (longEnough[i]) {
          firstDetected = firstDetected < 0 ? i : firstDetected;
          lastDetected = i;
        }
        if (longEnough[i] && kept[i]) {
          sum += scores[i];
          frames++;
        }
      }
      clips.add(new Clip(FrameRange.of(block[0], block[1]),
          FrameRange.of(firstDetected, lastDetected), sum / frames));
    }
    return clips;
  }

  /**
   * The moving median of {@link ScoreSmoothing}, frame by frame: for each scored frame, sort the
   * scores of the scored frames at most {@code h} away that are not cut off from it by a frame
   * that was not scored, and take the middle one (the lower middle one of an even count).
   * Frames not scored stay NaN.
   */
  static double[] smoothed(double[] scores, boolean[] scored, int h) {
    double[] smoothed = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      if (!scored[i]) {
        smoothed[i] = Double.NaN;
        continue;
      }
      List<Double> window = new ArrayList<>();
      window.add(scores[i]);
      for (int j = i - 1; j >= 0 && j >= i - h && scored[j]; j--) {
        window.add(scores[j]);
      }
      for (int j = i + 1; j < scores.length && j <= i + h && scored[j]; j++) {
        window.add(scores[j]);
      }
      window.sort(null);
      smoothed[i] = window.get((window.size() - 1) / 2);
    }
    return smoothed;
  }

  /** The maximal blocks of true values, as {start, end} inclusive. */
  static List<int[]> blocks(boolean[] marks) {
    List<int[]> blocks = new ArrayList<>();
    int i = 0;
    while (i < marks.length) {
      if (!marks[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < marks.length && marks[i]) {
        i++;
      }
      blocks.add(new int[] {start, i - 1});
    }
    return blocks;
  }

  private static boolean[] not(boolean[] marks) {
    boolean[] inverted = new boolean[marks.length];
    for (int i = 0; i < marks.length; i++) {
      inverted[i] = !marks[i];
    }
    return inverted;
  }

  private static void fill(boolean[] marks, int from, int to, boolean value) {
    for (int i = from; i <= to; i++) {
      marks[i] = value;
    }
  }
}
