package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.video.PictureEncoder.PngDeflate;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/** The {@link ExtractFormat#PARQUET} layout: one row per frame, partitioned by {@code video}. */
final class ParquetFrames {
  /** zstd level 1 for pages of stored PNGs: Parquet's default level 3 took about twice the CPU for 5% less size. */
  static final String PNG_PAGE_ZSTD_LEVEL = "1";

  private ParquetFrames() {}

  /**
   * Decodes {@code segments} into a Parquet dataset at {@code target} (which must not exist yet) and returns the
   * number of rows written, counted as they are written: reading the dataset back would cost a pass and fails on an
   * empty one (every tape bad), which must be a report, not an error.
   */
  static long write(SparkSession spark, JavaRDD<TapeSegment> segments, Broadcast<Map<String, TapeInfo>> infos,
      HadoopConf conf, ExtractConfig config, CollectionAccumulator<TapeError> errors, String target) {
    LongAccumulator written = spark.sparkContext().longAccumulator("dunkclip.extract.frames");
    boolean png = config.imageFormat().equals("png");
    PngDeflate deflate = png ? PngDeflate.STORED : PngDeflate.FAST;
    JavaRDD<Row> rows =
        segments.mapPartitions(part -> decode(part, infos.value(), conf, config, deflate, errors, written));
    spark.createDataFrame(rows, FrameRows.SCHEMA)
        .write()
        .mode(SaveMode.ErrorIfExists)
        // PNGs go in with stored deflate blocks and the pages are compressed with zstd level 1: half the CPU of
        // deflating each PNG at zlib level 1, for a dataset a little smaller (PictureEncoder.PngDeflate.STORED). JPEG
        // is compressed already, so its pages are not; the small columns are dictionary- and run-length-encoded
        // either way. Options of a write reach the Hadoop configuration of its tasks, where Parquet reads the level.
        .option("compression", png ? "zstd" : "none")
        .option("parquet.compression.codec.zstd.level", PNG_PAGE_ZSTD_LEVEL)
        .partitionBy(FrameRows.VIDEO)
        .parquet(target);
    return written.value();
  }

  /**
   * Decodes {@code segments} into frame rows, PNGs deflated as {@code deflate} says: stored when a compressing Parquet
   * writer follows, fast when the rows stay in memory or go to a writer of the caller's choosing.
   */
  static Iterator<Row> decode(Iterator<TapeSegment> segments, Map<String, TapeInfo> infos, HadoopConf conf,
      ExtractConfig config, PngDeflate deflate, CollectionAccumulator<TapeError> errors, LongAccumulator written) {
    List<Row> rows = new ArrayList<>();
    try (FrameEncoder encoder = new FrameEncoder(config.imageFormat(), deflate)) {
      while (segments.hasNext()) {
        TapeSegment segment = segments.next();
        String video = segment.tape().name();
        SegmentDecoder.decode(segment, infos.get(video), conf, config, errors,
            frame -> rows.add(FrameRows.row(video, frame, encoder.encode(frame))));
      }
    }
    written.add(rows.size());
    return rows.iterator();
  }
}
