package io.dunkclip.jobs.detect;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.TapeSources;
import io.dunkclip.jobs.spark.ModelPool;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeError;
import io.dunkclip.jobs.spark.TapeInputs;
import io.dunkclip.jobs.spark.TapeSegment;
import io.dunkclip.jobs.extract.ErrorTable;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Finds the clips in tapes with a trained model. Each segment task decodes its frames straight from the tape at the
 * model's input size, scores them in batches with the executor's copy of the model, and reduces them to runs; the
 * driver stitches the runs of each tape (exact across segment boundaries) and applies the clip policy. Writes
 * {@code clips.csv}, the per-frame {@code scores} Parquet dataset and {@code _errors.csv} under the output directory.
 */
public final class DetectJob {
  public static final String CLIPS_FILE = "clips.csv";
  public static final String SCORES_DIR = "scores";
  static final StructType SCORE_SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("frame", DataTypes.LongType, false)
      .add("score", DataTypes.FloatType, false);

  private DetectJob() {}

  /**
   * Tapes probed and their segments scored: {@code segments} is lazy and persisted (MEMORY_AND_DISK); whoever gets
   * it unpersists it and destroys {@code model} when done.
   */
  public record Scoring(ModelMetadata metadata, ProbedTapes probed, List<TapeSegment> segmentPlan,
      JavaRDD<SegmentScores> segments, Broadcast<byte[]> model) {}

  /** Probes the tapes of {@code config.input()} and plans the scoring of every segment (run when first used). */
  public static Scoring score(JavaSparkContext sc, DetectConfig config) {
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    byte[] modelFile = readModelFile(config.model(), conf.get());
    ModelMetadata metadata = readMetadata(modelFile, config.model());
    double exit = config.exit(metadata.threshold());

    ProbedTapes probed = ProbedTapes.probe(sc, TapeInputs.resolve(config.input(), conf.get()), conf);
    List<TapeSegment> segments = probed.segments(config.segmentFrames());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    Broadcast<byte[]> model = sc.broadcast(modelFile);
    String modelKey = config.model() + "@" + metadata.modelVersion();
    int batchSize = config.batchSize();

    sc.setJobDescription("dunkclip: detect in " + probed.tapes().size() + " tape(s), " + segments.size()
        + " segment(s)");
    JavaRDD<SegmentScores> scored = sc.parallelize(segments, Math.max(1, segments.size()))
        .map(segment -> score(segment, infos.value().get(segment.tape().name()), conf, modelKey, model.value(),
            batchSize, exit))
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new Scoring(metadata, probed, segments, scored, model);
  }

  public static DetectResult run(SparkSession spark, DetectConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    Scoring scoring = score(sc, config);
    ModelMetadata metadata = scoring.metadata();
    ProbedTapes probed = scoring.probed();
    List<TapeError> errors = new ArrayList<>(probed.errors());
    List<TapeSegment> segments = scoring.segmentPlan();
    JavaRDD<SegmentScores> scored = scoring.segments();
    Broadcast<byte[]> model = scoring.model();
    List<SegmentScores> summaries = scored.map(s -> new SegmentScores(s.video(), s.first(), new float[0], s.runs(),
        s.error())).collect();

    Map<String, List<ScoreRun>> runsByVideo = new LinkedHashMap<>();
    for (TapeSegment segment : segments) {
      runsByVideo.putIfAbsent(segment.tape().name(), new ArrayList<>());
    }
    for (SegmentScores summary : summaries) {
      runsByVideo.get(summary.video()).addAll(summary.runs());
      if (summary.error() != null) {
        TapeInfo info = probed.infos().get(summary.video());
        errors.add(new TapeError(summary.video(), info.tape(), "decode", summary.error(), 0));
      }
    }
    List<ClipRow> rows = new ArrayList<>();
    for (Map.Entry<String, List<ScoreRun>> entry : runsByVideo.entrySet()) {
      rows.addAll(clipRows(entry.getKey(), entry.getValue(), probed.infos().get(entry.getKey()), config,
          metadata.threshold()));
    }
    rows.sort(Comparator.comparing(ClipRow::video).thenComparingInt(ClipRow::clip));

    Outputs.mkdirs(config.output(), conf.get());
    writeScores(spark, scored, Outputs.child(config.output(), SCORES_DIR), conf.get());
    scored.unpersist();
    model.destroy();
    String clipsCsv = Outputs.child(config.output(), CLIPS_FILE);
    CsvFiles.writeClips(clipsCsv, rows, conf.get());
    ErrorTable.write(Outputs.child(config.output(), ErrorTable.FILE_NAME), errors, conf.get());
    DetectResult result = new DetectResult(clipsCsv, probed.tapes().size(), probed.totalFrames(), List.copyOf(rows),
        List.copyOf(errors), config.enter(metadata.threshold()), (System.nanoTime() - started) / 1e9);
    ReportJob.afterDetect(spark, config, result, config.exit(metadata.threshold()));
    return result;
  }

  /**
   * The clips of one tape from its runs of frames above the exit threshold (in any order, cut anywhere), numbered
   * from 1, with clips.csv times.
   */
  public static List<ClipRow> clipRows(String video, List<ScoreRun> runs, TapeInfo info, DetectConfig config,
      double modelThreshold) {
    ClipPolicy policy = config.policy(modelThreshold, info.frameRate());
    List<ClipRow> rows = new ArrayList<>();
    int number = 1;
    for (Clip clip : ClipBuilder.clips(RunReducer.stitch(runs), info.frameCount(), policy)) {
      rows.add(clipRow(video, number++, clip, info));
    }
    return rows;
  }

  /** clips.csv times: from the clip's first frame to the end of its last frame's display, tape-relative. */
  static ClipRow clipRow(String video, int number, Clip clip, TapeInfo info) {
    double start = info.secondsAt(clip.range().first());
    double end = info.secondsAt(clip.range().last()) + info.frameDurationMicros(clip.range().last()) / 1e6;
    return new ClipRow(video, number, clip.range(), start, end, clip.score());
  }

  private static SegmentScores score(TapeSegment segment, TapeInfo info, HadoopConf conf, String modelKey,
      byte[] modelFile, int batchSize, double exitThreshold) {
    DunkModel model = ModelPool.borrow(modelKey, modelFile);
    int frames = (int) (segment.last() - segment.first() + 1);
    float[] scores = new float[frames];
    int[] done = {0};
    String error = null;
    try (FrameReader reader = new FrameReader(TapeSources.of(segment.tape(), conf.get()), info,
        model.metadata().inputWidth(), model.metadata().inputHeight(),
        io.dunkclip.video.Fit.parse(model.metadata().fit()))) {
      FrameScorer scorer = new FrameScorer(model);
      List<byte[]> batch = new ArrayList<>(batchSize);
      reader.read(segment.first(), segment.last(), frame -> {
        batch.add(frame.rgb());
        if (batch.size() == batchSize) {
          System.arraycopy(scorer.score(batch), 0, scores, done[0], batch.size());
          done[0] += batch.size();
          batch.clear();
        }
      });
      if (!batch.isEmpty()) {
        System.arraycopy(scorer.score(batch), 0, scores, done[0], batch.size());
        done[0] += batch.size();
      }
    } catch (TapeException e) {
      error = e.reason() + " (segment " + segment.first() + ".." + segment.last() + ")";
    } finally {
      ModelPool.release(modelKey, model);
    }
    float[] kept = done[0] == frames ? scores : Arrays.copyOf(scores, done[0]);
    double[] asDouble = new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      asDouble[i] = kept[i];
    }
    return new SegmentScores(segment.tape().name(), segment.first(), kept,
        RunReducer.runs(segment.first(), asDouble, exitThreshold), error);
  }

  private static void writeScores(SparkSession spark, JavaRDD<SegmentScores> scored, String target,
      Configuration conf) {
    JavaRDD<Row> rows = scored.flatMap(s -> {
      List<Row> out = new ArrayList<>(s.scores().length);
      for (int i = 0; i < s.scores().length; i++) {
        out.add(RowFactory.create(s.video(), s.first() + i, s.scores()[i]));
      }
      return out.iterator();
    });
    Path path = new Path(target);
    try {
      org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      Path temp = Outputs.temporarySibling(qualified);
      spark.createDataFrame(rows, SCORE_SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(temp.toString());
      Outputs.replace(fs, conf, temp, qualified);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write scores to " + target + ": " + e.getMessage(), e);
    }
  }

  public static byte[] readModelFile(String location, Configuration conf) {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model " + location + ": " + e.getMessage()
          + " (train one with `dunkclip train --model " + location + "`)", e);
    }
  }

  public static ModelMetadata readMetadata(byte[] modelFile, String location) {
    try {
      return DunkModel.read(new ByteArrayInputStream(modelFile), location).metadata();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
