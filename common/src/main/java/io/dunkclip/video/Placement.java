package io.dunkclip.video;

/**
 * The rectangle a fitted picture occupies on the output canvas, in upright pixels: {@code x, y} is its top-left
 * corner, {@code width x height} its size after scaling. The rest of the canvas is black.
 */
public record Placement(int x, int y, int width, int height) {
  /** Whether the picture covers the whole {@code canvasWidth x canvasHeight} canvas (nothing to pad). */
  public boolean fills(int canvasWidth, int canvasHeight) {
    return x == 0 && y == 0 && width == canvasWidth && height == canvasHeight;
  }
}
