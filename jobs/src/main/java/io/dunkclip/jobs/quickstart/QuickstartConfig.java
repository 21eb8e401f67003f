package io.dunkclip.jobs.quickstart;

import io.dunkclip.jobs.sample.SampleConfig;
import io.dunkclip.jobs.train.SharingConfig;

/**
 * Options of {@code dunkclip quickstart}, built with {@link #builder(SharingConfig)}: where to work, and how big a
 * sample (defaults: a few minutes).
 *
 * @param tapes sample tapes the model is trained on (seed {@code seed})
 * @param unseenTapes sample tapes of another seed ({@code seed + 1}) that detect, render and evaluate run on: tapes
 *     the model never saw, so the verdict says how it does on new footage
 */
public record QuickstartConfig(String workdir, int tapes, double seconds, long seed, int epochs,
    SharingConfig sharing, int unseenTapes) implements java.io.Serializable {
  public static final String WORKDIR_DEFAULT = "dunkclip-work";
  public static final int UNSEEN_TAPES_DEFAULT = 2;
  /** Six epochs: on the default sample the best validation F1 is reached by epoch 5 (about 25 s each). */
  public static final int EPOCHS_DEFAULT = 6;

  public QuickstartConfig {
    if (unseenTapes < 1) {
      throw new IllegalArgumentException("Cannot run the quickstart: it needs at least one unseen tape to detect in"
          + " (unseen-tapes=" + unseenTapes + ")");
    }
  }

  /** The default quickstart, training with {@code sharing} (the gradient-sharing settings of the run). */
  public static Builder builder(SharingConfig sharing) {
    return new Builder(sharing);
  }

  /** Builds a {@link QuickstartConfig}; unset values are the defaults (the sample's for the tapes). */
  public static final class Builder {
    private final SharingConfig sharing;
    private String workdir = WORKDIR_DEFAULT;
    private int tapes = SampleConfig.TAPES_DEFAULT;
    private double seconds = SampleConfig.SECONDS_DEFAULT;
    private long seed = SampleConfig.SEED_DEFAULT;
    private int epochs = EPOCHS_DEFAULT;
    private int unseenTapes = UNSEEN_TAPES_DEFAULT;

    private Builder(SharingConfig sharing) {
      this.sharing = sharing;
    }

    public Builder workdir(String dir) {
      this.workdir = dir;
      return this;
    }

    public Builder tapes(int count) {
      this.tapes = count;
      return this;
    }

    public Builder seconds(double perTape) {
      this.seconds = perTape;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder epochs(int count) {
      this.epochs = count;
      return this;
    }

    public Builder unseenTapes(int count) {
      this.unseenTapes = count;
      return this;
    }

    public QuickstartConfig build() {
      return new QuickstartConfig(workdir, tapes, seconds, seed, epochs, sharing, unseenTapes);
    }
  }
}
