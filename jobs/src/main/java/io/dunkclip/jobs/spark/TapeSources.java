package io.dunkclip.jobs.spark;

import io.dunkclip.video.TapeSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How a task reads a tape: a local file through FFmpeg's own file I/O, anything else (HDFS, S3A, ...) streamed
 * through the Hadoop FileSystem API ({@link HadoopTapeStream}) without a local copy.
 */
public final class TapeSources {
  private TapeSources() {}

  public static TapeSource of(TapeRef tape, Configuration conf) {
    Path path = new Path(tape.uri());
    if ("file".equals(path.toUri().getScheme())) {
      return TapeSource.file(java.nio.file.Path.of(path.toUri()));
    }
    return TapeSource.stream(() -> HadoopTapeStream.open(tape, conf));
  }
}
