package io.dunkclip.jobs.train;

/**
 * Validation metrics of the "player in frame" class after one epoch.
 *
 * @param precision at {@code threshold}
 * @param threshold the decision threshold of this epoch: calibrated on its validation scores, or the fixed one
 * @param rocAuc ranking quality, independent of any threshold
 * @param loss mean binary cross-entropy on the validation frames
 */
public record EpochMetrics(int epoch, double seconds, long validationFrames, double precision, double recall,
    double f1, double rocAuc, double loss, double threshold) implements io.dunkclip.training.EpochScore {
  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "epoch %d: %.1fs val_frames=%d precision=%.3f recall=%.3f f1=%.3f auc=%.3f loss=%.4f threshold=%.3f",
        epoch, seconds, validationFrames, precision, recall, f1, rocAuc, loss, threshold);
  }
}
