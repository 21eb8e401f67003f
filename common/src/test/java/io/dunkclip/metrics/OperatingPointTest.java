package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatingPointTest {
  private static final double[] ALPHABET = {0.0, 0.25, 0.5, 0.75, 1.0};

  /** Every labelled score set of up to 6 frames over a 5-score alphabet, against counting at each threshold. */
  @Test
  void matchesANaiveSweepOverEverySmallLabelledScoreSet() {
    int checked = 0;
    for (int n = 1; n <= 6; n++) {
      int combinations = (int) Math.pow(ALPHABET.length * 2, n);
      for (int code = 0; code < combinations; code++) {
        double[] scores = new double[n];
        boolean[] positives = new boolean[n];
        int c = code;
        for (int i = 0; i < n; i++) {
          scores[i] = ALPHABET[c % ALPHABET.length];
          c /= ALPHABET.length;
          positives[i] = c % 2 == 1;
          c /= 2;
        }
        check(scores, positives);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1_000_000);
  }

  private static void check(double[] scores, boolean[] positives) {
    // The naive oracle: F1 at every threshold on a fine grid, and the highest threshold reaching the best F1.
    double bestF1 = -1;
    double bestThreshold = Double.NaN;
    for (int step = 400; step >= 0; step--) {
      double threshold = step / 400.0 - 1e-9;
      double f1 = counts(scores, positives, threshold).f1();
      if (f1 > bestF1) {
        bestF1 = f1;
        bestThreshold = threshold;
      }
    }
    boolean anyPositive = false;
    for (boolean p : positives) {
      anyPositive |= p;
    }
    Optional<OperatingPoint> point = OperatingPoint.bestF1(scores, positives);
    if (!anyPositive) {
      assertThat(point).isEmpty();
      return;
    }
    OperatingPoint chosen = point.orElseThrow();
    assertThat(chosen.f1()).isEqualTo(bestF1);
    // The chosen threshold calls the same frames as the oracle's highest best threshold...
    Counts atChosen = counts(scores, positives, chosen.threshold());
    Counts atOracle = counts(scores, positives, bestThreshold);
    assertThat(atChosen).isEqualTo(atOracle);
    assertThat(chosen.precision()).isEqualTo(atChosen.precision());
    assertThat(chosen.recall()).isEqualTo(atChosen.recall());
    // ... and sits in the middle of its step: no score lies strictly between the step's ends.
    assertThat(chosen.threshold()).isEqualTo((chosen.stepLow() + chosen.stepHigh()) / 2);
    for (double s : scores) {
      assertThat(s > chosen.stepLow() && s < chosen.stepHigh()).isFalse();
    }
  }

  private static Counts counts(double[] scores, boolean[] positives, double threshold) {
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
    return new Counts(tp, fp, fn);
  }

  @Test
  void separableScoresGetTheMiddleOfTheGapBetweenTheClasses() {
    double[] scores = {0.1, 0.2, 0.3, 0.9, 0.95};
    boolean[] positives = {false, false, false, true, true};
    OperatingPoint point = OperatingPoint.bestF1(scores, positives).orElseThrow();
    assertThat(point.threshold()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(point.stepLow()).isEqualTo(0.3);
    assertThat(point.stepHigh()).isEqualTo(0.9);
    assertThat(point.f1()).isEqualTo(1.0);
  }

  @Test
  void tiesGoToTheHigherThreshold() {
    // At >= 0.8: tp 1, fp 0, fn 1 -> F1 2/3. At >= 0.4: tp 2, fp 2, fn 0 -> F1 2/3 as well.
    double[] scores = {0.8, 0.4, 0.4, 0.4, 0.1};
    boolean[] positives = {true, true, false, false, false};
    OperatingPoint point = OperatingPoint.bestF1(scores, positives).orElseThrow();
    assertThat(point.f1()).isEqualTo(2.0 / 3);
    assertThat(point.stepHigh()).isEqualTo(0.8);
    assertThat(point.threshold()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void curveListsEachDistinctScoreOnceWithCumulativeCounts() {
    List<OperatingPoint.CurvePoint> curve = OperatingPoint.curve(new double[] {0.5, 0.9, 0.5, 0.1},
        new boolean[] {true, true, false, false});
    assertThat(curve).containsExactly(
        new OperatingPoint.CurvePoint(0.9, 1, 0, 1),
        new OperatingPoint.CurvePoint(0.5, 2, 1, 0),
        new OperatingPoint.CurvePoint(0.1, 2, 2, 0));
    assertThatThrownBy(() -> OperatingPoint.curve(new double[] {1.5}, new boolean[] {true}))
        .hasMessageContaining("score 0 is not in [0, 1] (score=1.5)");
    assertThatThrownBy(() -> OperatingPoint.curve(new double[] {0.5}, new boolean[0]))
        .hasMessageContaining("positives.length=0");
  }
}
