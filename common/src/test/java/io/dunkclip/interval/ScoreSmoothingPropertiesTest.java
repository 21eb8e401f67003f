package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Partition independence of the smoothing on longer sequences than the exhaustive test, and what
 * a moving median promises: no change at h = 0 or on constant scores, steps kept in place, short
 * spikes removed and short dips filled.
 */
class ScoreSmoothingPropertiesTest {

  @Property(tries = 500)
  void smoothingPiecesWithTheirNeighboursEqualsSmoothingTheWhole(
      @ForAll @Size(max = 200) List<@DoubleRange(min = 0, max = 1) Double> scoreList,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 200) Integer> cuts,
      @ForAll @IntRange(min = 0, max = 25) int h,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long firstFrame,
      @ForAll Random random) {
    double[] scores = toArray(scoreList);
    double[] whole = ScoreSmoothing.median(scores, h);

    assertThat(whole).containsExactly(NaiveOracle.smoothed(scores, allScored(scores.length), h));
    assertThat(smoothPieces(scores, cuts, firstFrame, h, random)).containsExactly(whole);
  }

  /** Dyadic scores: every partial sum is exact, so the runs must be equal to the last bit. */
  @Property(tries = 500)
  void reducingSmoothedPiecesThenStitchingEqualsReducingTheSmoothedWhole(
      @ForAll("dyadicScores") double[] scores,
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 120) Integer> cuts,
      @ForAll @IntRange(min = 0, max = 12) int h,
      @ForAll @LongRange(min = 0, max = 1_000_000L) long firstFrame,
      @ForAll("dyadicThresholds") double threshold,
      @ForAll Random random) {
    List<ScoreRun> pieces = new ArrayList<>();
    int[] bounds = bounds(scores.length, cuts);
    Map<Long, ScoreSmoothing.Neighbours> neighbours =
        ScoreSmoothing.neighbours(shuffledEdges(scores, bounds, firstFrame, h, random), h);
    for (int i = 0; i + 1 < bounds.length; i++) {
      long first = firstFrame + bounds[i];
      ScoreSmoothing.Neighbours next = neighbours.get(first);
      double[] part = Arrays.copyOfRange(scores, bounds[i], bounds[i + 1]);
      pieces.addAll(RunReducer.runs(first,
          ScoreSmoothing.median(next.before(), part, next.after(), h), threshold));
    }

    assertThat(RunReducer.stitch(pieces))
        .isEqualTo(RunReducer.runs(firstFrame, ScoreSmoothing.median(scores, h), threshold));
  }

  @Property(tries = 200)
  void aZeroHalfWindowLeavesTheScoresAsTheyAre(
      @ForAll @Size(max = 100) List<@DoubleRange(min = 0, max = 1) Double> scoreList) {
    double[] scores = toArray(scoreList);
    assertThat(ScoreSmoothing.median(scores, 0)).containsExactly(scores);
  }

  @Property(tries = 200)
  void aConstantSequenceStaysConstant(
      @ForAll @DoubleRange(min = 0, max = 1) double score,
      @ForAll @IntRange(min = 0, max = 100) int length,
      @ForAll @IntRange(min = 0, max = 30) int h) {
    double[] scores = new double[length];
    Arrays.fill(scores, score);
    assertThat(ScoreSmoothing.median(scores, h)).containsExactly(scores);
  }

  /** A step with more than h frames on each side is a step at the same frame after smoothing. */
  @Property(tries = 300)
  void aStepStaysAtTheSameFrame(
      @ForAll @IntRange(min = 0, max = 15) int h,
      @ForAll @IntRange(min = 1, max = 40) int extraLow,
      @ForAll @IntRange(min = 1, max = 40) int extraHigh,
      @ForAll @DoubleRange(min = 0, max = 0.5) double low,
      @ForAll @DoubleRange(min = 0.5, max = 1) double high,
      @ForAll boolean rising) {
    int lowFrames = h + extraLow;
    int highFrames = h + extraHigh;
    double[] scores = new double[lowFrames + highFrames];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (i < lowFrames) == rising ? low : high;
    }
    assertThat(ScoreSmoothing.median(scores, h)).containsExactly(scores);
  }

  /** Monotone scores stay monotone, with no value that was not a raw score. */
  @Property(tries = 300)
  void monotoneScoresStayMonotone(
      @ForAll @Size(max = 100) List<@DoubleRange(min = 0, max = 1) Double> scoreList,
      @ForAll @IntRange(min = 0, max = 20) int h) {
    double[] scores = toArray(scoreList);
    Arrays.sort(scores);
    double[] smoothed = ScoreSmoothing.median(scores, h);
    for (int i = 1; i < smoothed.length; i++) {
      assertThat(smoothed[i]).isGreaterThanOrEqualTo(smoothed[i - 1]);
    }
    for (double value : smoothed) {
      assertThat(Arrays.binarySearch(scores, value)).isNotNegative();
    }
  }

  /**
   * Inside a stretch, up to h high frames among low ones vanish and up to h low frames among high
   * ones are filled. Inside means at least 2h frames from the stretch's ends, so that every window
   * reaching the blip is whole (a truncated window of even size takes the lower middle score).
   */
  @Property(tries = 300)
  void spikesAndDipsOfAtMostHalfAWindowInsideAStretchAreRemoved(
      @ForAll @IntRange(min = 1, max = 15) int h,
      @ForAll @IntRange(min = 1, max = 15) int blipSeed,
      @ForAll @IntRange(min = 0, max = 30) int extraBefore,
      @ForAll @IntRange(min = 0, max = 30) int extraAfter,
      @ForAll boolean spike) {
    int blip = 1 + (blipSeed - 1) % h;
    double background = spike ? 0.1 : 0.99;
    int start = 2 * h + extraBefore;
    double[] scores = new double[start + blip + 2 * h + extraAfter];
    Arrays.fill(scores, background);
    Arrays.fill(scores, start, start + blip, spike ? 0.99 : 0.1);
    double[] flat = new double[scores.length];
    Arrays.fill(flat, background);

    assertThat(ScoreSmoothing.median(scores, h)).containsExactly(flat);
  }

  @Property(tries = 200)
  void neighboursDoNotDependOnTheOrderOfTheEdges(
      @ForAll("dyadicScores") double[] scores,
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 120) Integer> cuts,
      @ForAll @IntRange(min = 0, max = 12) int h,
      @ForAll Random random) {
    int[] bounds = bounds(scores.length, cuts);
    Map<Long, ScoreSmoothing.Neighbours> ordered =
        ScoreSmoothing.neighbours(edges(scores, bounds, 0, h), h);
    Map<Long, ScoreSmoothing.Neighbours> shuffled =
        ScoreSmoothing.neighbours(shuffledEdges(scores, bounds, 0, h, random), h);
    assertThat(shuffled.keySet()).isEqualTo(ordered.keySet());
    for (Map.Entry<Long, ScoreSmoothing.Neighbours> entry : ordered.entrySet()) {
      assertThat(shuffled.get(entry.getKey()).before()).containsExactly(entry.getValue().before());
      assertThat(shuffled.get(entry.getKey()).after()).containsExactly(entry.getValue().after());
    }
  }

  /** The scores cut at the given points, smoothed piece by piece, concatenated. */
  private static double[] smoothPieces(double[] scores, List<Integer> cuts, long firstFrame,
      int h, Random random) {
    int[] bounds = bounds(scores.length, cuts);
    Map<Long, ScoreSmoothing.Neighbours> neighbours =
        ScoreSmoothing.neighbours(shuffledEdges(scores, bounds, firstFrame, h, random), h);
    double[] out = new double[scores.length];
    for (int i = 0; i + 1 < bounds.length; i++) {
      ScoreSmoothing.Neighbours next = neighbours.get(firstFrame + bounds[i]);
      double[] part = Arrays.copyOfRange(scores, bounds[i], bounds[i + 1]);
      double[] smoothed = ScoreSmoothing.median(next.before(), part, next.after(), h);
      System.arraycopy(smoothed, 0, out, bounds[i], smoothed.length);
    }
    return out;
  }

  /** Piece boundaries from the cut points, clamped; repeated points make pieces with no frames. */
  private static int[] bounds(int length, List<Integer> cuts) {
    int[] bounds = new int[cuts.size() + 2];
    for (int i = 0; i < cuts.size(); i++) {
      bounds[i + 1] = Math.min(cuts.get(i), length);
    }
    bounds[bounds.length - 1] = length;
    Arrays.sort(bounds);
    return bounds;
  }

  private static List<ScoreSmoothing.Edge> edges(double[] scores, int[] bounds, long firstFrame,
      int h) {
    List<ScoreSmoothing.Edge> edges = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      edges.add(ScoreSmoothing.Edge.of(firstFrame + bounds[i],
          Arrays.copyOfRange(scores, bounds[i], bounds[i + 1]), h));
    }
    return edges;
  }

  private static List<ScoreSmoothing.Edge> shuffledEdges(double[] scores, int[] bounds,
      long firstFrame, int h, Random random) {
    List<ScoreSmoothing.Edge> edges = edges(scores, bounds, firstFrame, h);
    Collections.shuffle(edges, random);
    return edges;
  }

  private static boolean[] allScored(int length) {
    boolean[] scored = new boolean[length];
    Arrays.fill(scored, true);
    return scored;
  }

  private static double[] toArray(List<Double> scores) {
    return scores.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Provide
  Arbitrary<double[]> dyadicScores() {
    return Arbitraries.integers().between(0, 16).map(i -> i / 16.0)
        .list().ofMaxSize(120)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Provide
  Arbitrary<Double> dyadicThresholds() {
    return Arbitraries.integers().between(0, 16).map(i -> i / 16.0);
  }
}
