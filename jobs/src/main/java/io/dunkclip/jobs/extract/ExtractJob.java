package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.LocalTapes;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeError;
import io.dunkclip.jobs.spark.TapeInputs;
import io.dunkclip.jobs.spark.TapeSegment;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Decodes tapes into a frames dataset: each tape is cut into segments of frames that run as separate Spark tasks,
 * every frame comes out once, upright and resized, with its presentation-order number. The dataset is Parquet,
 * partitioned by {@code video}; beside it {@code _tapes.csv} lists each tape's frame count and {@code _errors.csv}
 * every tape that failed and why. The whole directory is committed at once: a killed run leaves the previous result.
 */
public final class ExtractJob {
  private ExtractJob() {}

  public static ExtractResult run(SparkSession spark, ExtractConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    List<TapeError> errors = new ArrayList<>();
    ProbedTapes probed = ProbedTapes.probe(sc, TapeInputs.resolve(config.input(), conf.get()), conf);
    errors.addAll(probed.errors());

    List<TapeSegment> segments = probed.segments(config.segmentFrames());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    CollectionAccumulator<TapeError> decodeErrors = sc.sc().collectionAccumulator("dunkclip.extract.errors");
    JavaRDD<Row> rows = sc.parallelize(segments, Math.max(1, segments.size()))
        .mapPartitions(part -> decode(part, infos.value(), conf, config, decodeErrors));

    Path output = new Path(config.output());
    try {
      FileSystem fs = output.getFileSystem(conf.get());
      Path qualified = fs.makeQualified(output);
      Path temp = Outputs.temporarySibling(qualified);
      sc.setJobDescription("dunkclip: extract " + probed.tapes().size() + " tape(s) in " + segments.size()
          + " segment(s) to " + config.width() + "x" + config.height());
      spark.createDataFrame(rows, FrameRows.SCHEMA)
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(FrameRows.VIDEO)
          .parquet(temp.toString());
      errors.addAll(decodeErrors.value());
      TapeTable.write(Outputs.child(temp.toString(), TapeTable.FILE_NAME), probed, conf.get());
      ErrorTable.write(Outputs.child(temp.toString(), ErrorTable.FILE_NAME), errors, conf.get());
      Outputs.replace(fs, conf.get(), temp, qualified);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write frames to " + config.output() + ": " + e.getMessage(), e);
    }
    long frames = spark.read().parquet(config.output()).count();
    return new ExtractResult(config.output(), probed.tapes().size(), frames, List.copyOf(errors),
        (System.nanoTime() - started) / 1e9);
  }

  private static Iterator<Row> decode(Iterator<TapeSegment> segments, Map<String, TapeInfo> infos, HadoopConf conf,
      ExtractConfig config, CollectionAccumulator<TapeError> errors) {
    List<Row> rows = new ArrayList<>();
    while (segments.hasNext()) {
      TapeSegment segment = segments.next();
      TapeInfo info = infos.get(segment.tape().name());
      long before = rows.size();
      try (FrameReader reader = new FrameReader(LocalTapes.localFile(segment.tape(), conf.get()), info,
          config.width(), config.height())) {
        reader.read(segment.first(), segment.last(),
            frame -> rows.add(FrameRows.row(segment.tape().name(), frame, config.imageFormat())));
      } catch (TapeException e) {
        // Frames decoded before the damage stay in the dataset; the tape is reported.
        errors.add(new TapeError(segment.tape().name(), segment.tape().uri(), "decode",
            e.reason() + " (segment " + segment.first() + ".." + segment.last() + ")", rows.size() - before));
      }
    }
    return rows.iterator();
  }
}
