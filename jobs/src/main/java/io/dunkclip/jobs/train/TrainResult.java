package io.dunkclip.jobs.train;

import io.dunkclip.model.ModelMetadata;
import java.util.List;

/**
 * What a training run did.
 *
 * @param parameterChange L2 norm of (final - initial) parameters: zero means gradient sharing never updated the
 *     model (the silent failure shared/STACK.md warns about)
 */
public record TrainResult(String model, ModelMetadata metadata, long trainFrames, long trainPositives,
    long validationFrames, String split, List<EpochMetrics> epochs, double parameterChange, double seconds) {
  public EpochMetrics last() {
    return epochs.get(epochs.size() - 1);
  }

  public String summary() {
    EpochMetrics last = last();
    return String.format(java.util.Locale.ROOT,
        "train: epochs=%d train_frames=%d val_frames=%d f1=%.3f auc=%.3f param_change=%.3f seconds=%.1f model=%s",
        epochs.size(), trainFrames, validationFrames, last.f1(), last.rocAuc(), parameterChange, seconds, model);
  }
}
