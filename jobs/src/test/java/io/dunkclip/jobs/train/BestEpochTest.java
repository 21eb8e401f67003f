package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which epoch train keeps: a clearly better validation ROC AUC, else within noise the lower loss. */
class BestEpochTest {
  private static EpochMetrics epoch(int n, double f1, double auc, double loss) {
    return new EpochMetrics(n, 1, 100, 0.5, 0.5, f1, auc, loss, 0.5);
  }

  @Test
  void aClearlyHigherAucWinsWhateverTheF1AndLoss() {
    assertThat(TrainJob.better(epoch(2, 0.20, 0.97, 0.9), epoch(1, 0.90, 0.95, 0.1))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.99, 0.94, 0.1), epoch(1, 0.10, 0.95, 0.9))).isFalse();
  }

  @Test
  void withinTheToleranceTheLowerLossWinsAndALaterEpochIsNotBetterForBeingLater() {
    assertThat(TrainJob.better(epoch(2, 0.5, 0.952, 0.2), epoch(1, 0.5, 0.955, 0.3))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.5, 0.958, 0.4), epoch(1, 0.5, 0.955, 0.3))).isFalse();
    assertThat(TrainJob.better(epoch(2, 0.5, 0.95, 0.3), epoch(1, 0.5, 0.95, 0.3))).isFalse();
  }

  @Test
  void anUndefinedAucNeverBeatsADefinedOne() {
    assertThat(TrainJob.better(epoch(2, 0.5, Double.NaN, 0.1), epoch(1, 0.5, 0.6, 0.9))).isFalse();
    assertThat(TrainJob.better(epoch(2, 0.5, 0.6, 0.9), epoch(1, 0.5, Double.NaN, 0.1))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.5, Double.NaN, 0.1), epoch(1, 0.5, Double.NaN, 0.9))).isTrue();
  }

  /** A run measured here: AUC alone kept epoch 1 (0.985) and stopped at 4; the rule keeps epoch 4. */
  @Test
  void aMeasuredRunKeepsTheTrainedEpochOverAnUndertrainedOneANoiseAbove() {
    List<EpochMetrics> run = List.of(epoch(1, 0.953, 0.985, 0.672), epoch(2, 0.964, 0.979, 0.479),
        epoch(3, 0.965, 0.982, 0.296), epoch(4, 0.968, 0.982, 0.212));
    EpochMetrics kept = run.get(0);
    for (EpochMetrics e : run.subList(1, run.size())) {
      if (TrainJob.better(e, kept)) {
        kept = e;
      }
    }
    assertThat(kept.epoch()).isEqualTo(4);
  }
}
