package io.dunkclip.jobs.sample;

/**
 * Options of {@code dunkclip sample}.
 *
 * @param hd 1920x1080 at 30 fps (for benchmarks) instead of the quick default set
 */
public record SampleConfig(String output, int tapes, double seconds, long seed, boolean hd) implements java.io.Serializable {
  public static final int TAPES_DEFAULT = 4;
  public static final double SECONDS_DEFAULT = 30;
  public static final long SEED_DEFAULT = 7;

  public SampleConfig {
    if (tapes < 1 || tapes > 999) {
      throw new IllegalArgumentException("Cannot generate samples: tapes must be 1..999 (tapes=" + tapes + ")");
    }
    if (!(seconds >= 2)) {
      throw new IllegalArgumentException(
          "Cannot generate samples: a tape needs at least 2 seconds (seconds=" + seconds + ")");
    }
  }
}
