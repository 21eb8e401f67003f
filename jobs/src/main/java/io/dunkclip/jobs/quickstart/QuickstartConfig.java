package io.dunkclip.jobs.quickstart;

import io.dunkclip.jobs.train.SharingConfig;

/** Options of {@code dunkclip quickstart}: where to work, and how big a sample (defaults: a few minutes). */
public record QuickstartConfig(String workdir, int tapes, double seconds, long seed, int epochs,
    SharingConfig sharing) implements java.io.Serializable {
  public static final String WORKDIR_DEFAULT = "dunkclip-work";
  /** Six epochs: on the default sample the best validation F1 is reached by epoch 5 (about 25 s each). */
  public static final int EPOCHS_DEFAULT = 6;
}
