package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EvaluatorTest {

  private static FrameRange r(long first, long last) {
    return FrameRange.of(first, last);
  }

  @Example
  void perfectPredictionsScoreOne() {
    Map<String, List<FrameRange>> truth = Map.of("a.mp4", List.of(r(10, 19), r(40, 44)));
    Evaluation evaluation = Evaluator.evaluate(truth, truth, 0.5);

    assertThat(evaluation.frames()).isEqualTo(new Counts(15, 0, 0));
    assertThat(evaluation.clips()).isEqualTo(new Counts(2, 0, 0));
    assertThat(evaluation.meanStartErrorFrames()).isZero();
    assertThat(evaluation.meanEndErrorFrames()).isZero();
    assertThat(evaluation.matches()).containsExactly(
        new ClipMatch(r(10, 19), r(10, 19), 1.0), new ClipMatch(r(40, 44), r(40, 44), 1.0));
  }

  @Example
  void boundaryErrorsAreMeanAbsoluteFrameDifferences() {
    Evaluation evaluation = Evaluator.evaluate(
        Map.of("a", List.of(r(10, 19), r(100, 119))),
        Map.of("a", List.of(r(12, 19), r(96, 121))),
        0.5);

    assertThat(evaluation.clips()).isEqualTo(new Counts(2, 0, 0));
    assertThat(evaluation.meanStartErrorFrames()).isEqualTo((2 + 4) / 2.0);
    assertThat(evaluation.meanEndErrorFrames()).isEqualTo((0 + 2) / 2.0);
  }

  @Example
  void aVideoOnOneSideOnlyStillCounts() {
    Evaluation evaluation = Evaluator.evaluate(
        Map.of("missed.mp4", List.of(r(0, 9))),
        Map.of("invented.mp4", List.of(r(5, 7), r(20, 20))),
        0.5);

    assertThat(evaluation.frames()).isEqualTo(new Counts(0, 4, 10));
    assertThat(evaluation.clips()).isEqualTo(new Counts(0, 2, 1));
    assertThat(evaluation.meanStartErrorFrames()).isNaN();
    assertThat(evaluation.meanEndErrorFrames()).isNaN();
    assertThat(evaluation.matches()).isEmpty();
  }

  @Example
  void aPairBelowTheThresholdDoesNotMatchButItsFramesCount() {
    // IoU of [0,9] and [5,14] is 5/15.
    Evaluation evaluation = Evaluator.evaluate(
        Map.of("a", List.of(r(0, 9))), Map.of("a", List.of(r(5, 14))), 0.5);
    assertThat(evaluation.clips()).isEqualTo(new Counts(0, 1, 1));
    assertThat(evaluation.frames()).isEqualTo(new Counts(5, 5, 5));

    Evaluation lenient = Evaluator.evaluate(
        Map.of("a", List.of(r(0, 9))), Map.of("a", List.of(r(5, 14))), 1.0 / 3);
    assertThat(lenient.clips()).isEqualTo(new Counts(1, 0, 0));
  }

  @Example
  void aTrueClipMatchesOnePredictionOnly() {
    Evaluation evaluation = Evaluator.evaluate(
        Map.of("a", List.of(r(0, 9))),
        Map.of("a", List.of(r(0, 8), r(1, 9))),
        0.5);
    assertThat(evaluation.clips()).isEqualTo(new Counts(1, 1, 0));
    // Overlapping predictions count their shared frames once.
    assertThat(evaluation.frames()).isEqualTo(new Counts(10, 0, 0));
  }

  @Example
  void matchesAreOrderedByVideoThenByTrueClip() {
    Map<String, List<FrameRange>> truth = new HashMap<>();
    truth.put("b", List.of(r(50, 59), r(0, 9)));
    truth.put("a", List.of(r(7, 7)));
    Evaluation evaluation = Evaluator.evaluate(truth, truth, 1.0);
    assertThat(evaluation.matches()).extracting(ClipMatch::truth)
        .containsExactly(r(7, 7), r(0, 9), r(50, 59));
  }

  @Example
  void nothingAnywhereIsPerfect() {
    Evaluation evaluation = Evaluator.evaluate(Map.of("a", List.of()), Map.of(), 0.5);
    assertThat(evaluation.frames()).isEqualTo(Counts.ZERO);
    assertThat(evaluation.clips().f1()).isEqualTo(1.0);
  }

  @Example
  void matchesAreImmutable() {
    Evaluation evaluation = Evaluator.evaluate(
        Map.of("a", List.of(r(0, 9))), Map.of("a", List.of(r(0, 9))), 0.5);
    assertThatThrownBy(() -> evaluation.matches().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Example
  void rejectsAThresholdOutsideZeroExclusiveToOne() {
    for (double threshold : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> Evaluator.evaluate(Map.of(), Map.of(), threshold))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Cannot evaluate clips: the IoU threshold must be in (0, 1]"
              + " (iou-threshold=" + threshold + ")");
    }
  }

  /** Frame-level counts against marking frames in boolean arrays, video by video. */
  @Property(tries = 500)
  void frameCountsMatchMarkingFrames(
      @ForAll("videos") Map<String, List<FrameRange>> truth,
      @ForAll("videos") Map<String, List<FrameRange>> predicted,
      @ForAll("thresholds") double threshold) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (String video : List.of("a", "b", "c")) {
      boolean[] isTrue = mark(truth.getOrDefault(video, List.of()));
      boolean[] isPredicted = mark(predicted.getOrDefault(video, List.of()));
      for (int frame = 0; frame < isTrue.length; frame++) {
        tp += isTrue[frame] && isPredicted[frame] ? 1 : 0;
        fp += !isTrue[frame] && isPredicted[frame] ? 1 : 0;
        fn += isTrue[frame] && !isPredicted[frame] ? 1 : 0;
      }
    }
    Evaluation evaluation = Evaluator.evaluate(truth, predicted, threshold);

    assertThat(evaluation.frames()).isEqualTo(new Counts(tp, fp, fn));
    long trueClips = truth.values().stream().mapToLong(List::size).sum();
    long predictedClips = predicted.values().stream().mapToLong(List::size).sum();
    Counts clips = evaluation.clips();
    assertThat(clips.truePositives() + clips.falseNegatives()).isEqualTo(trueClips);
    assertThat(clips.truePositives() + clips.falsePositives()).isEqualTo(predictedClips);
    assertThat(evaluation.matches()).hasSize((int) clips.truePositives());
    assertThat(evaluation.matches())
        .allSatisfy(match -> assertThat(match.iou()).isGreaterThanOrEqualTo(threshold));
  }

  private static boolean[] mark(List<FrameRange> ranges) {
    boolean[] marks = new boolean[64];
    for (FrameRange range : ranges) {
      for (long frame = range.first(); frame <= range.last(); frame++) {
        marks[(int) frame] = true;
      }
    }
    return marks;
  }

  @Provide
  Arbitrary<Map<String, List<FrameRange>>> videos() {
    Arbitrary<FrameRange> range = Combinators.combine(
        Arbitraries.longs().between(0, 50), Arbitraries.longs().between(1, 12))
        .as((first, length) -> FrameRange.of(first, first + length - 1));
    Arbitrary<List<FrameRange>> ranges = range.list().ofMaxSize(5);
    return Combinators.combine(ranges, ranges, ranges, Arbitraries.integers().between(0, 7))
        .as((a, b, c, present) -> {
          Map<String, List<FrameRange>> byVideo = new TreeMap<>();
          List<List<FrameRange>> lists = new ArrayList<>(List.of(a, b, c));
          for (int i = 0; i < 3; i++) {
            if ((present & 1 << i) != 0) {
              byVideo.put(List.of("a", "b", "c").get(i), lists.get(i));
            }
          }
          return byVideo;
        });
  }

  @Provide
  Arbitrary<Double> thresholds() {
    return Arbitraries.of(0.1, 0.3, 0.5, 0.7, 1.0);
  }
}
