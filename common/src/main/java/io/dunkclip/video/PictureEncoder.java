package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Encodes packed RGB pictures of one size as image files (PNG or JPEG), one after another, reusing its encoder.
 *
 * <p>PNG goes through FFmpeg's own PNG encoder without row prediction, at one of two {@link PngDeflate} settings:
 * zlib level 1 for pictures stored on their own (about three times faster than {@code ImageIO}'s PNG writer, which
 * tries every row filter at deflate level 9, for files about 20% larger), or stored deflate blocks for pictures that
 * a compressing container such as a zstd Parquet page holds. Either way the files are ordinary lossless PNGs that any
 * reader opens. JPEG stays with {@code ImageIO}, whose writer is the
 * JDK's native libjpeg and already cheap next to decoding.
 *
 * <p>Not thread-safe; holds native memory until {@link #close()}.
 */
public final class PictureEncoder implements AutoCloseable {
  /** How a PNG's pixels are deflated. */
  public enum PngDeflate {
    /**
     * zlib level 1: the knee of the speed/size curve measured on decoded frames (level 6 was 3x slower, 23% smaller).
     */
    FAST(1),
    /**
     * zlib level 0, stored blocks: the PNG is as large as its pixels, for a container that compresses it anyway.
     * Measured on 224x224 frames of a 1080p tape: 0.35 ms per frame, plus 0.55 ms for zstd level 1 over it, against
     * 1.5 ms for level 1, and the zstd page came out 5% smaller than the level-1 PNG.
     */
    STORED(0);

    private final int zlibLevel;

    PngDeflate(int zlibLevel) {
      this.zlibLevel = zlibLevel;
    }
  }

  private final String format;
  private final PngDeflate deflate;
  private final int width;
  private final int height;
  private AVCodecContext context;
  private AVFrame frame;
  private AVPacket packet;

  private PictureEncoder(String format, PngDeflate deflate, int width, int height) {
    this.format = format;
    this.deflate = deflate;
    this.width = width;
    this.height = height;
  }

  /**
   * An encoder for {@code width x height} pictures as {@code format} ({@code png} or {@code jpg}, as
   * {@code --image-format} takes them).
   */
  public static PictureEncoder open(String format, int width, int height) {
    return open(format, width, height, PngDeflate.FAST);
  }

  /**
   * An encoder for {@code width x height} pictures as {@code format}, deflating PNGs as {@code deflate} says (JPEG
   * ignores it).
   */
  public static PictureEncoder open(String format, int width, int height, PngDeflate deflate) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "Cannot encode pictures: width and height must be positive (size=" + width + "x" + height + ")");
    }
    String id = format.toLowerCase(Locale.ROOT);
    PictureEncoder encoder = new PictureEncoder(id, java.util.Objects.requireNonNull(deflate, "deflate"), width,
        height);
    switch (id) {
      case "png" -> encoder.openPng();
      case "jpg", "jpeg" -> { } // ImageIO needs no state
      default -> throw new IllegalArgumentException(
          "Cannot encode pictures: unknown image format (image-format=" + format + "); use png or jpg");
    }
    return encoder;
  }

  public String format() {
    return format;
  }

  /** The image file of one packed RGB picture of this encoder's size. */
  public byte[] encode(byte[] rgb) {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("Cannot encode a picture of " + rgb.length + " bytes: this encoder takes "
          + width + "x" + height + " RGB pictures of " + (width * height * 3) + " bytes");
    }
    return context == null ? encodeWithImageIo(rgb) : encodePng(rgb);
  }

  private void openPng() {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("Cannot encode PNG: this FFmpeg build has no PNG encoder");
    }
    context = avcodec_alloc_context3(codec);
    context.width(width);
    context.height(height);
    context.pix_fmt(AV_PIX_FMT_RGB24);
    context.time_base(av_make_q(1, 25)); // required by avcodec_open2, meaningless for single pictures
    context.compression_level(deflate.zlibLevel);
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "pred", "none", 0);
      check(avcodec_open2(context, codec, options), "open the PNG encoder");
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      av_dict_free(options);
    }
    frame = av_frame_alloc();
    frame.format(AV_PIX_FMT_RGB24);
    frame.width(width);
    frame.height(height);
    check(av_frame_get_buffer(frame, 0), "allocate a picture");
    packet = av_packet_alloc();
  }

  private byte[] encodePng(byte[] rgb) {
    check(av_frame_make_writable(frame), "reuse the picture buffer");
    BytePointer plane = frame.data(0);
    int stride = frame.linesize(0);
    int rowBytes = width * 3;
    for (int y = 0; y < height; y++) {
      plane.position((long) y * stride).put(rgb, y * rowBytes, rowBytes);
    }
    plane.position(0);
    check(avcodec_send_frame(context, frame), "encode a PNG");
    check(avcodec_receive_packet(context, packet), "encode a PNG");
    try {
      byte[] file = new byte[packet.size()];
      packet.data().get(file);
      return file;
    } finally {
      av_packet_unref(packet);
    }
  }

  private byte[] encodeWithImageIo(byte[] rgb) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.length / 8);
    try {
      if (!ImageIO.write(Rgb.toImage(rgb, width, height), "jpg", bytes)) {
        throw new IllegalStateException("Cannot encode JPEG: no JPEG writer in this JVM (ImageIO)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a " + width + "x" + height + " picture as JPEG", e);
    }
    return bytes.toByteArray();
  }

  private static void check(int status, String what) {
    if (status < 0) {
      byte[] message = new byte[256];
      av_strerror(status, message, message.length);
      String text = new String(message, java.nio.charset.StandardCharsets.US_ASCII).trim();
      throw new IllegalStateException("Cannot " + what + ": FFmpeg error " + status + " (" + text + ")");
    }
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }
}
