package io.dunkclip.jobs.train;

import java.util.List;
import java.util.Map;

/**
 * What a checkpoint records besides the network: enough to continue a killed run as if it had not stopped.
 *
 * @param epoch the last completed epoch; the network file of the checkpoint is the network after it
 * @param bestEpoch the epoch whose network is kept as the model so far (best validation F1, then AUC)
 * @param best that epoch's validation metrics
 * @param epochsSinceBest the early-stopping (patience) counter: epochs since {@code bestEpoch}
 * @param epochs validation metrics of every epoch so far, in order, each once
 * @param options the training options, labels and frames the run was started with (see
 *     {@link Checkpoints#options}); a resume with different ones is refused
 */
public record CheckpointState(int formatVersion, int epoch, int bestEpoch, EpochMetrics best, int epochsSinceBest,
    List<EpochMetrics> epochs, Map<String, String> options, String createdAt) {
  public static final int FORMAT_VERSION = 1;

  public CheckpointState {
    epochs = List.copyOf(epochs);
    options = Map.copyOf(options);
  }
}
