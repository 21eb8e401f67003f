package io.dunkclip.jobs.sample;

/**
 * Options of {@code dunkclip sample}, built with {@link #builder(String)}.
 *
 * @param hd 1920x1080 at 30 fps (for benchmarks) instead of the quick default set
 * @param gopSeconds at most this many seconds between keyframes (the encoder adds more at scene changes)
 * @param noPlayer tapes with no player at all, only the empty court and its distractors (every frame labelled 0)
 * @param dunkSeconds one dunk per full this many seconds of each tape (at least one)
 */
public record SampleConfig(String output, int tapes, double seconds, long seed, boolean hd, double gopSeconds,
    boolean noPlayer, double dunkSeconds) implements java.io.Serializable {
  public static final int TAPES_DEFAULT = 4;
  public static final double SECONDS_DEFAULT = 30;
  public static final long SEED_DEFAULT = 7;
  public static final double GOP_SECONDS_DEFAULT = io.dunkclip.sample.SampleTapeGenerator.GOP_SECONDS;

  public static final double DUNK_SECONDS_DEFAULT = io.dunkclip.sample.TapeSpec.DUNK_SECONDS_DEFAULT;

  public SampleConfig {
    if (!(gopSeconds > 0)) {
      throw new IllegalArgumentException(
          "Cannot generate samples: the keyframe interval must be positive (gop-seconds=" + gopSeconds + ")");
    }
    if (!(dunkSeconds > 0) || Double.isInfinite(dunkSeconds)) {
      throw new IllegalArgumentException(
          "Cannot generate samples: the seconds per dunk must be positive (dunk-seconds=" + dunkSeconds + ")");
    }
    if (tapes < 1 || tapes > 999) {
      throw new IllegalArgumentException("Cannot generate samples: tapes must be 1..999 (tapes=" + tapes + ")");
    }
    if (!(seconds >= 2)) {
      throw new IllegalArgumentException(
          "Cannot generate samples: a tape needs at least 2 seconds (seconds=" + seconds + ")");
    }
  }

  /** The default sample, written to {@code output}. */
  public static Builder builder(String output) {
    return new Builder(output);
  }

  /** Builds a {@link SampleConfig}; unset values are the defaults. */
  public static final class Builder {
    private final String output;
    private int tapes = TAPES_DEFAULT;
    private double seconds = SECONDS_DEFAULT;
    private long seed = SEED_DEFAULT;
    private boolean hd;
    private double gopSeconds = GOP_SECONDS_DEFAULT;
    private boolean noPlayer;
    private double dunkSeconds = DUNK_SECONDS_DEFAULT;

    private Builder(String output) {
      this.output = output;
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

    public Builder hd(boolean fullHd) {
      this.hd = fullHd;
      return this;
    }

    public Builder gopSeconds(double seconds) {
      this.gopSeconds = seconds;
      return this;
    }

    public Builder noPlayer(boolean distractorsOnly) {
      this.noPlayer = distractorsOnly;
      return this;
    }

    public Builder dunkSeconds(double perDunk) {
      this.dunkSeconds = perDunk;
      return this;
    }

    public SampleConfig build() {
      return new SampleConfig(output, tapes, seconds, seed, hd, gopSeconds, noPlayer, dunkSeconds);
    }
  }
}
