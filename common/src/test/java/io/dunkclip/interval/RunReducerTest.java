package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunReducerTest {

  @Test
  void findsMaximalRunsWithFrameNumbersOffsetByTheFirstFrame() {
    double[] scores = {0.1, 0.5, 0.75, 0.25, 1.0};
    assertThat(RunReducer.runs(100, scores, 0.5)).containsExactly(
        new ScoreRun(101, 102, 2, 1.25, 0.75),
        new ScoreRun(104, 104, 1, 1.0, 1.0));
  }

  @Test
  void aScoreEqualToTheThresholdIsInsideTheRun() {
    assertThat(RunReducer.runs(0, new double[] {0.5}, 0.5))
        .containsExactly(new ScoreRun(0, 0, 1, 0.5, 0.5));
  }

  @Test
  void noScoresGiveNoRuns() {
    assertThat(RunReducer.runs(0, new double[0], 0.5)).isEmpty();
    assertThat(RunReducer.runs(0, new double[] {0.1, 0.2}, 0.5)).isEmpty();
  }

  @Test
  void rejectsNaNScoresNamingTheFrame() {
    assertThatThrownBy(() -> RunReducer.runs(40, new double[] {0.1, 0.9, Double.NaN}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find score runs: the score of frame 42 is not a number,"
            + " the detector output is broken (score=NaN)");
  }

  @Test
  void rejectsAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> RunReducer.runs(0, new double[] {0.1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find score runs: the exit threshold must be in [0, 1]"
            + " (exit-threshold=1.5)");
    assertThatThrownBy(() -> RunReducer.runs(0, new double[] {0.1}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(exit-threshold=NaN)");
  }

  @Test
  void rejectsANegativeFirstFrame() {
    assertThatThrownBy(() -> RunReducer.runs(-1, new double[] {0.1}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find score runs: the first frame must be 0 or more (firstFrame=-1)");
  }

  @Test
  void stitchJoinsRunsCutByAPartitionBoundary() {
    List<ScoreRun> stitched = RunReducer.stitch(List.of(
        new ScoreRun(20, 25, 6, 3.0, 0.5),
        new ScoreRun(10, 14, 5, 2.5, 0.5),
        new ScoreRun(15, 17, 3, 3.0, 1.0)));
    assertThat(stitched).containsExactly(
        new ScoreRun(10, 17, 8, 5.5, 1.0),
        new ScoreRun(20, 25, 6, 3.0, 0.5));
  }

  @Test
  void stitchOfNothingIsNothing() {
    assertThat(RunReducer.stitch(List.of())).isEmpty();
  }

  @Test
  void stitchRejectsOverlappingRuns() {
    assertThatThrownBy(() -> RunReducer.stitch(List.of(
        new ScoreRun(10, 14, 5, 2.5, 0.5),
        new ScoreRun(14, 16, 3, 1.5, 0.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot stitch score runs: two runs share frames, so the partitions of the"
            + " video overlap; give every frame to exactly one partition"
            + " (previous=FrameRange[first=10, last=14], next=FrameRange[first=14, last=16])");
  }

  @Test
  void stitchRejectsTheSameRunTwice() {
    ScoreRun run = new ScoreRun(3, 4, 2, 1.0, 0.5);
    assertThatThrownBy(() -> RunReducer.stitch(List.of(run, run)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions of the video overlap");
  }

  @Test
  void stitchRejectsARunInsideAnother() {
    assertThatThrownBy(() -> RunReducer.stitch(List.of(
        new ScoreRun(0, 20, 21, 10.0, 0.5),
        new ScoreRun(5, 6, 2, 1.0, 0.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous=FrameRange[first=0, last=20]");
  }
}
