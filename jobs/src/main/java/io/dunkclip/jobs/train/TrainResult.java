package io.dunkclip.jobs.train;

import io.dunkclip.model.ModelMetadata;
import java.util.List;
import java.util.Map;

/**
 * What a training run did.
 *
 * @param bestEpoch the epoch whose network was saved (best validation F1, then AUC)
 * @param parameterChange L2 norm of (saved - initial) parameters: zero means gradient sharing never updated the
 *     model (the silent failure shared/STACK.md warns about)
 * @param minibatchesExported the training minibatches exported for this run's epochs, all epochs together (an
 *     augmented run exports every epoch anew, and the count can differ by a batch or two between epochs; 0 when this
 *     run trained no epoch)
 * @param minibatchesFitted minibatches each executor's gradient-sharing worker fitted in this run, by executor id
 *     ({@code driver} in local mode); a worker outside the mesh fits none
 * @param featureCache the backbone feature cache the epochs trained the head on; null when the whole network trained
 *     on frames
 * @param backboneForwards (frame, view) inputs the frozen backbone ran on to build that cache in this run; 0 when an
 *     earlier run's cache was reused
 * @param featureCacheSeconds the time spent checking and building the cache, not counted in any epoch
 */
public record TrainResult(String model, ModelMetadata metadata, long trainFrames, long trainPositives,
    long validationFrames, String split, List<EpochMetrics> epochs, int bestEpoch, double parameterChange,
    long minibatchesExported, Map<String, Long> minibatchesFitted, double seconds, String featureCache,
    long backboneForwards, double featureCacheSeconds) {
  public EpochMetrics last() {
    return epochs.get(epochs.size() - 1);
  }

  /** The epoch whose network was saved. */
  public EpochMetrics best() {
    return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElseThrow();
  }

  public String summary() {
    EpochMetrics best = best();
    return String.format(java.util.Locale.ROOT,
        "train: epochs=%d best_epoch=%d train_frames=%d val_frames=%d f1=%.3f auc=%.3f param_change=%.3f "
            + "seconds=%.1f model=%s",
        epochs.size(), bestEpoch, trainFrames, validationFrames, best.f1(), best.rocAuc(), parameterChange, seconds,
        model);
  }
}
