package io.dunkclip.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeWindowsTest {
  private static final double T = 0.5;

  @Test
  void theLongestIntervalRunsFromAKeyframeToTheNextOrToTheTapesEnd() {
    assertThat(KeyframeWindows.longestInterval(100, new long[] {0})).isEqualTo(100);
    assertThat(KeyframeWindows.longestInterval(100, new long[] {0, 10, 20, 70})).isEqualTo(50);
    // frames before the first keyframe are decoded in full: they do not count
    assertThat(KeyframeWindows.longestInterval(100, new long[] {60, 90})).isEqualTo(30);
    assertThat(KeyframeWindows.longestInterval(100, new long[0])).isZero();
    assertThatThrownBy(() -> KeyframeWindows.longestInterval(100, new long[] {10, 10}))
        .hasMessageContaining("(keyframe[0]=10)");
  }

  @Test
  void decodesTheIntervalsAroundHighKeyframesPlusTheMargin() {
    // keyframes every 10 frames of 60; keyframe 30 high: intervals [20,29] and [30,39] are hot
    long[] keyframes = {0, 10, 20, 30, 40, 50};
    double[] scores = {0.1, 0.1, 0.1, 0.9, 0.1, 0.1};
    assertThat(KeyframeWindows.windows(60, keyframes, scores, T, 0)).containsExactly(FrameRange.of(20, 39));
    assertThat(KeyframeWindows.windows(60, keyframes, scores, T, 1)).containsExactly(FrameRange.of(10, 49));
    assertThat(KeyframeWindows.windows(60, keyframes, scores, T, 9)).containsExactly(FrameRange.of(0, 59));
  }

  @Test
  void aHighLastKeyframeDecodesToTheEndOfTheTape() {
    assertThat(KeyframeWindows.windows(25, new long[] {0, 10, 20}, new double[] {0, 0, 1}, T, 0))
        .containsExactly(FrameRange.of(10, 24));
  }

  @Test
  void allLowKeyframesDecodeNothingAndUnscoredOnesAreDecoded() {
    assertThat(KeyframeWindows.windows(30, new long[] {0, 10, 20}, new double[] {0, 0, 0}, T, 1)).isEmpty();
    assertThat(KeyframeWindows.windows(30, new long[] {0, 10, 20}, new double[] {0, Double.NaN, 0}, T, 0))
        .containsExactly(FrameRange.of(0, 19));
    // frames before the first keyframe cannot be judged from keyframes
    assertThat(KeyframeWindows.windows(30, new long[] {10, 20}, new double[] {0, 0}, T, 0))
        .containsExactly(FrameRange.of(0, 9));
  }

  @Test
  void refusesMismatchedScoresNegativeMarginsAndUnsortedKeyframes() {
    assertThatThrownBy(() -> KeyframeWindows.windows(30, new long[] {0, 10}, new double[] {0}, T, 0))
        .hasMessage("Cannot plan fast-mode windows: one score per keyframe is needed (keyframes=2, scores=1)");
    assertThatThrownBy(() -> KeyframeWindows.windows(30, new long[] {0}, new double[] {0}, T, -1))
        .hasMessageContaining("(margin=-1)");
    assertThatThrownBy(() -> KeyframeWindows.windows(30, new long[] {0, 10, 10}, new double[] {0, 0, 0}, T, 0))
        .hasMessageContaining("(keyframe[2]=10)");
    assertThatThrownBy(() -> KeyframeWindows.windows(30, new long[] {0, 30}, new double[] {0, 0}, T, 0))
        .hasMessageContaining("(keyframe[1]=30)");
  }

  /**
   * Every tape of up to 6 frames, every keyframe set, every 0/1 score sequence, margins 0..2: the windows equal a
   * frame-by-frame oracle, and scoring only the windows gives the same runs as scoring every frame whenever every
   * run holds a keyframe (the documented premise).
   */
  @Test
  void exhaustiveSmallTapesMatchTheOracleAndKeepEveryRunThatHoldsAKeyframe() {
    int checked = 0;
    int premiseHeld = 0;
    for (int frames = 1; frames <= 6; frames++) {
      for (int keyMask = 0; keyMask < (1 << frames); keyMask++) {
        long[] keyframes = bits(keyMask, frames);
        for (int scoreMask = 0; scoreMask < (1 << frames); scoreMask++) {
          double[] all = new double[frames];
          for (int f = 0; f < frames; f++) {
            all[f] = (scoreMask >> f & 1) == 1 ? 0.9 : 0.1;
          }
          double[] keyScores = Arrays.stream(keyframes).mapToDouble(k -> all[(int) k]).toArray();
          for (int margin = 0; margin <= 2; margin++) {
            List<FrameRange> windows = KeyframeWindows.windows(frames, keyframes, keyScores, T, margin);
            String what = "frames=" + frames + " keyframes=" + Arrays.toString(keyframes) + " scores="
                + Arrays.toString(all) + " margin=" + margin;
            assertThat(decoded(windows, frames)).as(what).isEqualTo(oracle(frames, keyframes, keyScores, margin));
            for (int w = 1; w < windows.size(); w++) {
              assertThat(windows.get(w).first()).as(what).isGreaterThan(windows.get(w - 1).last() + 1);
            }
            checked++;
            if (everyRunHoldsAKeyframe(all, keyframes)) {
              premiseHeld++;
              assertThat(runsOfWindows(windows, all)).as(what).isEqualTo(RunReducer.runs(0, all, T));
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(15_000);
    assertThat(premiseHeld).isGreaterThan(2_000);
  }

  private static long[] bits(int mask, int frames) {
    List<Long> out = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      if ((mask >> f & 1) == 1) {
        out.add((long) f);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean[] decoded(List<FrameRange> windows, int frames) {
    boolean[] out = new boolean[frames];
    for (FrameRange window : windows) {
      for (long f = window.first(); f <= window.last(); f++) {
        out[(int) f] = true;
      }
    }
    return out;
  }

  /** Frame by frame: a frame is decoded when its interval is within {@code margin} intervals of a hot one. */
  private static boolean[] oracle(int frames, long[] keyframes, double[] keyScores, int margin) {
    List<Long> starts = new ArrayList<>();
    List<Boolean> high = new ArrayList<>();
    if (keyframes.length == 0 || keyframes[0] != 0) {
      starts.add(0L);
      high.add(true);
    }
    for (int i = 0; i < keyframes.length; i++) {
      starts.add(keyframes[i]);
      high.add(keyScores[i] >= T);
    }
    boolean[] out = new boolean[frames];
    for (int f = 0; f < frames; f++) {
      int interval = 0;
      while (interval + 1 < starts.size() && starts.get(interval + 1) <= f) {
        interval++;
      }
      for (int other = 0; other < starts.size(); other++) {
        boolean hot = high.get(other) || (other + 1 < starts.size() && high.get(other + 1));
        if (hot && Math.abs(other - interval) <= margin) {
          out[f] = true;
        }
      }
    }
    return out;
  }

  private static boolean everyRunHoldsAKeyframe(double[] all, long[] keyframes) {
    for (ScoreRun run : RunReducer.runs(0, all, T)) {
      boolean holds = run.first() < (keyframes.length == 0 ? all.length : keyframes[0]);
      for (long k : keyframes) {
        holds |= run.range().contains(k);
      }
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** What fast mode does: runs of each window's frames, stitched. */
  private static List<ScoreRun> runsOfWindows(List<FrameRange> windows, double[] all) {
    List<ScoreRun> runs = new ArrayList<>();
    for (FrameRange window : windows) {
      double[] part = Arrays.copyOfRange(all, (int) window.first(), (int) window.last() + 1);
      runs.addAll(RunReducer.runs(window.first(), part, T));
    }
    return RunReducer.stitch(runs);
  }
}
