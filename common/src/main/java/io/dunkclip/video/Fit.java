package io.dunkclip.video;

import java.util.Locale;

/**
 * How a tape's upright picture is fitted to the requested output size. The model file records the fit it was
 * trained with ({@code ModelMetadata.fit}, the same names), so detection can prepare frames the same way.
 */
public enum Fit {
  /** Scaled to exactly the output size, aspect ratio ignored: what the original workflow did. */
  STRETCH("stretch"),
  /** Scaled to the largest size that fits inside the output with the aspect ratio kept, centred on black. */
  PAD("pad");

  private final String id;

  Fit(String id) {
    this.id = id;
  }

  /** The name used on the command line and in model files. */
  public String id() {
    return id;
  }

  /** The fit called {@code name} ({@code stretch} or {@code pad}, any case). */
  public static Fit parse(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Fit fit : values()) {
      if (fit.id.equals(wanted)) {
        return fit;
      }
    }
    throw new IllegalArgumentException("Cannot fit frames: unknown fit (fit=" + name + "); use stretch or pad");
  }

  /**
   * Where a {@code sourceWidth x sourceHeight} picture lands on a {@code canvasWidth x canvasHeight} output. For
   * {@link #PAD} the scaled side is rounded to the nearest pixel (at least 1) and the picture is centred, any odd
   * pixel of padding going to the right or bottom.
   */
  public Placement place(int sourceWidth, int sourceHeight, int canvasWidth, int canvasHeight) {
    if (sourceWidth < 1 || sourceHeight < 1 || canvasWidth < 1 || canvasHeight < 1) {
      throw new IllegalArgumentException("Cannot fit a " + sourceWidth + "x" + sourceHeight + " picture to "
          + canvasWidth + "x" + canvasHeight + ": both sizes must be at least 1x1 (fit=" + id + ")");
    }
    if (this == STRETCH) {
      return new Placement(0, 0, canvasWidth, canvasHeight);
    }
    int width;
    int height;
    // Compare canvasWidth/sourceWidth with canvasHeight/sourceHeight without floating point.
    if ((long) canvasWidth * sourceHeight <= (long) canvasHeight * sourceWidth) {
      width = canvasWidth; // width is the tighter side: full width, bars top and bottom
      height = roundedRatio((long) sourceHeight * canvasWidth, sourceWidth, canvasHeight);
    } else {
      height = canvasHeight; // height is the tighter side: full height, bars left and right
      width = roundedRatio((long) sourceWidth * canvasHeight, sourceHeight, canvasWidth);
    }
    return new Placement((canvasWidth - width) / 2, (canvasHeight - height) / 2, width, height);
  }

  /** {@code numerator / denominator} rounded half up, kept within 1..max. */
  private static int roundedRatio(long numerator, long denominator, int max) {
    long rounded = (2 * numerator + denominator) / (2 * denominator);
    return (int) Math.max(1, Math.min(max, rounded));
  }
}
