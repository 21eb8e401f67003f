package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.PictureEncoder.PngDeflate;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The {@link ExtractFormat#JPG} layout: one JPEG per frame at {@code DIR/<video>/frame-000405.jpg} (six digits or
 * more, the frame's presentation-order index), written by the tasks themselves through the Hadoop {@link FileSystem}
 * so the directory can live on HDFS or S3 as well as on a local disk.
 */
public final class FrameFiles {
  private FrameFiles() {}

  /** The file name of frame {@code index}: {@code frame-000405.jpg}. */
  public static String fileName(long index) {
    return String.format(Locale.ROOT, "frame-%06d.jpg", index);
  }

  /** Where frame {@code index} of {@code video} lies under the output directory {@code dir}. */
  public static Path file(String dir, String video, long index) {
    return new Path(new Path(dir, video), fileName(index));
  }

  /**
   * Decodes {@code segments} into image files under {@code dir} and returns how many frames were written. A task
   * that runs again overwrites its own files with the same pictures, so retries leave no duplicates. Files are written
   * in place, without a per-attempt commit, so {@code spark.speculation} (off by default) must stay off: a losing
   * speculative attempt could truncate a file the winner wrote.
   */
  static long write(JavaRDD<TapeSegment> segments, Broadcast<Map<String, TapeInfo>> infos, HadoopConf conf,
      ExtractConfig config, CollectionAccumulator<TapeError> errors, String dir) {
    if (segments.context().getConf().getBoolean("spark.speculation", false)) {
      throw new IllegalArgumentException("Cannot extract frames as files: a speculative copy of a task could truncate "
          + "an image the first copy wrote (spark.speculation=true); turn it off or use --format parquet");
    }
    return segments
        .map(segment -> writeSegment(segment, infos.value(), conf, config, errors, dir))
        .fold(0L, Long::sum);
  }

  private static long writeSegment(TapeSegment segment, Map<String, TapeInfo> infos, HadoopConf conf,
      ExtractConfig config, CollectionAccumulator<TapeError> errors, String dir) throws IOException {
    String video = segment.tape().name();
    // Plain image files are the point of this layout: no .crc beside each one on a local disk.
    FileSystem fs = Outputs.withoutChecksumFiles(new Path(dir).getFileSystem(conf.get()));
    try (FrameEncoder encoder = new FrameEncoder(config.imageFormat(), PngDeflate.FAST)) {
      return SegmentDecoder.decode(segment, infos.get(video), conf, config, errors,
          frame -> writeFrame(fs, file(dir, video, frame.index()), frame, encoder));
    }
  }

  private static void writeFrame(FileSystem fs, Path file, DecodedFrame frame, FrameEncoder encoder) {
    byte[] image = encoder.encode(frame);
    try (OutputStream out = Outputs.create(fs, file, true)) {
      out.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write frame " + frame.index() + " to " + file + ": " + e.getMessage(), e);
    }
  }
}
