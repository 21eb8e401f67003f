package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the clips for longer sequences and wider policies than the exhaustive test. */
class ClipBuilderPropertiesTest {

  @Property(tries = 500)
  void clipsAreSortedDisjointAndInsideTheVideo(
      @ForAll("scores") double[] scores,
      @ForAll("policies") ClipPolicy policy,
      @ForAll @IntRange(min = 0, max = 10) int framesAfterScores) {
    long frameCount = scores.length + framesAfterScores;
    List<Clip> clips = ClipBuilder.clips(
        RunReducer.runs(0, scores, policy.exitThreshold()), frameCount, policy);

    for (int i = 0; i < clips.size(); i++) {
      Clip clip = clips.get(i);
      assertThat(clip.range().first()).isGreaterThanOrEqualTo(0);
      assertThat(clip.range().last()).isLessThan(frameCount);
      assertThat(clip.detected().length()).isGreaterThanOrEqualTo(policy.minFrames());
      assertThat(scores[(int) clip.detected().first()]).isGreaterThanOrEqualTo(
          policy.exitThreshold());
      assertThat(scores[(int) clip.detected().last()]).isGreaterThanOrEqualTo(
          policy.exitThreshold());
      assertThat(clip.score()).isBetween(policy.exitThreshold() - 1e-12, 1.0 + 1e-12);
      if (i > 0) {
        // Disjoint and not touching: touching clips would have been merged.
        assertThat(clip.range().first()).isGreaterThan(clips.get(i - 1).range().last() + 1);
      }
    }
  }

  @Property(tries = 500)
  void clipsMatchTheOracleOnLongerSequences(
      @ForAll("scores") double[] scores, @ForAll("policies") ClipPolicy policy) {
    List<Clip> actual = ClipBuilder.clips(
        RunReducer.runs(0, scores, policy.exitThreshold()), scores.length, policy);
    List<Clip> expected = NaiveOracle.clips(scores, policy);

    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).range()).isEqualTo(expected.get(i).range());
      assertThat(actual.get(i).detected()).isEqualTo(expected.get(i).detected());
      assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-12));
    }
  }

  @Property(tries = 500)
  void singleThresholdPolicyTurnsEachRunIntoOneClip(
      @ForAll("scores") double[] scores, @ForAll @IntRange(min = 0, max = 16) int sixteenths) {
    double threshold = sixteenths / 16.0;
    List<ScoreRun> runs = RunReducer.runs(0, scores, threshold);
    List<Clip> clips = ClipBuilder.clips(runs, scores.length, ClipPolicy.threshold(threshold));

    assertThat(clips).hasSameSizeAs(runs);
    for (int i = 0; i < runs.size(); i++) {
      assertThat(clips.get(i).range()).isEqualTo(runs.get(i).range());
      assertThat(clips.get(i).detected()).isEqualTo(runs.get(i).range());
      assertThat(clips.get(i).score()).isEqualTo(runs.get(i).meanScore());
    }
  }

  @Provide
  Arbitrary<double[]> scores() {
    return Arbitraries.integers().between(0, 16).map(i -> i / 16.0)
        .list().ofMaxSize(40)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Provide
  Arbitrary<ClipPolicy> policies() {
    Arbitrary<Double> threshold = Arbitraries.integers().between(0, 16).map(i -> i / 16.0);
    Arbitrary<Long> small = Arbitraries.longs().between(0, 6);
    return Combinators.combine(threshold, threshold, small, small, small, small)
        .as((a, b, min, gap, before, after) -> new ClipPolicy(
            Math.max(a, b), Math.min(a, b), min + 1, gap, before, after));
  }
}
