package io.dunkclip.training;

/** The two validation measures epochs are compared by ({@link EpochChoice}). */
public interface EpochScore {
  /** Validation ROC AUC; NaN when the validation frames hold one class only. */
  double rocAuc();

  /** Mean binary cross-entropy on the validation frames. */
  double loss();
}
