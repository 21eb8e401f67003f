package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which epoch train keeps: the best validation ROC AUC, whatever F1 an epoch had at its threshold. */
class BestEpochTest {
  private static EpochMetrics epoch(int n, double f1, double auc, double loss) {
    return new EpochMetrics(n, 1, 100, 0.5, 0.5, f1, auc, loss, 0.5);
  }

  @Test
  void aHigherAucWinsEvenWithALowerF1() {
    assertThat(TrainJob.better(epoch(2, 0.20, 0.97, 0.5), epoch(1, 0.90, 0.95, 0.3))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.99, 0.94, 0.1), epoch(1, 0.10, 0.95, 0.9))).isFalse();
  }

  @Test
  void equalAucGoesToTheLowerLossAndALaterEpochIsNotBetterForBeingLater() {
    assertThat(TrainJob.better(epoch(2, 0.5, 0.95, 0.2), epoch(1, 0.5, 0.95, 0.3))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.5, 0.95, 0.3), epoch(1, 0.5, 0.95, 0.3))).isFalse();
  }

  @Test
  void anUndefinedAucNeverBeatsADefinedOne() {
    assertThat(TrainJob.better(epoch(2, 0.5, Double.NaN, 0.1), epoch(1, 0.5, 0.6, 0.9))).isFalse();
    assertThat(TrainJob.better(epoch(2, 0.5, 0.6, 0.9), epoch(1, 0.5, Double.NaN, 0.1))).isTrue();
    assertThat(TrainJob.better(epoch(2, 0.5, Double.NaN, 0.1), epoch(1, 0.5, Double.NaN, 0.9))).isTrue();
  }
}
