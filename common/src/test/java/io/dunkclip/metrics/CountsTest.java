package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountsTest {

  @Test
  void scoresFromCounts() {
    Counts counts = new Counts(6, 2, 4);
    assertThat(counts.precision()).isEqualTo(0.75);
    assertThat(counts.recall()).isEqualTo(0.6);
    assertThat(counts.f1()).isEqualTo(2 * 0.75 * 0.6 / 1.35);
  }

  @Test
  void nothingPredictedAndNothingTrueIsPerfect() {
    assertThat(Counts.ZERO.precision()).isEqualTo(1.0);
    assertThat(Counts.ZERO.recall()).isEqualTo(1.0);
    assertThat(Counts.ZERO.f1()).isEqualTo(1.0);
  }

  @Test
  void predictingNothingWhenSomethingIsTrueHasFullPrecisionAndNoRecall() {
    Counts counts = new Counts(0, 0, 5);
    assertThat(counts.precision()).isEqualTo(1.0);
    assertThat(counts.recall()).isEqualTo(0.0);
    assertThat(counts.f1()).isEqualTo(0.0);
  }

  @Test
  void predictingWhenNothingIsTrueHasNoPrecisionAndFullRecall() {
    Counts counts = new Counts(0, 3, 0);
    assertThat(counts.precision()).isEqualTo(0.0);
    assertThat(counts.recall()).isEqualTo(1.0);
    assertThat(counts.f1()).isEqualTo(0.0);
  }

  @Test
  void allWrongHasZeroF1() {
    Counts counts = new Counts(0, 3, 4);
    assertThat(counts.precision()).isZero();
    assertThat(counts.recall()).isZero();
    assertThat(counts.f1()).isZero();
  }

  @Test
  void plusAddsEachCount() {
    assertThat(new Counts(1, 2, 3).plus(new Counts(10, 20, 30))).isEqualTo(new Counts(11, 22, 33));
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatThrownBy(() -> new Counts(1, -2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create counts: counts must be 0 or more (truePositives=1,"
            + " falsePositives=-2, falseNegatives=3)");
  }
}
