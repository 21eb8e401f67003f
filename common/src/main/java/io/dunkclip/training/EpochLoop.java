package io.dunkclip.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The epoch loop of a training run without the training: which epochs run, which one is kept (the best so far by a
 * given rule) and when early stopping ends the run (no better epoch than the kept one for {@code patience} epochs).
 * A run resumed from a checkpoint's {@link Progress} continues exactly as the uninterrupted run would have.
 */
public final class EpochLoop {
  private EpochLoop() {}

  /** Trains one epoch and returns its validation metrics. */
  @FunctionalInterface
  public interface Epoch<M> {
    M train(int epoch);
  }

  /** Told after each epoch, with the progress including it; where a trainer checkpoints. */
  @FunctionalInterface
  public interface Observer<M> {
    void finished(Progress<M> progress, boolean kept);
  }

  /**
   * Where a run stands.
   *
   * @param history the metrics of epochs 1..{@code history.size()}, in order, each once
   * @param bestEpoch the kept epoch (1-based); 0 before any epoch
   * @param best the kept epoch's metrics; null before any epoch
   */
  public record Progress<M>(List<M> history, int bestEpoch, M best) {
    public Progress {
      history = List.copyOf(history);
      if (bestEpoch < 0 || bestEpoch > history.size() || (bestEpoch == 0) != (best == null)) {
        throw new IllegalArgumentException("Cannot continue training: the kept epoch " + bestEpoch
            + " is not one of the " + history.size() + " epoch(s) done");
      }
    }

    /** A run that has done no epoch. */
    public static <M> Progress<M> start() {
      return new Progress<>(List.of(), 0, null);
    }

    /** The last completed epoch; 0 before any. */
    public int lastDone() {
      return history.size();
    }

    /** Epochs since the kept one: the early-stopping counter. */
    public int epochsSinceBest() {
      return lastDone() - bestEpoch;
    }

    /** Whether early stopping has ended the run: {@code patience} epochs without a better one than the kept. */
    public boolean patienceExhausted(int patience) {
      return bestEpoch > 0 && epochsSinceBest() >= patience;
    }

    /** Whether {@link #run} would train at least one more epoch. */
    public boolean epochsLeft(int lastEpoch, int patience) {
      return lastDone() < lastEpoch && !patienceExhausted(patience);
    }

    Progress<M> after(M metrics, boolean kept) {
      List<M> longer = new ArrayList<>(history);
      longer.add(metrics);
      return kept ? new Progress<>(longer, longer.size(), metrics) : new Progress<>(longer, bestEpoch, best);
    }
  }

  /**
   * Trains epochs {@code from.lastDone() + 1} up to {@code lastEpoch} until patience is exhausted, keeping an epoch
   * when {@code better(it, kept so far)} holds (the first epoch is always kept).
   *
   * @return the progress after the last epoch trained ({@code from} itself when none was left)
   */
  public static <M> Progress<M> run(Progress<M> from, int lastEpoch, int patience, BiPredicate<M, M> better,
      Epoch<M> epoch, Observer<M> observer) {
    if (patience < 1) {
      throw new IllegalArgumentException("Cannot train: patience must be at least 1 epoch (patience=" + patience + ")");
    }
    Progress<M> progress = from;
    while (progress.epochsLeft(lastEpoch, patience)) {
      M metrics = Objects.requireNonNull(epoch.train(progress.lastDone() + 1), "metrics");
      boolean kept = progress.best() == null || better.test(metrics, progress.best());
      progress = progress.after(metrics, kept);
      observer.finished(progress, kept);
    }
    return progress;
  }
}
