package io.dunkclip.jobs.tapes;

import io.dunkclip.video.SeekableStream;
import io.dunkclip.video.TapeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A tape on any Hadoop filesystem (HDFS, S3A, ...) read in place by FFmpeg: its reads and seeks go straight to the
 * filesystem's stream, so a task decoding one segment fetches the container's index and that segment's bytes only.
 * Opened with the random-access read policy where the filesystem has one (S3A), since MP4 readers jump between the
 * index (often at the end) and the frames.
 */
final class HadoopTapeStream extends SeekableStream {
  private final FSDataInputStream in;
  private final long length;
  private final String location;

  private HadoopTapeStream(FSDataInputStream in, long length, String location) {
    this.in = in;
    this.length = length;
    this.location = location;
  }

  static HadoopTapeStream open(TapeRef tape, Configuration conf) {
    Path path = new Path(tape.uri());
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        throw new TapeException(tape.name(), "is a directory, not a video file (" + tape.uri() + ")");
      }
      FSDataInputStream in = fs.openFile(path)
          .withFileStatus(status)
          .opt("fs.s3a.experimental.input.fadvise", "random")
          .build()
          .get();
      return new HadoopTapeStream(in, status.getLen(), tape.uri());
    } catch (FileNotFoundException e) {
      throw new TapeException(tape.name(), "no such file (" + tape.uri() + ")", e);
    } catch (IOException e) {
      throw new TapeException(tape.name(), "cannot be opened: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TapeException(tape.name(), "opening was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof FileNotFoundException) {
        throw new TapeException(tape.name(), "no such file (" + tape.uri() + ")", cause);
      }
      throw new TapeException(tape.name(), "cannot be opened: " + cause.getMessage(), cause);
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long position() throws IOException {
    return in.getPos();
  }

  @Override
  public void seek(long position) throws IOException {
    in.seek(position);
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("reading " + location + " was interrupted (task killed)");
    }
    return in.read(buffer, offset, count);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
