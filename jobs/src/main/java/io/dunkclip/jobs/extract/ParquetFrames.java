package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.TapeError;
import io.dunkclip.jobs.spark.TapeSegment;
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
  private ParquetFrames() {}

  /**
   * Decodes {@code segments} into a Parquet dataset at {@code target} (which must not exist yet) and returns the
   * number of rows written, counted as they are written: reading the dataset back would cost a pass and fails on an
   * empty one (every tape bad), which must be a report, not an error.
   */
  static long write(SparkSession spark, JavaRDD<TapeSegment> segments, Broadcast<Map<String, TapeInfo>> infos,
      HadoopConf conf, ExtractConfig config, CollectionAccumulator<TapeError> errors, String target) {
    LongAccumulator written = spark.sparkContext().longAccumulator("dunkclip.extract.frames");
    JavaRDD<Row> rows = segments.mapPartitions(part -> decode(part, infos.value(), conf, config, errors, written));
    spark.createDataFrame(rows, FrameRows.SCHEMA)
        .write()
        .mode(SaveMode.ErrorIfExists)
        // The image column is PNG or JPEG, already compressed: Parquet's snappy would spend CPU on every byte of it
        // for nothing; the small columns are dictionary- and run-length-encoded either way.
        .option("compression", "none")
        .partitionBy(FrameRows.VIDEO)
        .parquet(target);
    return written.value();
  }

  static Iterator<Row> decode(Iterator<TapeSegment> segments, Map<String, TapeInfo> infos, HadoopConf conf,
      ExtractConfig config, CollectionAccumulator<TapeError> errors, LongAccumulator written) {
    List<Row> rows = new ArrayList<>();
    try (FrameEncoder encoder = new FrameEncoder(config.imageFormat())) {
      while (segments.hasNext()) {
        TapeSegment segment = segments.next();
        String video = segment.tape().name();
        SegmentDecoder.decode(segment, infos.get(video), conf, config, errors,
            frame -> rows.add(FrameRows.row(video, frame, encoder)));
      }
    }
    written.add(rows.size());
    return rows.iterator();
  }
}
