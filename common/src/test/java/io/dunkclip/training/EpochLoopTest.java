package io.dunkclip.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * The epoch loop against a naive model of it over every short run: scores from a small alphabet where a higher score
 * is better, so the kept epoch after k epochs is simply the first epoch with the highest score among 1..k, and the run
 * ends at the first epoch that is the last one or lies {@code patience} epochs after the kept one.
 */
class EpochLoopTest {
  private static final BiPredicate<Integer, Integer> HIGHER = (candidate, incumbent) -> candidate > incumbent;

  /** The naive model: the first epoch (1-based) holding the highest of the first {@code k} scores. */
  private static int keptAfter(int[] scores, int k) {
    int max = Integer.MIN_VALUE;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, scores[j]);
    }
    for (int i = 1; i <= k; i++) {
      if (scores[i - 1] == max) {
        return i;
      }
    }
    return 0;
  }

  /** The naive model: the last epoch an uninterrupted run of {@code scores.length} epochs trains. */
  private static int lastTrained(int[] scores, int patience) {
    for (int k = 1; k < scores.length; k++) {
      if (k - keptAfter(scores, k) >= patience) {
        return k;
      }
    }
    return scores.length;
  }

  private static NaiveState naiveProgress(int[] scores, int k) {
    List<Integer> history = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      history.add(scores[i]);
    }
    int kept = keptAfter(scores, k);
    return new NaiveState(history, kept, kept == 0 ? null : scores[kept - 1]);
  }

  private record Trace(EpochLoop.Progress<Integer> end, List<Integer> trained, List<Boolean> keptFlags) {}

  private static Trace run(EpochLoop.Progress<Integer> from, int[] scores, int lastEpoch, int patience,
      BiPredicate<Integer, Integer> better) {
    List<Integer> trained = new ArrayList<>();
    List<Boolean> keptFlags = new ArrayList<>();
    EpochLoop.Progress<Integer> end = EpochLoop.run(from, lastEpoch, patience, better, epoch -> {
      trained.add(epoch);
      return scores[epoch - 1];
    }, (progress, kept) -> {
      assertThat(progress.lastDone()).isEqualTo(trained.get(trained.size() - 1));
      keptFlags.add(kept);
    });
    return new Trace(end, trained, keptFlags);
  }

  private record NaiveState(List<Integer> history, int bestEpoch, Integer best) {}

  @Test
  void everyShortRunAndEveryResumePointMatchesTheNaiveModel() {
    int cases = 0;
    for (int length = 1; length <= 7; length++) {
      int[] scores = new int[length];
      int combinations = (int) Math.pow(3, length);
      for (int code = 0; code < combinations; code++) {
        int rest = code;
        for (int i = 0; i < length; i++) {
          scores[i] = rest % 3;
          rest /= 3;
        }
        for (int patience = 1; patience <= length + 1; patience++) {
          int last = lastTrained(scores, patience);
          for (int resumeAfter = 0; resumeAfter <= last; resumeAfter++) {
            NaiveState naiveStart = naiveProgress(scores, resumeAfter);
            EpochLoop.Progress<Integer> start = new EpochLoop.Progress<>(naiveStart.history(),
                naiveStart.bestEpoch(), naiveStart.best());
            Trace trace = run(start, scores, length, patience, HIGHER);
            String description = java.util.Arrays.toString(scores) + " patience " + patience + " resumed after "
                + resumeAfter;
            List<Integer> expectedTrained = new ArrayList<>();
            List<Boolean> expectedKept = new ArrayList<>();
            for (int e = resumeAfter + 1; e <= last; e++) {
              expectedTrained.add(e);
              expectedKept.add(keptAfter(scores, e) == e);
            }
            assertThat(trace.trained()).as(description).isEqualTo(expectedTrained);
            assertThat(trace.keptFlags()).as(description).isEqualTo(expectedKept);
            NaiveState naiveEnd = naiveProgress(scores, last);
            assertThat(trace.end().history()).as(description).isEqualTo(naiveEnd.history());
            assertThat(trace.end().bestEpoch()).as(description).isEqualTo(naiveEnd.bestEpoch());
            assertThat(trace.end().best()).as(description).isEqualTo(naiveEnd.best());
            assertThat(trace.end().epochsLeft(length, patience)).as(description).isFalse();
            assertThat(trace.end().patienceExhausted(patience)).as(description)
                .isEqualTo(last - keptAfter(scores, last) >= patience);
            cases++;
          }
        }
      }
    }
    assertThat(cases).isGreaterThan(50_000);
  }

  @Test
  void aLongerRunContinuesWhereAShorterOneEndedUnlessPatienceStoppedIt() {
    Random random = new Random(14);
    for (int trial = 0; trial < 2_000; trial++) {
      int length = 2 + random.nextInt(9);
      int[] scores = random.ints(length, 0, 4).toArray();
      int patience = 1 + random.nextInt(4);
      int shorter = 1 + random.nextInt(length - 1);
      Trace first = run(EpochLoop.Progress.start(), scores, shorter, patience, HIGHER);
      Trace continued = run(first.end(), scores, length, patience, HIGHER);
      Trace whole = run(EpochLoop.Progress.start(), scores, length, patience, HIGHER);
      if (first.end().patienceExhausted(patience)) {
        assertThat(continued.trained()).isEmpty();
      } else {
        assertThat(continued.end()).isEqualTo(whole.end());
        List<Integer> both = new ArrayList<>(first.trained());
        both.addAll(continued.trained());
        assertThat(both).isEqualTo(whole.trained());
      }
    }
  }

  /** With the real rule the loop keeps, at every resume point, what the uninterrupted run keeps. */
  @Test
  void withTheRealRuleEveryResumePointEndsAsTheUninterruptedRun() {
    record Score(double rocAuc, double loss) implements EpochScore {}
    Random random = new Random(7);
    for (int trial = 0; trial < 2_000; trial++) {
      int length = 1 + random.nextInt(8);
      List<Score> scores = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        double auc = random.nextInt(5) == 0 ? Double.NaN : 0.9 + random.nextInt(10) * 0.003;
        scores.add(new Score(auc, random.nextInt(4) / 4.0));
      }
      int patience = 1 + random.nextInt(3);
      List<EpochLoop.Progress<Score>> states = new ArrayList<>();
      EpochLoop.Progress<Score> whole = EpochLoop.run(EpochLoop.Progress.start(), length, patience,
          EpochChoice::better, epoch -> scores.get(epoch - 1), (progress, kept) -> states.add(progress));
      for (EpochLoop.Progress<Score> state : states) {
        EpochLoop.Progress<Score> resumed = EpochLoop.run(state, length, patience, EpochChoice::better,
            epoch -> scores.get(epoch - 1), (progress, kept) -> {});
        assertThat(resumed).isEqualTo(whole);
      }
    }
  }

  @Test
  void aKeptEpochThatWasNotDoneIsRefused() {
    assertThatThrownBy(() -> new EpochLoop.Progress<>(List.of(1, 2), 3, 2))
        .hasMessage("Cannot continue training: the kept epoch 3 is not one of the 2 epoch(s) done");
    assertThatThrownBy(() -> new EpochLoop.Progress<>(List.of(1, 2), 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EpochLoop.run(EpochLoop.Progress.start(), 3, 0, HIGHER, e -> 1, (p, k) -> {}))
        .hasMessage("Cannot train: patience must be at least 1 epoch (patience=0)");
  }
}
