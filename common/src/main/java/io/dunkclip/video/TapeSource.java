package io.dunkclip.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Where FFmpeg reads a tape from: a local file (FFmpeg's own file I/O), or a {@link SeekableStream} over any other
 * storage. Every reader of tapes (probe, frames, clips) opens its grabber through this.
 */
@FunctionalInterface
public interface TapeSource {
  /** A grabber for the tape, not started; the obvious problems (missing, empty, a directory) reported first. */
  FFmpegFrameGrabber grabber(String tapeName);

  /**
   * This source with FFmpeg's decoder limited to {@code threads} threads (its {@code threads} option); 0 keeps
   * FFmpeg's automatic choice (a thread per core, plus one). Where several decoders already share the cores, one
   * thread each is the cheapest: frame threading costs a few percent more CPU per frame and memory per thread.
   */
  default TapeSource withDecoderThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("Cannot limit decoder threads to " + threads + ": give 0 (automatic) or more");
    }
    if (threads == 0) {
      return this;
    }
    TapeSource inner = this;
    return tapeName -> {
      FFmpegFrameGrabber grabber = inner.grabber(tapeName);
      grabber.setVideoOption("threads", Integer.toString(threads));
      return grabber;
    };
  }

  static TapeSource file(Path file) {
    return tapeName -> Tapes.grabber(file, tapeName);
  }

  /** A tape read through a stream that {@code opener} opens afresh for each grabber; closed with the grabber. */
  static TapeSource stream(Supplier<SeekableStream> opener) {
    return tapeName -> {
      Tapes.quietFfmpeg();
      SeekableStream stream = opener.get();
      if (stream.length() == 0) {
        try {
          stream.close();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot close " + stream.location(), e);
        }
        throw new TapeException(tapeName, "the file is empty (0 bytes)");
      }
      return new StreamGrabber(stream);
    };
  }

  /** JavaCV rewinds but does not close a seekable input stream when the grabber is released: this closes it. */
  final class StreamGrabber extends FFmpegFrameGrabber {
    private final SeekableStream stream;

    StreamGrabber(SeekableStream stream) {
      super(stream, Integer.MAX_VALUE - 8); // a positive maximum size turns JavaCV's seek callback on
      this.stream = stream;
    }

    @Override
    public void close() throws FrameGrabber.Exception {
      try {
        super.close();
      } finally {
        try {
          stream.close();
        } catch (IOException e) {
          throw new FrameGrabber.Exception("Cannot close " + stream.location() + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
