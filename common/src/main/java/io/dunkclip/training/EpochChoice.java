package io.dunkclip.training;

/** Which of two epochs a training run keeps. */
public final class EpochChoice {
  /**
   * ROC AUC differences smaller than this between two epochs are taken as noise: on a validation set of a few hundred
   * frames from one or two tapes, one frame more or less on the right side of another moves the AUC by about that.
   */
  public static final double AUC_TOLERANCE = 0.005;

  private EpochChoice() {}

  /**
   * Whether a new epoch replaces the one kept so far. Epochs are compared by validation ROC AUC, a measure of how
   * well scores separate the classes that no threshold moves (the threshold is calibrated afterwards, on the kept
   * epoch's scores): a clearly higher AUC (by more than {@link #AUC_TOLERANCE}) wins; within the tolerance the lower
   * validation loss wins, so a more trained epoch is not passed over for noise in the AUC. A later epoch is not
   * better just for being later. F1 at a fixed threshold swung between epochs while AUC stayed flat, which made the
   * saved epoch a matter of luck; AUC alone kept an undertrained first epoch over later ones 0.003 below it. An
   * undefined AUC never beats a defined one.
   */
  public static boolean better(EpochScore candidate, EpochScore incumbent) {
    if (Double.isNaN(incumbent.rocAuc()) != Double.isNaN(candidate.rocAuc())) {
      return Double.isNaN(incumbent.rocAuc());
    }
    if (!Double.isNaN(candidate.rocAuc())) {
      if (candidate.rocAuc() > incumbent.rocAuc() + AUC_TOLERANCE) {
        return true;
      }
      if (candidate.rocAuc() < incumbent.rocAuc() - AUC_TOLERANCE) {
        return false;
      }
    }
    return candidate.loss() < incumbent.loss();
  }
}
