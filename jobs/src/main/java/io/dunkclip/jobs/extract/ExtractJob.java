package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeError;
import io.dunkclip.jobs.spark.TapeInputs;
import io.dunkclip.jobs.spark.TapeSegment;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Decodes tapes into a frames dataset: each tape is cut into segments of frames that run as separate Spark tasks,
 * every frame comes out once, upright, resized (stretched or padded), with its presentation-order number. The
 * dataset is Parquet partitioned by {@code video} ({@link ParquetFrames}) or one JPEG per frame
 * ({@link FrameFiles}); beside it {@code _tapes.csv} lists each tape's frame count and {@code _errors.csv} every tape
 * that failed and why. The whole directory is committed at once: a killed run leaves the previous result.
 */
public final class ExtractJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractJob.class);

  private ExtractJob() {}

  /**
   * The frames of tapes as a Dataset with the frames dataset's columns, decoded when it is used and written nowhere
   * (for notebooks; {@code config.output()} and {@code format} are unused). Tapes that cannot be read are logged with
   * their reason and left out.
   */
  public static Dataset<Row> frames(SparkSession spark, ExtractConfig config) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    ProbedTapes probed = ProbedTapes.probe(sc, TapeInputs.resolve(config.input(), conf.get()), conf);
    probed.errors().forEach(error -> LOG.warn("Leaving out tape {}", error.describe()));
    List<TapeSegment> segments = probed.segments(config.segmentFrames());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    CollectionAccumulator<TapeError> errors = sc.sc().collectionAccumulator("dunkclip.frames.errors");
    LongAccumulator decoded = sc.sc().longAccumulator("dunkclip.frames.decoded");
    JavaRDD<Row> rows = sc.parallelize(segments, Math.max(1, segments.size()))
        .mapPartitions(part -> ParquetFrames.decode(part, infos.value(), conf, config, errors, decoded));
    return spark.createDataFrame(rows, FrameRows.SCHEMA);
  }

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
    JavaRDD<TapeSegment> tasks = sc.parallelize(segments, Math.max(1, segments.size()));

    Path output = new Path(config.output());
    long framesWritten;
    try {
      FileSystem fs = output.getFileSystem(conf.get());
      Path qualified = fs.makeQualified(output);
      Path temp = Outputs.temporarySibling(qualified);
      sc.setJobDescription("dunkclip: extract " + probed.tapes().size() + " tape(s) in " + segments.size()
          + " segment(s) to " + config.width() + "x" + config.height() + " " + config.fit().id() + " as "
          + config.format().id());
      try {
        switch (config.format()) {
          case PARQUET -> framesWritten =
              ParquetFrames.write(spark, tasks, infos, conf, config, decodeErrors, temp.toString());
          case JPG -> {
            fs.mkdirs(temp);
            framesWritten = FrameFiles.write(tasks, infos, conf, config, decodeErrors, temp.toString());
          }
          default -> throw new IllegalStateException("No writer for format " + config.format());
        }
        errors.addAll(decodeErrors.value());
        TapeTable.write(Outputs.child(temp.toString(), TapeTable.FILE_NAME), probed, conf.get());
        ErrorTable.write(Outputs.child(temp.toString(), ErrorTable.FILE_NAME), errors, conf.get());
        Outputs.replace(fs, conf.get(), temp, qualified);
      } catch (Exception e) {
        // Exception, not only IOException and RuntimeException: a failed Spark job throws SparkException, which is
        // checked but undeclared. The half-written result is unreachable under its hidden name; remove it rather
        // than leave it to pile up. Rethrown as it is (precise rethrow keeps the declared types).
        try {
          fs.delete(temp, true);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write frames to " + config.output() + ": " + e.getMessage(), e);
    }
    return new ExtractResult(config.output(), probed.tapes().size(), framesWritten, List.copyOf(errors),
        (System.nanoTime() - started) / 1e9);
  }
}
