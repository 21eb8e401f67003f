package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The matching against a brute-force maximum over all one-to-one matchings. */
class ClipMatcherTest {

  @Property(tries = 500)
  void matchingHasMaximumCardinalityEvenWhenRangesOverlap(
      @ForAll("anyRanges") List<FrameRange> truth,
      @ForAll("anyRanges") List<FrameRange> predicted,
      @ForAll("thresholds") double threshold) {
    List<ClipMatcher.Pair> pairs = ClipMatcher.match(truth, predicted, threshold);

    assertValidMatching(pairs, truth, predicted, threshold);
    assertThat(pairs).hasSize(bruteForceMaximum(truth, predicted, threshold));
  }

  @Property(tries = 500)
  void greedyAloneIsMaximumForDisjointRangesFromOneHalfUp(
      @ForAll("disjointRanges") List<FrameRange> truth,
      @ForAll("disjointRanges") List<FrameRange> predicted,
      @ForAll("halfOrMore") double threshold) {
    assertThat(matchedCount(ClipMatcher.greedy(truth, predicted, threshold)))
        .isEqualTo(bruteForceMaximum(truth, predicted, threshold));
  }

  /**
   * Every pair of sets of disjoint ranges inside 7 frames (610 sets each side), at the threshold
   * where a range can first match two others: greedy is maximum in all of them.
   */
  @Example
  void greedyAloneIsMaximumForEverySmallDisjointCaseAtOneHalf() {
    List<List<FrameRange>> sets = new ArrayList<>();
    enumerateDisjoint(0, 7, new ArrayList<>(), sets);
    assertThat(sets.size()).isEqualTo(610);
    int starsSeen = 0;
    for (List<FrameRange> truth : sets) {
      for (List<FrameRange> predicted : sets) {
        int greedy = matchedCount(ClipMatcher.greedy(truth, predicted, 0.5));
        int maximum = bruteForceMaximum(truth, predicted, 0.5);
        if (greedy != maximum) {
          assertThat(greedy).as("greedy on %s vs %s", truth, predicted).isEqualTo(maximum);
        }
        starsSeen += candidateCount(truth, predicted, 0.5) > maximum ? 1 : 0;
      }
    }
    // Cases with more candidate pairs than matches exist, so the claim is not vacuous.
    assertThat(starsSeen).isPositive();
  }

  @Example
  void greedyAloneMissesAMatchBelowOneHalf() {
    List<FrameRange> truth = List.of(FrameRange.of(0, 9), FrameRange.of(10, 19));
    List<FrameRange> predicted = List.of(FrameRange.of(6, 15), FrameRange.of(16, 40));

    assertThat(matchedCount(ClipMatcher.greedy(truth, predicted, 0.1))).isEqualTo(1);
    assertThat(ClipMatcher.match(truth, predicted, 0.1)).extracting(ClipMatcher.Pair::predicted)
        .containsExactly(0, 1);
  }

  @Example
  void greedyPrefersTheHigherIou() {
    List<FrameRange> truth = List.of(FrameRange.of(0, 9));
    List<FrameRange> predicted = List.of(FrameRange.of(0, 7), FrameRange.of(1, 9));
    // IoU 0.8 and 0.9: the second prediction wins.
    assertThat(ClipMatcher.match(truth, predicted, 0.5))
        .containsExactly(new ClipMatcher.Pair(0, 1, 0.9));
  }

  @Example
  void equalIousBreakTiesByEarlierPrediction() {
    List<FrameRange> truth = List.of(FrameRange.of(0, 3));
    List<FrameRange> predicted = List.of(FrameRange.of(0, 1), FrameRange.of(2, 3));
    assertThat(ClipMatcher.match(truth, predicted, 0.5))
        .containsExactly(new ClipMatcher.Pair(0, 0, 0.5));
  }

  private static void assertValidMatching(List<ClipMatcher.Pair> pairs, List<FrameRange> truth,
      List<FrameRange> predicted, double threshold) {
    Set<Integer> truths = new HashSet<>();
    Set<Integer> predictions = new HashSet<>();
    for (ClipMatcher.Pair pair : pairs) {
      assertThat(truths.add(pair.truth())).isTrue();
      assertThat(predictions.add(pair.predicted())).isTrue();
      double iou = truth.get(pair.truth()).iou(predicted.get(pair.predicted()));
      assertThat(pair.iou()).isEqualTo(iou).isGreaterThanOrEqualTo(threshold);
    }
  }

  static int bruteForceMaximum(
      List<FrameRange> truth, List<FrameRange> predicted, double threshold) {
    return bruteForce(0, truth, predicted, threshold, new boolean[predicted.size()]);
  }

  /** Best over: leave true clip t unmatched, or match it to any free candidate prediction. */
  private static int bruteForce(int t, List<FrameRange> truth, List<FrameRange> predicted,
      double threshold, boolean[] used) {
    if (t == truth.size()) {
      return 0;
    }
    int best = bruteForce(t + 1, truth, predicted, threshold, used);
    for (int p = 0; p < predicted.size(); p++) {
      if (!used[p] && truth.get(t).iou(predicted.get(p)) >= threshold) {
        used[p] = true;
        best = Math.max(best, 1 + bruteForce(t + 1, truth, predicted, threshold, used));
        used[p] = false;
      }
    }
    return best;
  }

  private static int matchedCount(int[] predictedOfTruth) {
    int count = 0;
    for (int p : predictedOfTruth) {
      count += p >= 0 ? 1 : 0;
    }
    return count;
  }

  private static int candidateCount(
      List<FrameRange> truth, List<FrameRange> predicted, double threshold) {
    int count = 0;
    for (FrameRange t : truth) {
      for (FrameRange p : predicted) {
        count += t.iou(p) >= threshold ? 1 : 0;
      }
    }
    return count;
  }

  /** All sorted lists of disjoint (possibly touching) ranges inside [from, frames). */
  private static void enumerateDisjoint(
      int from, int frames, List<FrameRange> current, List<List<FrameRange>> out) {
    if (from == frames) {
      out.add(List.copyOf(current));
      return;
    }
    for (int last = from; last < frames; last++) {
      current.add(FrameRange.of(from, last));
      enumerateDisjoint(last + 1, frames, current, out);
      current.remove(current.size() - 1);
    }
    enumerateDisjoint(from + 1, frames, current, out);
  }

  @Provide
  Arbitrary<List<FrameRange>> anyRanges() {
    Arbitrary<FrameRange> range = Combinators.combine(
        Arbitraries.longs().between(0, 30), Arbitraries.longs().between(1, 12))
        .as((first, length) -> FrameRange.of(first, first + length - 1));
    return range.list().ofMaxSize(6).map(list -> list.stream().sorted().toList());
  }

  @Provide
  Arbitrary<List<FrameRange>> disjointRanges() {
    Arbitrary<long[]> gapAndLength = Combinators.combine(
        Arbitraries.longs().between(0, 6), Arbitraries.longs().between(1, 12))
        .as((gap, length) -> new long[] {gap, length});
    return gapAndLength.list().ofMaxSize(7).map(steps -> {
      List<FrameRange> ranges = new ArrayList<>();
      long next = 0;
      for (long[] step : steps) {
        long first = next + step[0];
        ranges.add(FrameRange.of(first, first + step[1] - 1));
        next = first + step[1];
      }
      return ranges;
    });
  }

  @Provide
  Arbitrary<Double> thresholds() {
    return Arbitraries.oneOf(
        Arbitraries.of(0.05, 0.1, 0.2, 1.0 / 3, 0.5, 2.0 / 3, 1.0),
        Arbitraries.doubles().between(0.01, 1.0));
  }

  @Provide
  Arbitrary<Double> halfOrMore() {
    return Arbitraries.oneOf(Arbitraries.of(0.5, 1.0), Arbitraries.doubles().between(0.5, 1.0));
  }
}
