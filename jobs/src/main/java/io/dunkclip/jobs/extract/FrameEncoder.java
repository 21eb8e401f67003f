package io.dunkclip.jobs.extract;

import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.PictureEncoder;
import io.dunkclip.video.PictureEncoder.PngDeflate;

/**
 * Encodes a task's frames as image files with one native encoder, opened on the first frame and again only when the
 * picture size changes (tapes extracted at their own size differ). Lives inside one task: native encoders never
 * travel in closures.
 */
final class FrameEncoder implements AutoCloseable {
  private final String imageFormat;
  private final PngDeflate pngDeflate;
  private PictureEncoder encoder;
  private int width;
  private int height;

  FrameEncoder(String imageFormat, PngDeflate pngDeflate) {
    this.imageFormat = imageFormat;
    this.pngDeflate = pngDeflate;
  }

  byte[] encode(DecodedFrame frame) {
    if (encoder == null || frame.width() != width || frame.height() != height) {
      close();
      encoder = PictureEncoder.open(imageFormat, frame.width(), frame.height(), pngDeflate);
      width = frame.width();
      height = frame.height();
    }
    return encoder.encode(frame.rgb());
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close();
      encoder = null;
    }
  }
}
