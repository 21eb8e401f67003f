package io.dunkclip.jobs.quickstart;

import io.dunkclip.jobs.train.SharingConfig;

/**
 * Options of {@code dunkclip quickstart}: where to work, and how big a sample (defaults: a few minutes).
 *
 * @param tapes sample tapes the model is trained on (seed {@code seed})
 * @param unseenTapes sample tapes of another seed ({@code seed + 1}) that detect, render and evaluate run on: tapes
 *     the model never saw, so the verdict says how it does on new footage
 */
public record QuickstartConfig(String workdir, int tapes, double seconds, long seed, int epochs,
    SharingConfig sharing, int unseenTapes) implements java.io.Serializable {
  public static final String WORKDIR_DEFAULT = "dunkclip-work";
  public static final int UNSEEN_TAPES_DEFAULT = 2;

  public QuickstartConfig {
    if (unseenTapes < 1) {
      throw new IllegalArgumentException("Cannot run the quickstart: it needs at least one unseen tape to detect in"
          + " (unseen-tapes=" + unseenTapes + ")");
    }
  }
  /** Six epochs: on the default sample the best validation F1 is reached by epoch 5 (about 25 s each). */
  public static final int EPOCHS_DEFAULT = 6;
}
