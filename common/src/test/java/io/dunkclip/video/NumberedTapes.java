package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Test tapes whose every frame shows its own number: 12 bits as 16x16 black or white blocks along the top of the
 * upright picture. Decoding a frame and reading the blocks back tells, independently of any timestamp, which frame
 * it really is — the check for frame-exact seeking and rotation.
 */
public final class NumberedTapes {
  public static final int BLOCK = 16;
  public static final int BITS = 12;

  private NumberedTapes() {}

  /**
   * Writes {@code frames} numbered frames. {@code uprightWidth x uprightHeight} is what a viewer sees; a rotation of
   * 90/270 stores the picture turned and tags it. {@code vfr} spaces frames irregularly (18–45 fps).
   */
  public static void write(Path file, int frames, int uprightWidth, int uprightHeight, int rotation, int gop,
      boolean vfr, boolean audio) throws Exception {
    boolean quarter = rotation % 180 != 0;
    int codedWidth = quarter ? uprightHeight : uprightWidth;
    int codedHeight = quarter ? uprightWidth : uprightHeight;
    Path unrotated = rotation == 0 ? file : file.resolveSibling("unrotated-" + file.getFileName());
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(unrotated.toFile(), codedWidth, codedHeight,
        audio ? 1 : 0)) {
      recorder.setFormat("mp4");
      recorder.setVideoCodec(AV_CODEC_ID_H264);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(vfr ? 90 : 30);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate(2_000_000);
      if (audio) {
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(44100);
      }
      recorder.start();
      long tick = 0;
      for (int i = 0; i < frames; i++) {
        byte[] upright = picture(i, uprightWidth, uprightHeight);
        byte[] coded = rotateCounterClockwise(upright, uprightWidth, uprightHeight, rotation);
        Frame frame = Rgb.toFrame(coded, codedWidth, codedHeight);
        if (vfr) {
          recorder.setTimestamp(tick * 1_000_000L / 90);
          tick += 2 + (i * 7) % 4; // 2..5 ticks of 1/90 s
        }
        recorder.record(frame, AV_PIX_FMT_RGB24);
        if (audio) {
          short[] tone = new short[44100 / 30];
          for (int s = 0; s < tone.length; s++) {
            tone[s] = (short) (3000 * Math.sin(2 * Math.PI * 440 * (i * tone.length + s) / 44100.0));
          }
          recorder.recordSamples(44100, 1, ShortBuffer.wrap(tone));
        }
      }
      recorder.stop();
    }
    if (rotation != 0) {
      // Tag the stream and copy the packets. The bundled FFmpeg 5.0 CLI turns `rotate=N` into a display matrix of
      // the opposite direction (its own player then turns the picture N degrees counter-clockwise), so we ask for
      // 360-N to get a file that players show upright after turning it N degrees clockwise, like a phone's.
      // FrameReaderTest checks the result against the CLI's own autorotated decode.
      FfmpegTools.run(FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i", unrotated.toString(), "-c", "copy",
          "-metadata:s:v:0", "rotate=" + (360 - rotation) % 360, file.toString());
      java.nio.file.Files.delete(unrotated);
    }
  }

  /** Grey picture with a gradient (so scaling has something to do) and the number blocks on top. */
  static byte[] picture(int number, int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        int value;
        if (y < BLOCK && x < BITS * BLOCK) {
          value = ((number >> (x / BLOCK)) & 1) == 1 ? 255 : 0;
        } else {
          value = 64 + (x * 64 / width) + (y * 64 / height);
        }
        rgb[o] = (byte) value;
        rgb[o + 1] = (byte) value;
        rgb[o + 2] = (byte) value;
      }
    }
    return rgb;
  }

  /** Reads the number back from an upright picture at its original size. */
  public static int readNumber(byte[] rgb, int width) {
    int number = 0;
    for (int bit = 0; bit < BITS; bit++) {
      int x = bit * BLOCK + BLOCK / 2;
      int y = BLOCK / 2;
      int value = rgb[(y * width + x) * 3 + 1] & 0xff;
      if (value > 128) {
        number |= 1 << bit;
      }
    }
    return number;
  }

  /** The stored picture for a tag of {@code rotation}: the upright one turned back (counter-clockwise). */
  static byte[] rotateCounterClockwise(byte[] upright, int width, int height, int rotation) {
    if (rotation == 0) {
      return upright;
    }
    // Rotating clockwise by (360 - rotation) is rotating counter-clockwise by rotation.
    return Rgb.uprightCopy(ByteBuffer.wrap(upright), width, height, width * 3, (360 - rotation) % 360);
  }
}
