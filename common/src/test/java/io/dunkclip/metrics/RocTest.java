package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class RocTest {

  @Example
  void perfectSeparationIsOne() {
    assertThat(Roc.auc(new double[] {0.1, 0.2, 0.8, 0.9},
        new boolean[] {false, false, true, true})).isEqualTo(1.0);
  }

  @Example
  void reversedSeparationIsZero() {
    assertThat(Roc.auc(new double[] {0.9, 0.8, 0.2, 0.1},
        new boolean[] {false, false, true, true})).isEqualTo(0.0);
  }

  @Example
  void allTiedIsOneHalf() {
    assertThat(Roc.auc(new double[] {0.5, 0.5, 0.5},
        new boolean[] {true, false, false})).isEqualTo(0.5);
  }

  @Example
  void tiesCountHalf() {
    // Pairs (pos, neg): (0.5, 0.5) tie = 1/2, (0.5, 0.1) win, (0.9, 0.5) win, (0.9, 0.1) win.
    assertThat(Roc.auc(new double[] {0.5, 0.9, 0.5, 0.1},
        new boolean[] {true, true, false, false})).isEqualTo(3.5 / 4);
  }

  @Example
  void oneClassMissingIsNaN() {
    assertThat(Roc.auc(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
    assertThat(Roc.auc(new double[] {0.1, 0.2}, new boolean[] {false, false})).isNaN();
    assertThat(Roc.auc(new double[0], new boolean[0])).isNaN();
  }

  @Example
  void rejectsMismatchedLengths() {
    assertThatThrownBy(() -> Roc.auc(new double[] {0.1, 0.2}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute ROC AUC: need one label per score, 2 scores were given"
            + " (positives.length=1)");
  }

  @Example
  void rejectsNaNScores() {
    assertThatThrownBy(() -> Roc.auc(new double[] {0.1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute ROC AUC: score 1 is not a number (score=NaN)");
  }

  /** Few distinct values so ties are common; the naive count is exact, so equality is exact. */
  @Property(tries = 500)
  void rankStatisticEqualsCountingPairs(@ForAll("samples") @Size(max = 60) List<Sample> samples) {
    double[] scores = samples.stream().mapToDouble(Sample::score).toArray();
    boolean[] positives = new boolean[samples.size()];
    for (int i = 0; i < positives.length; i++) {
      positives[i] = samples.get(i).positive();
    }
    // Boxed, so that NaN (one class missing) equals NaN.
    assertThat(Double.valueOf(Roc.auc(scores, positives)))
        .isEqualTo(Double.valueOf(naiveAuc(scores, positives)));
  }

  private static double naiveAuc(double[] scores, boolean[] positives) {
    long doubledWins = 0;
    long pairs = 0;
    for (int p = 0; p < scores.length; p++) {
      for (int n = 0; n < scores.length; n++) {
        if (positives[p] && !positives[n]) {
          pairs++;
          doubledWins += scores[p] > scores[n] ? 2 : scores[p] == scores[n] ? 1 : 0;
        }
      }
    }
    return pairs == 0 ? Double.NaN : doubledWins / (2.0 * pairs);
  }

  record Sample(double score, boolean positive) {}

  @Provide
  Arbitrary<List<Sample>> samples() {
    Arbitrary<Double> score = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 5).map(i -> i / 5.0),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0));
    return Combinators.combine(score, Arbitraries.of(true, false))
        .as(Sample::new).list().ofMaxSize(60);
  }
}
