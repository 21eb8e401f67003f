package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every score sequence of length 0 to 8 over a small alphabet (87,381 sequences), compared with
 * the frame-by-frame oracle. The alphabet straddles every threshold used below, so each rule sees
 * frames on both sides of it.
 */
class ExhaustiveSmallSequencesTest {

  private static final double[] ALPHABET = {0.1, 0.5, 0.96, 1.0};
  private static final int MAX_LENGTH = 8;

  private static final List<ClipPolicy> POLICIES = List.of(
      ClipPolicy.threshold(0.5),
      ClipPolicy.threshold(0.96),
      ClipPolicy.threshold(0.0),
      new ClipPolicy(0.96, 0.5, 1, 0, 0, 0),
      new ClipPolicy(1.0, 0.5, 2, 1, 0, 0),
      new ClipPolicy(0.96, 0.5, 1, 2, 1, 1),
      new ClipPolicy(0.96, 0.1, 3, 1, 2, 0),
      new ClipPolicy(0.5, 0.5, 2, 0, 0, 3),
      new ClipPolicy(1.0, 0.96, 1, 8, 1, 2));

  @Test
  void runsMatchTheOracleForEverySmallSequence() {
    int checked = 0;
    for (int length = 0; length <= MAX_LENGTH; length++) {
      for (double[] scores : sequences(length)) {
        for (double threshold : new double[] {0.0, 0.5, 0.96, 1.0}) {
          List<ScoreRun> actual = RunReducer.runs(7, scores, threshold);
          List<ScoreRun> expected = NaiveOracle.runs(7, scores, threshold);
          if (!actual.equals(expected)) {
            assertThat(actual).as("runs of %s at %s", Arrays.toString(scores), threshold)
                .isEqualTo(expected);
          }
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(87_381);
  }

  @Test
  void clipsMatchTheOracleForEverySmallSequenceAndPolicy() {
    for (int length = 0; length <= MAX_LENGTH; length++) {
      for (double[] scores : sequences(length)) {
        for (ClipPolicy policy : POLICIES) {
          List<ScoreRun> runs = RunReducer.runs(0, scores, policy.exitThreshold());
          List<Clip> actual = ClipBuilder.clips(runs, scores.length, policy);
          List<Clip> expected = NaiveOracle.clips(scores, policy);
          if (!sameClips(actual, expected)) {
            assertThat(actual).as("clips of %s with %s", Arrays.toString(scores), policy)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  /** Equal ranges, and scores equal up to rounding: sums are added per run here, per frame there. */
  private static boolean sameClips(List<Clip> actual, List<Clip> expected) {
    if (actual.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      Clip a = actual.get(i);
      Clip e = expected.get(i);
      if (!a.range().equals(e.range()) || !a.detected().equals(e.detected())
          || Math.abs(a.score() - e.score()) > 1e-12) {
        return false;
      }
    }
    return true;
  }

  /** All sequences of the given length over the alphabet, as an odometer. */
  private static Iterable<double[]> sequences(int length) {
    int count = 1;
    for (int i = 0; i < length; i++) {
      count *= ALPHABET.length;
    }
    int total = count;
    return () -> new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < total;
      }

      @Override
      public double[] next() {
        double[] scores = new double[length];
        int digits = next++;
        for (int i = 0; i < length; i++) {
          scores[i] = ALPHABET[digits % ALPHABET.length];
          digits /= ALPHABET.length;
        }
        return scores;
      }
    };
  }
}
