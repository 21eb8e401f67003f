package io.dunkclip.jobs.tapes;

import io.dunkclip.video.TapeSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * How a task reads a tape: a local file through FFmpeg's own file I/O, anything else (HDFS, S3A, ...) streamed
 * through the Hadoop FileSystem API ({@link HadoopTapeStream}) without a local copy.
 */
public final class TapeSources {
  private TapeSources() {}

  /**
   * In a Spark task the decoder gets the task's cores ({@code spark.task.cpus}, 1 by default) and no more: the
   * executor already runs one task per core, so FFmpeg's own thread-per-core choice would put several decoding
   * threads on each core. On the driver FFmpeg chooses.
   */
  public static TapeSource of(TapeRef tape, Configuration conf) {
    Path path = new Path(tape.uri());
    TapeSource source = "file".equals(path.toUri().getScheme())
        ? TapeSource.file(java.nio.file.Path.of(path.toUri()))
        : TapeSource.stream(() -> HadoopTapeStream.open(tape, conf));
    TaskContext task = TaskContext.get();
    return task == null ? source : source.withDecoderThreads(Math.max(1, task.cpus()));
  }
}
