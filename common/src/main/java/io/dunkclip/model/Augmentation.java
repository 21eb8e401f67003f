package io.dunkclip.model;

import java.util.SplittableRandom;

/**
 * Random changes a fixed court camera's frames go through between tapes and within one, applied to training frames so
 * the model learns the player and not the court or the day. Between courts: the colours of floor, paint, pads and
 * shirts differ (the channels of frame and background are permuted and scaled together, so a court of other colours
 * looks the same to the model once compared with its background) and the court may be seen from the other side (both
 * mirrored). Within a tape: the picture moves a little (a nudged tripod, a shake), the light changes level and colour
 * (clouds, a flickering tube), contrast, sensor noise and compression soften or roughen it; those change the frame
 * and not its background, so the model learns that a change over the whole picture is not a player. What moves in
 * front of the court (where the frame differs from its background) is changed on its own: a player's clothes have
 * any colour whatever the court's (the foreground's channels are permuted and scaled apart from the court's), and a
 * fast player smears along the way they move (a motion blur over the foreground only). Pure array code, seeded: the
 * same seed gives the same views.
 */
public final class Augmentation {
  /** Largest shift of frame and background together, as a fraction of the picture's width and height. */
  static final double MAX_SHIFT = 0.05;
  /** Largest shift of the frame against its background, in pixels: a shake or a nudge during the tape. */
  static final int MAX_RELATIVE_SHIFT = 2;
  /**
   * Largest per-channel difference from the background (0..255) below which a pixel is court, and above which it is
   * wholly foreground; in between it is blended, so the edge of a figure has no seam. Compression noise and small
   * light changes stay under the lower bound.
   */
  static final int FOREGROUND_FROM = 24;
  static final int FOREGROUND_FULL = 64;
  /** Longest motion blur of the foreground, in pixels (odd). */
  static final int MAX_MOTION_BLUR = 7;

  private Augmentation() {}

  /** A training view: the frame and (when the model uses one) its background, both packed RGB. */
  public record View(byte[] frame, byte[] background) {}

  /**
   * A random view of {@code frame} and {@code background} (null for a frame-only model) of {@code width x height};
   * neither input is changed.
   */
  public static View view(byte[] frame, byte[] background, int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean mirror = random.nextBoolean();
    int dx = shift(random, width);
    int dy = shift(random, height);
    int relX = random.nextInt(4) == 0 ? random.nextInt(-MAX_RELATIVE_SHIFT, MAX_RELATIVE_SHIFT + 1) : 0;
    int relY = random.nextInt(4) == 0 ? random.nextInt(-MAX_RELATIVE_SHIFT, MAX_RELATIVE_SHIFT + 1) : 0;
    double gain = 0.7 + 0.6 * random.nextDouble();
    double[] colour = {0.93 + 0.14 * random.nextDouble(), 0.93 + 0.14 * random.nextDouble(),
        0.93 + 0.14 * random.nextDouble()};
    double contrast = 0.8 + 0.4 * random.nextDouble();
    double noise = 6 * random.nextDouble();
    boolean blur = random.nextInt(5) == 0;
    int[] order = PERMUTATIONS[random.nextInt(2) == 0 ? 0 : random.nextInt(PERMUTATIONS.length)];
    double[] court = {0.75 + 0.5 * random.nextDouble(), 0.75 + 0.5 * random.nextDouble(),
        0.75 + 0.5 * random.nextDouble()};
    boolean recolourForeground = background != null && random.nextBoolean();
    int[] foregroundOrder = PERMUTATIONS[random.nextInt(PERMUTATIONS.length)];
    double[] foregroundGains = {0.6 + 0.8 * random.nextDouble(), 0.6 + 0.8 * random.nextDouble(),
        0.6 + 0.8 * random.nextDouble()};
    int motionBlur = background != null && random.nextInt(3) == 0 ? 3 + 2 * random.nextInt((MAX_MOTION_BLUR - 1) / 2)
        : 0;
    boolean horizontalBlur = random.nextBoolean();

    byte[] withForeground = frame;
    if (recolourForeground || motionBlur > 0) {
      double[] mask = foreground(frame, background);
      if (recolourForeground) {
        withForeground = blended(withForeground, recoloured(withForeground, foregroundOrder, foregroundGains), mask);
      }
      if (motionBlur > 0) {
        double[] smearedMask = smeared(mask, width, height, motionBlur, horizontalBlur);
        withForeground = blended(withForeground,
            smeared(withForeground, width, height, motionBlur, horizontalBlur), smearedMask);
      }
    }
    byte[] sceneFrame = recoloured(withForeground, order, court);
    byte[] sceneBackground = background == null ? null : recoloured(background, order, court);
    byte[] outFrame = moved(sceneFrame, width, height, mirror, dx + relX, dy + relY);
    outFrame = photometric(outFrame, gain, colour, contrast);
    if (blur) {
      outFrame = boxBlur(outFrame, width, height);
    }
    if (noise > 0.5) {
      addNoise(outFrame, noise, random);
    }
    byte[] outBackground = sceneBackground == null ? null : moved(sceneBackground, width, height, mirror, dx, dy);
    return new View(outFrame, outBackground);
  }

  /** The six orders of the R, G and B channels; the first keeps them. */
  private static final int[][] PERMUTATIONS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

  /** The channels taken in {@code order} and each scaled by its {@code gains} entry: another court's colours. */
  static byte[] recoloured(byte[] rgb, int[] order, double[] gains) {
    byte[] out = new byte[rgb.length];
    for (int p = 0; p < rgb.length; p += 3) {
      for (int c = 0; c < 3; c++) {
        out[p + c] = (byte) clampByte((rgb[p + order[c]] & 0xff) * gains[c]);
      }
    }
    return out;
  }

  /**
   * How much each pixel of {@code frame} is foreground (0: court, 1: something in front of it), from its largest
   * channel difference with {@code background}.
   */
  static double[] foreground(byte[] frame, byte[] background) {
    double[] mask = new double[frame.length / 3];
    for (int p = 0; p < mask.length; p++) {
      int largest = 0;
      for (int c = 0; c < 3; c++) {
        largest = Math.max(largest, Math.abs((frame[3 * p + c] & 0xff) - (background[3 * p + c] & 0xff)));
      }
      double share = (largest - FOREGROUND_FROM) / (double) (FOREGROUND_FULL - FOREGROUND_FROM);
      mask[p] = Math.max(0, Math.min(1, share));
    }
    return mask;
  }

  /** {@code base} where the mask is 0, {@code over} where it is 1, mixed in between. */
  static byte[] blended(byte[] base, byte[] over, double[] mask) {
    byte[] out = new byte[base.length];
    for (int p = 0; p < mask.length; p++) {
      for (int c = 0; c < 3; c++) {
        int i = 3 * p + c;
        out[i] = (byte) clampByte((base[i] & 0xff) * (1 - mask[p]) + (over[i] & 0xff) * mask[p]);
      }
    }
    return out;
  }

  /** A centred moving average of {@code length} pixels along rows (or columns), the edge pixels repeated. */
  static byte[] smeared(byte[] rgb, int width, int height, int length, boolean horizontal) {
    byte[] out = new byte[rgb.length];
    int half = length / 2;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int k = -half; k <= half; k++) {
            int sx = horizontal ? clamp(x + k, width) : x;
            int sy = horizontal ? y : clamp(y + k, height);
            sum += rgb[(sy * width + sx) * 3 + c] & 0xff;
          }
          out[(y * width + x) * 3 + c] = (byte) Math.round(sum / (double) length);
        }
      }
    }
    return out;
  }

  /** The mask smeared like {@link #smeared(byte[], int, int, int, boolean)}, and never below its own value. */
  static double[] smeared(double[] mask, int width, int height, int length, boolean horizontal) {
    double[] out = new double[mask.length];
    int half = length / 2;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double sum = 0;
        for (int k = -half; k <= half; k++) {
          int sx = horizontal ? clamp(x + k, width) : x;
          int sy = horizontal ? y : clamp(y + k, height);
          sum += mask[sy * width + sx];
        }
        out[y * width + x] = Math.max(mask[y * width + x], Math.min(1, 2 * sum / length));
      }
    }
    return out;
  }

  private static int shift(SplittableRandom random, int side) {
    int max = (int) Math.round(MAX_SHIFT * side);
    return max == 0 ? 0 : random.nextInt(-max, max + 1);
  }

  /** The picture mirrored (optionally) and moved by {@code dx, dy}, the edge pixels repeated into the gap. */
  static byte[] moved(byte[] rgb, int width, int height, boolean mirror, int dx, int dy) {
    byte[] out = new byte[rgb.length];
    for (int y = 0; y < height; y++) {
      int sy = clamp(y - dy, height);
      for (int x = 0; x < width; x++) {
        int sx = clamp(x - dx, width);
        if (mirror) {
          sx = width - 1 - sx;
        }
        int from = (sy * width + sx) * 3;
        int to = (y * width + x) * 3;
        out[to] = rgb[from];
        out[to + 1] = rgb[from + 1];
        out[to + 2] = rgb[from + 2];
      }
    }
    return out;
  }

  /** Gain and colour per channel, then contrast around the picture's mean. */
  static byte[] photometric(byte[] rgb, double gain, double[] colour, double contrast) {
    double sum = 0;
    for (byte b : rgb) {
      sum += b & 0xff;
    }
    double mean = rgb.length == 0 ? 0 : gain * sum / rgb.length;
    byte[] out = new byte[rgb.length];
    for (int p = 0; p < rgb.length; p++) {
      double v = (rgb[p] & 0xff) * gain * colour[p % 3];
      out[p] = (byte) clampByte((v - mean) * contrast + mean);
    }
    return out;
  }

  static byte[] boxBlur(byte[] rgb, int width, int height) {
    byte[] out = new byte[rgb.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int ky = -1; ky <= 1; ky++) {
            for (int kx = -1; kx <= 1; kx++) {
              sum += rgb[(clamp(y + ky, height) * width + clamp(x + kx, width)) * 3 + c] & 0xff;
            }
          }
          out[(y * width + x) * 3 + c] = (byte) Math.round(sum / 9.0);
        }
      }
    }
    return out;
  }

  private static void addNoise(byte[] rgb, double sigma, SplittableRandom random) {
    for (int p = 0; p < rgb.length; p++) {
      rgb[p] = (byte) clampByte((rgb[p] & 0xff) + sigma * gaussian(random));
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble(); // (0, 1]: log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static int clamp(int v, int size) {
    return v < 0 ? 0 : Math.min(size - 1, v);
  }

  private static int clampByte(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
