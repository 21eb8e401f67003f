package io.dunkclip.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A tape's bytes as a stream FFmpeg can seek in, for tapes that are not local files (HDFS, S3): JavaCV seeks in an
 * {@link InputStream} by {@code reset()} to the mark set at the start and {@code skip(n)} forward, and learns the
 * size by skipping to the end. Here those are real seeks, so decoding a segment reads only the container's index
 * and that segment's bytes, never the whole tape.
 */
public abstract class SeekableStream extends InputStream {
  private long mark;

  /** The tape's location, for messages (FFmpeg also sees it as the "file name" and takes the format hint from it). */
  public abstract String location();

  /** The stream's length in bytes. */
  public abstract long length();

  /** The position of the next byte read. */
  public abstract long position() throws IOException;

  /** Moves to {@code position} (0 to {@link #length()}). */
  public abstract void seek(long position) throws IOException;

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    try {
      mark = position(); // no read limit: the whole stream stays reachable by seeking
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot mark a position in " + location(), e);
    }
  }

  @Override
  public synchronized void reset() throws IOException {
    seek(mark);
  }

  @Override
  public long skip(long n) throws IOException {
    long from = position();
    // JavaCV skips Long.MAX_VALUE to find the end: clamp without overflowing.
    long to = n <= 0 ? from : (n >= length() - from ? Math.max(from, length()) : from + n);
    if (to != from) {
      seek(to);
    }
    return to - from;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public String toString() {
    return location();
  }
}
