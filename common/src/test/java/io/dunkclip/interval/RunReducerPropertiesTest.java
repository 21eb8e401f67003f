package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
 * Partition independence: however a video's frames are cut into contiguous partitions, reducing
 * each partition and stitching gives the runs of the whole video.
 */
class RunReducerPropertiesTest {

  /**
   * Scores are multiples of 1/16, so every partial sum is exact and the runs must be equal to the
   * last bit, scoreSum included.
   */
  @Property(tries = 500)
  void reducingPartitionsThenStitchingEqualsReducingTheWhole(
      @ForAll("dyadicScores") double[] scores,
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 60) Integer> cuts,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long firstFrame,
      @ForAll("dyadicThresholds") double threshold) {
    List<ScoreRun> pieces = reducePartitions(scores, cuts, firstFrame, threshold);

    assertThat(RunReducer.stitch(pieces))
        .isEqualTo(RunReducer.runs(firstFrame, scores, threshold));
  }

  /** Arbitrary scores: everything but scoreSum must match exactly, scoreSum up to rounding. */
  @Property(tries = 500)
  void stitchingArbitraryScoresMatchesUpToSummationOrder(
      @ForAll @Size(max = 60) List<@DoubleRange(min = 0, max = 1) Double> scoreList,
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 60) Integer> cuts,
      @ForAll @DoubleRange(min = 0, max = 1) double threshold) {
    double[] scores = scoreList.stream().mapToDouble(Double::doubleValue).toArray();
    List<ScoreRun> stitched = RunReducer.stitch(reducePartitions(scores, cuts, 0, threshold));
    List<ScoreRun> whole = RunReducer.runs(0, scores, threshold);

    assertThat(stitched).hasSameSizeAs(whole);
    for (int i = 0; i < whole.size(); i++) {
      assertThat(stitched.get(i).range()).isEqualTo(whole.get(i).range());
      assertThat(stitched.get(i).maxScore()).isEqualTo(whole.get(i).maxScore());
      assertThat(stitched.get(i).scoreSum()).isCloseTo(whole.get(i).scoreSum(), within(1e-9));
    }
  }

  @Property(tries = 500)
  void stitchIgnoresTheOrderOfItsInput(
      @ForAll("dyadicScores") double[] scores,
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 60) Integer> cuts,
      @ForAll("dyadicThresholds") double threshold,
      @ForAll Random random) {
    List<ScoreRun> pieces = reducePartitions(scores, cuts, 0, threshold);
    List<ScoreRun> shuffled = new ArrayList<>(pieces);
    Collections.shuffle(shuffled, random);

    assertThat(RunReducer.stitch(shuffled)).isEqualTo(RunReducer.stitch(pieces));
  }

  @Property(tries = 500)
  void runsAreSortedMaximalAndSeparated(
      @ForAll("dyadicScores") double[] scores, @ForAll("dyadicThresholds") double threshold) {
    List<ScoreRun> runs = RunReducer.runs(0, scores, threshold);
    boolean[] inRun = new boolean[scores.length];
    for (ScoreRun run : runs) {
      for (long frame = run.first(); frame <= run.last(); frame++) {
        inRun[(int) frame] = true;
      }
    }
    for (int i = 0; i < scores.length; i++) {
      assertThat(inRun[i]).isEqualTo(scores[i] >= threshold);
    }
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).first()).isGreaterThan(runs.get(i - 1).last() + 1);
    }
  }

  /**
   * Cuts the scores at the given points (clamped to the length; repeated points give empty
   * partitions) and reduces every partition with its own first frame.
   */
  static List<ScoreRun> reducePartitions(
      double[] scores, List<Integer> cuts, long firstFrame, double threshold) {
    int[] bounds = new int[cuts.size() + 2];
    for (int i = 0; i < cuts.size(); i++) {
      bounds[i + 1] = Math.min(cuts.get(i), scores.length);
    }
    bounds[bounds.length - 1] = scores.length;
    Arrays.sort(bounds);
    List<ScoreRun> pieces = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      double[] part = Arrays.copyOfRange(scores, bounds[i], bounds[i + 1]);
      pieces.addAll(RunReducer.runs(firstFrame + bounds[i], part, threshold));
    }
    return pieces;
  }

  @Provide
  Arbitrary<double[]> dyadicScores() {
    return Arbitraries.integers().between(0, 16).map(i -> i / 16.0)
        .list().ofMaxSize(60)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Provide
  Arbitrary<Double> dyadicThresholds() {
    return Arbitraries.integers().between(0, 16).map(i -> i / 16.0);
  }
}
