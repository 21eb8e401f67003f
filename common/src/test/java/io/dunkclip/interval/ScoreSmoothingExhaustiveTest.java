package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every sequence of length 0 to 6 over three scores and "not scored" (5,461 sequences), cut into
 * pieces in every possible way (every subset of the gaps between frames), smoothed piece by piece
 * with the neighbours' edges for several half-windows, against the frame-by-frame oracle. The
 * half-windows reach over pieces shorter than them, and 6 spans every sequence. The scores are
 * dyadic, so stitched runs must equal the runs of the smoothed whole to the last bit.
 */
class ScoreSmoothingExhaustiveTest {

  private static final double NOT_SCORED = Double.NaN;
  private static final double[] ALPHABET = {0.25, 0.5, 1.0, NOT_SCORED};
  private static final int MAX_LENGTH = 6;
  private static final int[] HALF_WINDOWS = {0, 1, 2, 3, 6};
  private static final double[] THRESHOLDS = {0.5, 1.0};

  @Test
  void smoothingPiecesWithTheirNeighboursEdgesEqualsSmoothingTheWholeForEveryCut() {
    long cuts = 0;
    for (int length = 0; length <= MAX_LENGTH; length++) {
      int boundaries = Math.max(0, length - 1);
      for (double[] scores : sequences(length)) {
        boolean[] scored = new boolean[length];
        for (int i = 0; i < length; i++) {
          scored[i] = !Double.isNaN(scores[i]);
        }
        for (int h : HALF_WINDOWS) {
          double[] expected = NaiveOracle.smoothed(scores, scored, h);
          List<ScoreRun> expectedRuns0 = wholeRuns(expected, scored, THRESHOLDS[0]);
          List<ScoreRun> expectedRuns1 = wholeRuns(expected, scored, THRESHOLDS[1]);
          for (int mask = 0; mask < 1 << boundaries; mask++) {
            List<int[]> pieces = pieces(scored, mask);
            double[] actual = new double[length];
            Arrays.fill(actual, NOT_SCORED);
            List<ScoreRun> runs0 = new ArrayList<>();
            List<ScoreRun> runs1 = new ArrayList<>();
            smoothPieces(scores, pieces, h, actual, runs0, runs1);
            if (!Arrays.equals(actual, expected)) {
              assertThat(actual).as("%s cut %s, h=%s", Arrays.toString(scores), describe(pieces), h)
                  .containsExactly(expected);
            }
            if (!RunReducer.stitch(runs0).equals(expectedRuns0)
                || !RunReducer.stitch(runs1).equals(expectedRuns1)) {
              assertThat(List.of(RunReducer.stitch(runs0), RunReducer.stitch(runs1)))
                  .as("runs of %s cut %s, h=%s", Arrays.toString(scores), describe(pieces), h)
                  .isEqualTo(List.of(expectedRuns0, expectedRuns1));
            }
            cuts++;
          }
        }
      }
    }
    assertThat(cuts).isEqualTo(HALF_WINDOWS.length * 149_797L);
  }

  /** Each piece smoothed with the neighbours assembled from every piece's edge, then reduced. */
  private static void smoothPieces(double[] scores, List<int[]> pieces, int h, double[] into,
      List<ScoreRun> runs0, List<ScoreRun> runs1) {
    List<ScoreSmoothing.Edge> edges = new ArrayList<>();
    for (int[] piece : pieces) {
      edges.add(ScoreSmoothing.Edge.of(piece[0], part(scores, piece), h));
    }
    Map<Long, ScoreSmoothing.Neighbours> neighbours = ScoreSmoothing.neighbours(edges, h);
    assertThat(neighbours).hasSize(pieces.size());
    for (int[] piece : pieces) {
      ScoreSmoothing.Neighbours next = neighbours.get((long) piece[0]);
      double[] smoothed =
          ScoreSmoothing.median(next.before(), part(scores, piece), next.after(), h);
      System.arraycopy(smoothed, 0, into, piece[0], smoothed.length);
      runs0.addAll(RunReducer.runs(piece[0], smoothed, THRESHOLDS[0]));
      runs1.addAll(RunReducer.runs(piece[0], smoothed, THRESHOLDS[1]));
    }
  }

  /** The runs of the smoothed sequence, one stretch of scored frames at a time. */
  private static List<ScoreRun> wholeRuns(double[] smoothed, boolean[] scored, double threshold) {
    List<ScoreRun> runs = new ArrayList<>();
    for (int[] stretch : NaiveOracle.blocks(scored)) {
      runs.addAll(RunReducer.runs(stretch[0], part(smoothed, stretch), threshold));
    }
    return runs;
  }

  /**
   * The pieces, as {first, last} inclusive: the stretches of scored frames, cut further after
   * frame i when bit i of {@code mask} is set.
   */
  private static List<int[]> pieces(boolean[] scored, int mask) {
    List<int[]> pieces = new ArrayList<>();
    for (int[] stretch : NaiveOracle.blocks(scored)) {
      int first = stretch[0];
      for (int i = stretch[0]; i < stretch[1]; i++) {
        if ((mask & (1 << i)) != 0) {
          pieces.add(new int[] {first, i});
          first = i + 1;
        }
      }
      pieces.add(new int[] {first, stretch[1]});
    }
    return pieces;
  }

  private static double[] part(double[] scores, int[] range) {
    return Arrays.copyOfRange(scores, range[0], range[1] + 1);
  }

  private static String describe(List<int[]> pieces) {
    return pieces.stream().map(Arrays::toString).toList().toString();
  }

  /** All sequences of the given length over the alphabet, as an odometer. */
  private static List<double[]> sequences(int length) {
    List<double[]> all = new ArrayList<>();
    int count = (int) Math.pow(ALPHABET.length, length);
    for (int next = 0; next < count; next++) {
      double[] scores = new double[length];
      int digits = next;
      for (int i = 0; i < length; i++) {
        scores[i] = ALPHABET[digits % ALPHABET.length];
        digits /= ALPHABET.length;
      }
      all.add(scores);
    }
    return all;
  }
}
