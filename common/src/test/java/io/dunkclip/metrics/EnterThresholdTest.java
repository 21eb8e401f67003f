package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnterThresholdTest {
  private static final double[] ALPHABET = {0.0, 0.35, 0.6, 0.8, 1.0};
  private static final double EXIT = 0.3;
  private static final List<List<FrameRange>> TRUTHS = List.of(
      List.of(),
      List.of(FrameRange.of(1, 3)),
      List.of(FrameRange.of(0, 1), FrameRange.of(4, 5)),
      List.of(FrameRange.of(2, 5)));

  /** Every score sequence of 6 frames over 5 values, against several truths: the oracle sweeps a fine grid. */
  @Test
  void theChoiceReachesTheBestClipF1OfAFineSweepAndSitsInTheMiddleOfItsStep() {
    int checked = 0;
    for (List<FrameRange> truth : TRUTHS) {
      for (int code = 0; code < 5 * 5 * 5 * 5 * 5 * 5; code++) {
        double[] scores = new double[6];
        int c = code;
        for (int i = 0; i < 6; i++) {
          scores[i] = ALPHABET[c % 5];
          c /= 5;
        }
        EnterThreshold.Tape tape = new EnterThreshold.Tape(scores, truth, 1, 1);
        EnterThreshold.Choice choice = EnterThreshold.choose(List.of(tape), EXIT);
        if (java.util.Arrays.stream(scores).allMatch(score -> score < EXIT)) {
          assertThat(choice.enter()).as("no run: nothing to choose").isEqualTo(EXIT);
          checked++;
          continue;
        }
        double best = -1;
        for (int step = 0; step <= 1000; step++) {
          best = Math.max(best, f1(tape, EXIT + (1 - EXIT) * step / 1000.0));
        }
        assertThat(choice.clipF1()).isEqualTo(best);
        assertThat(f1(tape, choice.enter())).as("F1 at the chosen enter").isEqualTo(best);
        assertThat(choice.enter()).isBetween(EXIT, 1.0);
        // The highest step with the best F1: every enter above the step does worse.
        for (int step = 0; step <= 1000; step++) {
          double enter = EXIT + (1 - EXIT) * step / 1000.0;
          if (enter > choice.stepHigh()) {
            assertThat(f1(tape, enter)).as("F1 at %s above the step", enter).isLessThan(best);
          }
        }
        // The middle of the step, and no peak inside it.
        assertThat(choice.enter()).isEqualTo(Math.max(EXIT, (choice.stepLow() + choice.stepHigh()) / 2));
        for (var run : RunReducer.runs(0, scores, EXIT)) {
          assertThat(run.maxScore() > choice.stepLow() && run.maxScore() < choice.stepHigh()).isFalse();
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4 * 15625);
  }

  @Test
  void aWeakBlipOnTheValidationTapeIsDroppedAndTheDunkKept() {
    double[] scores = new double[60];
    for (int i = 5; i < 12; i++) {
      scores[i] = 0.45; // a ball rolling through: weak
    }
    for (int i = 30; i < 50; i++) {
      scores[i] = 0.99; // a dunk
    }
    EnterThreshold.Choice choice = EnterThreshold.choose(List.of(new EnterThreshold.Tape(scores,
        List.of(FrameRange.of(30, 49)), 3, 5)), 0.4);
    assertThat(choice.clipF1()).isEqualTo(1.0);
    assertThat(choice.enter()).isCloseTo(0.72, org.assertj.core.data.Offset.offset(1e-9));
    // Without a blip the enter sits halfway between the exit threshold and the weakest dunk's peak.
    double[] clean = scores.clone();
    java.util.Arrays.fill(clean, 5, 12, 0.0);
    EnterThreshold.Choice plain = EnterThreshold.choose(List.of(new EnterThreshold.Tape(clean,
        List.of(FrameRange.of(30, 49)), 3, 5)), 0.4);
    assertThat(plain.enter()).isCloseTo(0.695, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(EnterThreshold.choose(List.of(new EnterThreshold.Tape(new double[10], List.of(), 1, 0)), 0.4)
        .enter()).isEqualTo(0.4);
  }

  private static double f1(EnterThreshold.Tape tape, double enter) {
    List<FrameRange> clips = new ArrayList<>();
    for (Clip clip : ClipBuilder.clips(RunReducer.runs(0, tape.scores(), EXIT), tape.scores().length,
        new ClipPolicy(enter, EXIT, tape.minFrames(), tape.maxGapFrames(), 0, 0))) {
      clips.add(clip.range());
    }
    return Evaluator.evaluate(Map.of("t", tape.truth()), Map.of("t", clips), EnterThreshold.IOU).clips().f1();
  }
}
