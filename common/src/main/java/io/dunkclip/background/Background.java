package io.dunkclip.background;

import java.util.List;
import java.util.Objects;

/**
 * A tape's estimated empty scene: the per-pixel, per-channel median of frames sampled across the whole tape
 * ({@link BackgroundSamples}), as packed RGB of the model's input size.
 *
 * <p>A median ignores whatever covers a pixel in fewer than half of the samples: a player passing through, a ball, a
 * flicker. It cannot tell a person who stands at one spot for most of the tape from the court, so {@link #busy}
 * says how many samples differ visibly from the estimate; when most do, the tape is reported (the background may
 * hold a player, or the light changed a lot). The model gets the background as an input beside the frame, to learn
 * from, not as a detector of its own.
 *
 * @param rgb packed RGB, {@code width * height * 3} bytes
 * @param frames the sampled frame numbers it was estimated from (those that could be decoded)
 * @param busy the fraction of samples that differ from the estimate over more than {@link #BUSY_PIXELS} of the picture
 */
public record Background(byte[] rgb, int width, int height, long[] frames, double busy)
    implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** A pixel has changed when some channel differs from the background by more than this (0..255). */
  public static final int PIXEL_CHANGE = 32;
  /** A sample is busy when more than this fraction of its pixels have changed. */
  public static final double BUSY_PIXELS = 0.01;
  /**
   * Above this fraction of busy samples the background is reported as unreliable. Busy is anything that moves (a
   * player, a ball, a shadow): on the sample tapes 30-55% of samples are busy with a player in about a third of the
   * frames, so the flag is kept for tapes where something is in the picture most of the time.
   */
  public static final double UNRELIABLE_BUSY = 0.7;
  /** Fewer decoded samples than this and the estimate is reported as unreliable too. */
  public static final int MIN_RELIABLE_SAMPLES = 3;

  public Background {
    Objects.requireNonNull(rgb, "rgb");
    Objects.requireNonNull(frames, "frames");
    if (width < 1 || height < 1 || rgb.length != width * height * 3) {
      throw new IllegalArgumentException("Cannot hold a background: " + rgb.length + " bytes are not a packed RGB "
          + "picture of " + width + "x" + height);
    }
  }

  /**
   * The estimate from packed RGB {@code samples} of {@code width x height} taken at {@code frames} (same order).
   * With an even number of samples the lower of the two middle values is taken, so the result is a value some
   * sample really had.
   */
  public static Background estimate(List<byte[]> samples, long[] frames, int width, int height) {
    if (samples.isEmpty() || samples.size() != frames.length) {
      throw new IllegalArgumentException("Cannot estimate a background: need one frame number per sample and at least"
          + " one sample (samples=" + samples.size() + ", frames=" + frames.length + ")");
    }
    int length = width * height * 3;
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).length != length) {
        throw new IllegalArgumentException("Cannot estimate a background: sample " + i + " (frame " + frames[i]
            + ") has " + samples.get(i).length + " bytes, not a " + width + "x" + height + " RGB picture");
      }
    }
    byte[] median = median(samples, length);
    int busy = 0;
    for (byte[] sample : samples) {
      if (changedFraction(sample, median) > BUSY_PIXELS) {
        busy++;
      }
    }
    return new Background(median, width, height, frames.clone(), busy / (double) samples.size());
  }

  /** Whether the estimate should be trusted less: most samples differ from it, or too few could be decoded. */
  public boolean unreliable() {
    return busy > UNRELIABLE_BUSY || frames.length < MIN_RELIABLE_SAMPLES;
  }

  /** One line for logs, results and the report. */
  public String describe() {
    return describe(frames.length, busy, unreliable());
  }

  /**
   * The description of a background estimated from {@code samples} frames with a {@code busy} share, for places that
   * hold those figures without the picture (detect's {@code backgrounds.csv}, read back by the report).
   */
  public static String describe(int samples, double busy, boolean unreliable) {
    return String.format(java.util.Locale.ROOT, "background from %d sampled frame(s), %.0f%% of them busy%s",
        samples, 100 * busy, unreliable
            ? " (unreliable: a player may stay in frame most of the tape, or the light changes a lot; its clips may"
                + " be missed or split)"
            : "");
  }

  /** The per-byte median (lower middle for an even count). */
  static byte[] median(List<byte[]> samples, int length) {
    int n = samples.size();
    byte[] out = new byte[length];
    int[] values = new int[n];
    for (int p = 0; p < length; p++) {
      for (int i = 0; i < n; i++) {
        int v = samples.get(i)[p] & 0xff;
        int j = i - 1;
        while (j >= 0 && values[j] > v) { // insertion sort: n is at most a few dozen
          values[j + 1] = values[j];
          j--;
        }
        values[j + 1] = v;
      }
      out[p] = (byte) values[(n - 1) / 2];
    }
    return out;
  }

  /**
   * The fraction of pixels of {@code rgb} where some channel differs from {@code background} by more than
   * {@link #PIXEL_CHANGE}.
   */
  public static double changedFraction(byte[] rgb, byte[] background) {
    if (rgb.length != background.length || rgb.length % 3 != 0) {
      throw new IllegalArgumentException("Cannot compare a frame with a background of another size (frame="
          + rgb.length + " bytes, background=" + background.length + " bytes)");
    }
    int pixels = rgb.length / 3;
    int changed = 0;
    for (int p = 0; p < rgb.length; p += 3) {
      int d = Math.max(Math.abs((rgb[p] & 0xff) - (background[p] & 0xff)),
          Math.max(Math.abs((rgb[p + 1] & 0xff) - (background[p + 1] & 0xff)),
              Math.abs((rgb[p + 2] & 0xff) - (background[p + 2] & 0xff))));
      if (d > PIXEL_CHANGE) {
        changed++;
      }
    }
    return pixels == 0 ? 0 : changed / (double) pixels;
  }
}
