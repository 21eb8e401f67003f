package io.dunkclip.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;

/** Packed 8-bit RGB pictures: rotation to upright, and conversions for the model and for image files. */
public final class Rgb {
  private Rgb() {}

  /**
   * Copies a coded RGB24 picture (rows {@code stride} bytes apart) into a packed, upright array, rotating it
   * {@code clockwiseDegrees} (0, 90, 180 or 270).
   */
  public static byte[] uprightCopy(ByteBuffer coded, int width, int height, int stride, int clockwiseDegrees) {
    byte[] out = new byte[width * height * 3];
    if (clockwiseDegrees == 0) {
      for (int y = 0; y < height; y++) {
        coded.get(y * stride, out, y * width * 3, width * 3);
      }
      return out;
    }
    byte[] src = new byte[width * 3];
    for (int y = 0; y < height; y++) {
      coded.get(y * stride, src, 0, width * 3);
      for (int x = 0; x < width; x++) {
        int target = targetOffset(x, y, width, height, clockwiseDegrees);
        out[target] = src[x * 3];
        out[target + 1] = src[x * 3 + 1];
        out[target + 2] = src[x * 3 + 2];
      }
    }
    return out;
  }

  /**
   * Copies a packed picture of {@code at.width() x at.height()} onto a black {@code canvasWidth x canvasHeight}
   * canvas with its top-left corner at {@code at.x(), at.y()}: the bars of the {@link Fit#PAD} fit.
   */
  public static byte[] onBlackCanvas(byte[] rgb, Placement at, int canvasWidth, int canvasHeight) {
    if (at.x() < 0 || at.y() < 0 || at.x() + at.width() > canvasWidth || at.y() + at.height() > canvasHeight) {
      throw new IllegalArgumentException("Cannot place a " + at.width() + "x" + at.height() + " picture at " + at.x()
          + "," + at.y() + ": it does not fit on the canvas (canvas=" + canvasWidth + "x" + canvasHeight + ")");
    }
    byte[] canvas = new byte[canvasWidth * canvasHeight * 3]; // zeros: black
    int rowBytes = at.width() * 3;
    for (int y = 0; y < at.height(); y++) {
      System.arraycopy(rgb, y * rowBytes, canvas, ((at.y() + y) * canvasWidth + at.x()) * 3, rowBytes);
    }
    return canvas;
  }

  /** Where coded pixel (x, y) lands in the upright picture, as a byte offset. */
  private static int targetOffset(int x, int y, int width, int height, int clockwiseDegrees) {
    switch (clockwiseDegrees) {
      case 90: { // upright is height wide: (x, y) -> (height-1-y, x)
        return (x * height + (height - 1 - y)) * 3;
      }
      case 180:
        return ((height - 1 - y) * width + (width - 1 - x)) * 3;
      case 270: { // (x, y) -> (y, width-1-x)
        return ((width - 1 - x) * height + y) * 3;
      }
      default:
        throw new IllegalArgumentException(
            "Cannot rotate a picture: rotation must be 0, 90, 180 or 270 degrees (rotation=" + clockwiseDegrees + ")");
    }
  }

  /**
   * The model's input layout: channels first (R, G, B planes), values scaled to [0, 1]. Writes into {@code out} at
   * {@code offset} so a whole batch can share one array.
   */
  public static void toChannelsFirst(byte[] rgb, int width, int height, float[] out, int offset) {
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      out[offset + i] = (rgb[i * 3] & 0xff) / 255f;
      out[offset + plane + i] = (rgb[i * 3 + 1] & 0xff) / 255f;
      out[offset + 2 * plane + i] = (rgb[i * 3 + 2] & 0xff) / 255f;
    }
  }

  /**
   * A JavaCV frame holding a packed RGB picture. JavaCV pads each row to a multiple of 8 bytes, so rows are copied
   * one by one at the frame's stride (a 270-pixel-wide row is 810 bytes of picture in 816 of buffer).
   */
  public static org.bytedeco.javacv.Frame toFrame(byte[] rgb, int width, int height) {
    org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(width, height,
        org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
    ByteBuffer buffer = (ByteBuffer) frame.image[0];
    int rowBytes = width * 3;
    for (int y = 0; y < height; y++) {
      buffer.put(y * frame.imageStride, rgb, y * rowBytes, rowBytes);
    }
    return frame;
  }

  /** A Java2D view (copy) of a packed RGB picture, for image files and drawing. */
  public static BufferedImage toImage(byte[] rgb, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < width * height; i++) {
      bgr[i * 3] = rgb[i * 3 + 2];
      bgr[i * 3 + 1] = rgb[i * 3 + 1];
      bgr[i * 3 + 2] = rgb[i * 3];
    }
    return image;
  }

  /** Packed RGB of any Java2D picture. */
  public static byte[] fromImage(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] rgb = new byte[width * height * 3];
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int p = row[x];
        int o = (y * width + x) * 3;
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
      }
    }
    return rgb;
  }
}
