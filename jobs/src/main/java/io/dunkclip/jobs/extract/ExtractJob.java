package io.dunkclip.jobs.extract;


import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.DatasetLock;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.video.PictureEncoder.PngDeflate;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * that failed and why. The whole directory is committed at once: a killed run leaves the previous result; with
 * {@code --update} only this run's tapes are replaced inside an existing dataset ({@link ExtractUpdate}).
 *
 * <p>Before any work the output is checked ({@link #claim}): only a frames dataset that extract wrote is replaced; and
 * the run takes the dataset's lock ({@link DatasetLock}) until it ends: one extract of a dataset at a time. A run
 * in which no tape can be read writes nothing and leaves the output as it was (an update still records the tapes'
 * errors in the dataset's {@code _errors.csv}, as it does for any tape that gives no frames).
 */
public final class ExtractJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractJob.class);
  /** The command the output's marker names. */
  static final String COMMAND = "extract";

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
        .mapPartitions(part -> ParquetFrames.decode(part, infos.value(), conf, config, PngDeflate.FAST, errors,
            decoded));
    return spark.createDataFrame(rows, FrameRows.SCHEMA);
  }

  /**
   * What extract writes: the dataset at {@code --output}, replaced as a whole; an unmarked dataset from before the
   * marker is proven extract's by its {@code _tapes.csv}.
   */
  public static OutputGuard.Claim claim(ExtractConfig config) {
    return OutputGuard.Claim.of(COMMAND, "output", config.output(), true).reading("input", config.input())
        .provenBy(TapeTable.FILE_NAME);
  }

  public static ExtractResult run(SparkSession spark, ExtractConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    OutputGuard.check(claim(config), conf.get());
    try (DatasetLock lock = lock(config, conf)) {
      return runLocked(spark, sc, conf, config, started);
    }
  }

  /**
   * The lock of the output dataset, held for the whole run: a second extract of the same output (an update above all,
   * which merges its tables with the dataset's and would delete the first run's staging folder) refuses before any
   * work while the first runs.
   */
  private static DatasetLock lock(ExtractConfig config, HadoopConf conf) {
    return DatasetLock.acquire(COMMAND, config.output(), "write the extract output to " + config.output(),
        "output=" + config.output(), conf.get());
  }

  private static ExtractResult runLocked(SparkSession spark, JavaSparkContext sc, HadoopConf conf,
      ExtractConfig config, long started) {
    List<TapeError> errors = new ArrayList<>();
    if (config.format() == ExtractFormat.PARQUET) {
      warmUpFrameWrite(spark, sc);
    }
    ProbedTapes probed = ProbedTapes.probe(sc, TapeInputs.resolve(config.input(), conf.get()), conf);
    errors.addAll(probed.errors());
    if (probed.tapes().isEmpty() && !ExtractUpdate.updatesExisting(config, conf.get())) {
      LOG.warn("No tape of {} could be read: {} is left as it was", config.input(), config.output());
      return new ExtractResult(config.output(), 0, 0, List.copyOf(errors), (System.nanoTime() - started) / 1e9);
    }

    // Each tape's background, from its keyframes, stored with its frames: train and detect --frames read it there.
    // The jpg layout is plain image files for other tools (train and detect read the Parquet layout only).
    TapeBackgrounds.Estimates backgrounds = config.format() == ExtractFormat.PARQUET
        ? TapeBackgrounds.fromTapes(sc, probed, config.width(), config.height(), config.fit(), conf)
        : new TapeBackgrounds.Estimates(Map.of(), List.of());
    errors.addAll(backgrounds.errors());

    List<TapeSegment> segments = probed.segments(config.segmentFrames());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    CollectionAccumulator<TapeError> decodeErrors = sc.sc().collectionAccumulator("dunkclip.extract.errors");
    JavaRDD<TapeSegment> tasks = sc.parallelize(segments, Math.max(1, segments.size()));

    sc.setJobDescription("dunkclip: extract " + probed.tapes().size() + " tape(s) in " + segments.size()
        + " segment(s) to " + config.width() + "x" + config.height() + " " + config.fit().id() + " as "
        + config.format().id());
    long framesWritten = ExtractUpdate.writeDirectory(spark, config, conf.get(), temp -> {
      long written = switch (config.format()) {
        case PARQUET -> ParquetFrames.write(spark, tasks, infos, conf, config, decodeErrors, temp);
        case JPG -> {
          Outputs.mkdirs(temp, conf.get());
          yield FrameFiles.write(tasks, infos, conf, config, decodeErrors, temp);
        }
      };
      errors.addAll(decodeErrors.value());
      OutputGuard.mark(temp, COMMAND, conf.get());
      BackgroundFiles.writeIntoDataset(temp, backgrounds.backgrounds(), conf.get());
      TapeTable.write(Outputs.child(temp, TapeTable.FILE_NAME), probed, ExtractUpdate.layoutOf(config),
          conf.get());
      ErrorTable.write(Outputs.child(temp, ErrorTable.FILE_NAME), errors, conf.get());
      return written;
    });
    return new ExtractResult(config.output(), probed.tapes().size(), framesWritten, List.copyOf(errors),
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Plans a frames query over no rows on a spare thread while the tapes are probed: Spark SQL's first query in a JVM
   * builds the session state and the analyzer and compiles the row serializer (together about 0.8 s of one core on
   * this 2-core machine), and the real write would otherwise do all that after the probe, while every core waits.
   * The compiled code lands in Spark's code cache, keyed by its text, which the real write's identical serializer hits.
   * Nothing waits for the thread; a failure there shows up again, and is reported, in the real write.
   */
  private static void warmUpFrameWrite(SparkSession spark, JavaSparkContext sc) {
    Thread warm = new Thread(() -> {
      try {
        spark.createDataFrame(sc.<Row>emptyRDD(), FrameRows.SCHEMA).queryExecution().executedPlan().execute();
      } catch (RuntimeException e) {
        LOG.debug("Planning the frames write ahead of time failed; the write itself will report it", e);
      }
    }, "dunkclip-frames-write-warm-up");
    warm.setDaemon(true);
    warm.start();
  }
}
