package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeCorrectionTest {
  private static final double ENTER = 0.8;
  private static final double EXIT = 0.5;

  @Test
  void clipsFoundLateAndEndedEarlyByTheSameFramesAreWidenedBackToTheirLabelsExactly() {
    Random random = new Random(12);
    for (int trial = 0; trial < 2000; trial++) {
      int late = random.nextInt(6);
      int early = random.nextInt(6);
      double fps = random.nextBoolean() ? 15 : 30;
      List<EnterThreshold.Tape> tapes = new ArrayList<>();
      int tapeCount = 1 + random.nextInt(3);
      for (int t = 0; t < tapeCount; t++) {
        tapes.add(tape(random, late, early));
      }
      double[] rates = new double[tapeCount];
      java.util.Arrays.fill(rates, fps);

      EdgeCorrection.Correction correction = EdgeCorrection.measure(tapes, rates, ENTER, EXIT);

      int clips = tapes.stream().mapToInt(t -> t.truth().size()).sum();
      assertThat(correction.matches()).isEqualTo(clips);
      assertThat(correction.beforeSeconds()).isCloseTo(late / fps, offset(1e-12));
      assertThat(correction.afterSeconds()).isCloseTo(early / fps, offset(1e-12));
      // Detect's rule: pads of round(seconds * fps) frames give back the labelled clips.
      for (EnterThreshold.Tape tape : tapes) {
        ClipPolicy padded = new ClipPolicy(ENTER, EXIT, tape.minFrames(), tape.maxGapFrames(),
            Math.round(correction.beforeSeconds() * fps), Math.round(correction.afterSeconds() * fps));
        List<FrameRange> found = new ArrayList<>();
        for (Clip clip : ClipBuilder.clips(RunReducer.runs(0, tape.scores(), EXIT), tape.scores().length, padded)) {
          found.add(clip.range());
        }
        assertThat(found).isEqualTo(tape.truth());
      }
    }
  }

  @Test
  void eachSideIsTheLowerMedianOverTheMatchedClipsAndNeverNegative() {
    // Three clips on one tape at 10 fps: found 2, 0 and 5 frames late; ending 1 frame late, 3 and 4 frames early.
    double[] scores = new double[200];
    fill(scores, 22, 42);
    fill(scores, 70, 87);
    fill(scores, 125, 147);
    List<FrameRange> truth = List.of(FrameRange.of(20, 40), FrameRange.of(70, 89), FrameRange.of(120, 150));
    EdgeCorrection.Correction correction = EdgeCorrection.measure(
        List.of(new EnterThreshold.Tape(scores, truth, 1, 0)), new double[] {10}, ENTER, EXIT);
    assertThat(correction.matches()).isEqualTo(3);
    assertThat(correction.beforeSeconds()).isCloseTo(0.2, offset(1e-12));
    assertThat(correction.afterSeconds()).isCloseTo(0.3, offset(1e-12));

    double[] earlyStart = new double[100];
    fill(earlyStart, 10, 50);
    EdgeCorrection.Correction none = EdgeCorrection.measure(
        List.of(new EnterThreshold.Tape(earlyStart, List.of(FrameRange.of(15, 45)), 1, 0)), new double[] {10}, ENTER,
        EXIT);
    assertThat(none.beforeSeconds()).as("a model that starts early is not trimmed").isZero();
    assertThat(none.afterSeconds()).isZero();
    assertThat(none.matches()).isEqualTo(1);
  }

  @Test
  void withoutAMatchedClipThereIsNoCorrection() {
    double[] scores = new double[100];
    fill(scores, 60, 70);
    assertThat(EdgeCorrection.measure(List.of(new EnterThreshold.Tape(scores, List.of(FrameRange.of(10, 30)), 1, 0)),
        new double[] {25}, ENTER, EXIT)).isEqualTo(EdgeCorrection.Correction.NONE);
    assertThat(EdgeCorrection.measure(List.of(), new double[0], ENTER, EXIT))
        .isEqualTo(EdgeCorrection.Correction.NONE);
    assertThatThrownBy(() -> EdgeCorrection.measure(List.of(new EnterThreshold.Tape(scores, List.of(), 1, 0)),
        new double[] {0}, ENTER, EXIT)).hasMessageContaining("has no frame rate (fps=0.0)");
  }

  @Test
  void theLowerMedianIsTheNaiveMiddleOfTheSortedValues() {
    Random random = new Random(3);
    for (int trial = 0; trial < 5000; trial++) {
      List<Double> values = new ArrayList<>();
      int n = 1 + random.nextInt(7);
      for (int i = 0; i < n; i++) {
        values.add((double) random.nextInt(9) - 3);
      }
      long below;
      double median = EdgeCorrection.lowerMedian(values);
      below = values.stream().filter(v -> v < median).count();
      long atMost = values.stream().filter(v -> v <= median).count();
      // At least half (rounded up) are at most the median, and fewer than half (rounded up) are below it.
      assertThat(atMost).isGreaterThanOrEqualTo((n + 1) / 2);
      assertThat(below).isLessThan((n + 1) / 2);
      assertThat(values).contains(median);
    }
  }

  /** A tape with 1-3 labelled clips, each found {@code late} frames late and ending {@code early} frames early. */
  private static EnterThreshold.Tape tape(Random random, int late, int early) {
    int length = 400;
    double[] scores = new double[length];
    List<FrameRange> truth = new ArrayList<>();
    int at = 10 + random.nextInt(20);
    int clips = 1 + random.nextInt(3);
    for (int c = 0; c < clips && at + 60 < length - 10; c++) {
      int first = at;
      int last = first + 20 + random.nextInt(40);
      truth.add(FrameRange.of(first, last));
      for (int f = first + late; f <= last - early; f++) {
        scores[f] = 0.55 + 0.44 * random.nextDouble();
      }
      scores[first + late + (last - early - first - late) / 2] = 0.95;
      at = last + 40 + random.nextInt(40);
    }
    return new EnterThreshold.Tape(scores, truth, 1, 0);
  }

  private static void fill(double[] scores, int from, int toExclusive) {
    for (int f = from; f < toExclusive; f++) {
      scores[f] = 0.9;
    }
  }
}
