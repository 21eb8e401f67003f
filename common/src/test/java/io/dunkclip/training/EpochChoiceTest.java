package io.dunkclip.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which epoch train keeps: a clearly better validation ROC AUC, else within noise the lower loss. */
class EpochChoiceTest {
  private record Epoch(int epoch, double rocAuc, double loss) implements EpochScore {}

  private static Epoch epoch(int n, double auc, double loss) {
    return new Epoch(n, auc, loss);
  }

  @Test
  void aClearlyHigherAucWinsWhateverTheLoss() {
    assertThat(EpochChoice.better(epoch(2, 0.97, 0.9), epoch(1, 0.95, 0.1))).isTrue();
    assertThat(EpochChoice.better(epoch(2, 0.94, 0.1), epoch(1, 0.95, 0.9))).isFalse();
  }

  @Test
  void withinTheToleranceTheLowerLossWinsAndALaterEpochIsNotBetterForBeingLater() {
    assertThat(EpochChoice.better(epoch(2, 0.952, 0.2), epoch(1, 0.955, 0.3))).isTrue();
    assertThat(EpochChoice.better(epoch(2, 0.958, 0.4), epoch(1, 0.955, 0.3))).isFalse();
    assertThat(EpochChoice.better(epoch(2, 0.95, 0.3), epoch(1, 0.95, 0.3))).isFalse();
  }

  @Test
  void theToleranceIsTheEdge() {
    // Just beyond and just within AUC_TOLERANCE (0.005) of the incumbent's AUC.
    assertThat(EpochChoice.better(epoch(2, 0.5 + 0.0051, 0.9), epoch(1, 0.5, 0.1))).isTrue();
    assertThat(EpochChoice.better(epoch(2, 0.5 + 0.0049, 0.9), epoch(1, 0.5, 0.1))).isFalse();
    assertThat(EpochChoice.better(epoch(2, 0.5 - 0.0049, 0.1), epoch(1, 0.5, 0.9))).isTrue();
    assertThat(EpochChoice.better(epoch(2, 0.5 - 0.0051, 0.1), epoch(1, 0.5, 0.9))).isFalse();
  }

  @Test
  void anUndefinedAucNeverBeatsADefinedOne() {
    assertThat(EpochChoice.better(epoch(2, Double.NaN, 0.1), epoch(1, 0.6, 0.9))).isFalse();
    assertThat(EpochChoice.better(epoch(2, 0.6, 0.9), epoch(1, Double.NaN, 0.1))).isTrue();
    assertThat(EpochChoice.better(epoch(2, Double.NaN, 0.1), epoch(1, Double.NaN, 0.9))).isTrue();
  }

  /** A run measured here: AUC alone kept epoch 1 (0.985) and stopped at 4; the rule keeps epoch 4. */
  @Test
  void aMeasuredRunKeepsTheTrainedEpochOverAnUndertrainedOneANoiseAbove() {
    List<Epoch> run = List.of(epoch(1, 0.985, 0.672), epoch(2, 0.979, 0.479), epoch(3, 0.982, 0.296),
        epoch(4, 0.982, 0.212));
    EpochLoop.Progress<Epoch> end = EpochLoop.run(EpochLoop.Progress.start(), run.size(), 3, EpochChoice::better,
        e -> run.get(e - 1), (progress, kept) -> {});
    assertThat(end.bestEpoch()).isEqualTo(4);
  }
}
