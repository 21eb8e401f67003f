package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TapeBaselineTest {
  private static final float[] GRID = grid();

  @Test
  void aTapeWhoseEmptyCourtScoresLikeTheReferenceKeepsItsScores() {
    for (float level : GRID) {
      double reference = TapeBaseline.logit(level);
      double offset = TapeBaseline.offset(reference, level, true);
      assertThat(offset).isCloseTo(0, offset(1e-9));
      for (float score : GRID) {
        assertThat(TapeBaseline.shift(score, offset)).isCloseTo(score, offset(1e-6f));
      }
    }
  }

  @Test
  void theEmptyCourtOfAnyTapeMovesToTheReferenceLevelAndTheOrderWithinATapeHolds() {
    for (float reference : GRID) {
      for (float level : GRID) {
        double offset = TapeBaseline.offset(TapeBaseline.logit(reference), level, true);
        assertThat(TapeBaseline.shift(level, offset)).as("background %s -> reference %s", level, reference)
            .isCloseTo(reference, offset(1e-5f));
        for (int i = 1; i < GRID.length; i++) {
          assertThat(TapeBaseline.shift(GRID[i], offset)).isGreaterThanOrEqualTo(TapeBaseline.shift(GRID[i - 1],
              offset));
        }
      }
    }
  }

  @Test
  void withoutAReferenceOrWithAnUnreliableBackgroundScoresStayRaw() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      float level = random.nextFloat();
      assertThat(TapeBaseline.offset(null, level, true)).isZero();
      assertThat(TapeBaseline.offset(TapeBaseline.logit(random.nextFloat()), level, false)).isZero();
      float score = random.nextFloat();
      assertThat(TapeBaseline.shift(score, 0)).isEqualTo(score);
    }
  }

  @Test
  void theReferenceIsTheMeanLogitOfTheBackgroundScoresAndSaturatedScoresStayFinite() {
    assertThat(TapeBaseline.reference(List.of())).isNull();
    assertThat(TapeBaseline.reference(List.of(0.5f))).isCloseTo(0, offset(1e-12));
    double expected = (Math.log(0.2 / 0.8) + Math.log(0.9 / 0.1)) / 2;
    assertThat(TapeBaseline.reference(List.of(0.2, 0.9))).isCloseTo(expected, offset(1e-12));
    assertThat(TapeBaseline.logit(0)).isFinite().isCloseTo(Math.log(TapeBaseline.EDGE / (1 - TapeBaseline.EDGE)),
        offset(1e-9));
    assertThat(TapeBaseline.logit(1)).isFinite().isPositive();
    double offset = TapeBaseline.offset(TapeBaseline.logit(0.2), 0f, true);
    assertThat(TapeBaseline.shift(0f, offset)).isCloseTo(0.2f, offset(1e-5f));
    assertThat(TapeBaseline.shift(1f, offset)).isLessThanOrEqualTo(1f).isGreaterThan(0.99f);
  }

  private static float[] grid() {
    float[] values = new float[101];
    for (int i = 0; i <= 100; i++) {
      values[i] = i / 100f;
    }
    return values;
  }
}
