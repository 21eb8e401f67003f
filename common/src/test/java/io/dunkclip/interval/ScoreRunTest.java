package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScoreRunTest {

  @Test
  void meanScoreIsSumOverFrames() {
    ScoreRun run = new ScoreRun(10, 13, 4, 3.0, 0.9);
    assertThat(run.meanScore()).isEqualTo(0.75);
    assertThat(run.range()).isEqualTo(FrameRange.of(10, 13));
  }

  @Test
  void joinGluesTheNextRunOn() {
    ScoreRun left = new ScoreRun(10, 11, 2, 1.5, 0.75);
    ScoreRun right = new ScoreRun(12, 14, 3, 2.5, 1.0);
    assertThat(left.join(right)).isEqualTo(new ScoreRun(10, 14, 5, 4.0, 1.0));
  }

  @Test
  void joinRejectsAGap() {
    ScoreRun left = new ScoreRun(10, 11, 2, 1.5, 0.75);
    ScoreRun right = new ScoreRun(13, 14, 2, 1.5, 0.75);
    assertThatThrownBy(() -> left.join(right))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot join score runs: the next run must start at frame 12,"
            + " right after this run (next.first=13)");
  }

  @Test
  void joinRejectsTheRunsInReverseOrder() {
    ScoreRun left = new ScoreRun(10, 11, 2, 1.5, 0.75);
    ScoreRun right = new ScoreRun(12, 14, 3, 2.5, 1.0);
    assertThatThrownBy(() -> right.join(left))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(next.first=10)");
  }

  @Test
  void rejectsAFrameCountThatDoesNotMatchTheRange() {
    assertThatThrownBy(() -> new ScoreRun(10, 13, 3, 3.0, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create score run: frames must equal last - first + 1 = 4 (frames=3)");
  }

  @Test
  void rejectsAnInvalidRange() {
    assertThatThrownBy(() -> new ScoreRun(10, 9, 0, 0.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(last=9)");
  }

  @Test
  void rejectsNaNScores() {
    assertThatThrownBy(() -> new ScoreRun(1, 1, 1, Double.NaN, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create score run: scores must be numbers (scoreSum=NaN, maxScore=0.5)");
  }
}
