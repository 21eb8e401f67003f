package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreSmoothingTest {

  @Test
  void removesASpikeAndFillsADipShorterThanTheWindowButKeepsTheSteps() {
    double[] scores = {0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.9, 0.9, 0.9, 0.2, 0.9, 0.9, 0.9, 0.1, 0.1};
    assertThat(ScoreSmoothing.median(scores, 1)).containsExactly(
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1);
  }

  @Test
  void truncatesTheWindowAtTheEndsAndTakesTheLowerMiddleOfAnEvenCount() {
    // h = 2: frame 0 sees {0.9, 0.1, 0.1}, frame 1 {0.9, 0.1, 0.1, 0.8}, frame 2 all five,
    // frame 3 {0.1, 0.1, 0.8, 0.7} and frame 4 {0.1, 0.8, 0.7}.
    assertThat(ScoreSmoothing.median(new double[] {0.9, 0.1, 0.1, 0.8, 0.7}, 2))
        .containsExactly(0.1, 0.1, 0.7, 0.1, 0.7);
  }

  @Test
  void aPieceSmoothedWithItsNeighboursScoresMatchesTheWhole() {
    double[] whole = {0.2, 0.9, 0.9, 0.3, 0.9, 0.1, 0.1, 0.9};
    double[] smoothed = ScoreSmoothing.median(whole, 2);
    double[] middle = ScoreSmoothing.median(new double[] {0.2, 0.9, 0.9},
        new double[] {0.3, 0.9}, new double[] {0.1, 0.1, 0.9}, 2);
    assertThat(middle).containsExactly(smoothed[3], smoothed[4]);
  }

  @Test
  void neighboursReachOverPiecesShorterThanTheHalfWindowAndStopAtFramesNotScored() {
    // Frames 10-11, 12, 13-16, then frame 17 not scored, then 18-19.
    List<ScoreSmoothing.Edge> edges = List.of(
        ScoreSmoothing.Edge.of(13, new double[] {0.3, 0.4, 0.5, 0.6}, 3),
        ScoreSmoothing.Edge.of(10, new double[] {0.0, 0.1}, 3),
        ScoreSmoothing.Edge.of(18, new double[] {0.8, 0.9}, 3),
        ScoreSmoothing.Edge.of(12, new double[] {0.2}, 3));
    Map<Long, ScoreSmoothing.Neighbours> neighbours = ScoreSmoothing.neighbours(edges, 3);

    assertThat(neighbours).containsOnlyKeys(10L, 12L, 13L, 18L);
    assertThat(neighbours.get(10L).before()).isEmpty();
    assertThat(neighbours.get(10L).after()).containsExactly(0.2, 0.3, 0.4);
    assertThat(neighbours.get(12L).before()).containsExactly(0.0, 0.1);
    assertThat(neighbours.get(12L).after()).containsExactly(0.3, 0.4, 0.5);
    assertThat(neighbours.get(13L).before()).containsExactly(0.0, 0.1, 0.2);
    assertThat(neighbours.get(13L).after()).isEmpty();
    assertThat(neighbours.get(18L).before()).isEmpty();
    assertThat(neighbours.get(18L).after()).isEmpty();
  }

  @Test
  void anEdgeHoldsTheFirstAndLastHalfWindowOfScores() {
    ScoreSmoothing.Edge edge = ScoreSmoothing.Edge.of(7, new double[] {1, 2, 3, 4, 5}, 2);
    assertThat(edge.first()).isEqualTo(7);
    assertThat(edge.frames()).isEqualTo(5);
    assertThat(edge.head()).containsExactly(1, 2);
    assertThat(edge.tail()).containsExactly(4, 5);
    assertThat(ScoreSmoothing.Edge.of(0, new double[] {1}, 2).tail()).containsExactly(1);
  }

  @Test
  void aPieceWithoutFramesHasNoNeighbours() {
    Map<Long, ScoreSmoothing.Neighbours> neighbours = ScoreSmoothing.neighbours(List.of(
        ScoreSmoothing.Edge.of(0, new double[] {0.5, 0.5}, 1),
        ScoreSmoothing.Edge.of(2, new double[0], 1),
        ScoreSmoothing.Edge.of(5, new double[0], 1)), 1);
    assertThat(neighbours.get(5L)).isSameAs(ScoreSmoothing.Neighbours.NONE);
    assertThat(neighbours.get(2L)).isSameAs(ScoreSmoothing.Neighbours.NONE);
    assertThat(ScoreSmoothing.median(new double[] {0.5}, new double[0], new double[] {0.5}, 1))
        .isEmpty();
  }

  @Test
  void rejectsPiecesThatShareFrames() {
    assertThatThrownBy(() -> ScoreSmoothing.neighbours(List.of(
        ScoreSmoothing.Edge.of(0, new double[] {0.1, 0.2, 0.3}, 1),
        ScoreSmoothing.Edge.of(2, new double[] {0.4}, 1)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot smooth scores: two pieces share frames; give every frame to exactly one"
            + " piece (previous=FrameRange[first=0, last=2], next=FrameRange[first=2, last=2])");
  }

  @Test
  void rejectsEdgesMadeWithASmallerHalfWindow() {
    assertThatThrownBy(() -> ScoreSmoothing.neighbours(List.of(
        ScoreSmoothing.Edge.of(0, new double[] {0.1, 0.2, 0.3}, 1)), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot smooth scores: the edge of the piece at frame 0 holds fewer scores than"
            + " the half-window; make the edges with it (half-window=2, head=1, tail=1)");
  }

  @Test
  void rejectsANegativeHalfWindow() {
    assertThatThrownBy(() -> ScoreSmoothing.median(new double[] {0.1}, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot smooth scores: the half-window must be 0 or more frames"
            + " (half-window=-1)");
  }

  @Test
  void rejectsNaNScoresEvenWhereTheMedianWouldHideThem() {
    assertThatThrownBy(() -> ScoreSmoothing.median(new double[] {0.1, Double.NaN, 0.1}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot smooth scores: scores[1] is not a number, the detector output is"
            + " broken (score=NaN)");
    assertThatThrownBy(() -> ScoreSmoothing.median(new double[] {Double.NaN}, new double[] {0.1},
        new double[0], 1))
        .hasMessageContaining("before[0] is not a number");
  }

  @Test
  void aHugeHalfWindowIsTheMedianOfTheWholeStretch() {
    assertThat(ScoreSmoothing.median(new double[] {0.9, 0.1, 0.5, 0.7}, Integer.MAX_VALUE))
        .containsExactly(0.5, 0.5, 0.5, 0.5);
  }
}
