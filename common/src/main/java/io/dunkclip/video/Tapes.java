package io.dunkclip.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Opening tapes with FFmpeg: the checks and settings every reader shares. */
public final class Tapes {
  private static volatile boolean logLevelSet;

  private Tapes() {}

  /**
   * Checks that {@code file} looks like something FFmpeg could open and returns a grabber for it (not started). A
   * missing path, a directory or an empty file gets a reason a person understands rather than FFmpeg's error code.
   */
  public static FFmpegFrameGrabber grabber(Path file, String tapeName) {
    quietFfmpeg();
    if (!Files.exists(file)) {
      throw new TapeException(tapeName, "no such file (" + file + ")");
    }
    if (Files.isDirectory(file)) {
      throw new TapeException(tapeName, "is a directory, not a video file (" + file + ")");
    }
    try {
      if (Files.size(file) == 0) {
        throw new TapeException(tapeName, "the file is empty (0 bytes)");
      }
    } catch (java.io.IOException e) {
      throw new TapeException(tapeName, "cannot read its size: " + e.getMessage(), e);
    }
    return new FFmpegFrameGrabber(file.toFile());
  }

  /** Starts the grabber, turning FFmpeg's failure into a {@link TapeException} that says what the file is not. */
  public static void start(FFmpegFrameGrabber grabber, String tapeName) {
    try {
      grabber.start();
    } catch (FrameGrabber.Exception e) {
      throw new TapeException(tapeName, "not a readable video container (" + firstLine(e.getMessage()) + ")", e);
    }
    if (grabber.getVideoCodec() == 0 && grabber.getImageWidth() <= 0) {
      throw new TapeException(tapeName, "has no video stream (audio-only or data file)");
    }
  }

  /** FFmpeg logs every recoverable glitch to stderr; our own errors say what matters. */
  public static void quietFfmpeg() {
    if (!logLevelSet) {
      av_log_set_level(AV_LOG_ERROR);
      logLevelSet = true;
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
  }
}
