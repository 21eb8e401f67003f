package io.dunkclip.api;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.render.RenderedClip;
import io.dunkclip.video.Fit;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dunkclip from spark-shell or a notebook: {@code val dc = new io.dunkclip.api.Dunkclip(spark)}. Paths are Hadoop
 * paths or globs, as on the command line. Tapes that cannot be read are logged with their reason and left out.
 *
 * <p>{@link #clips} needs to know each tape's frame table, which {@link #scores} (of this object) probed; the tables
 * are kept here for the life of the object.
 */
public final class Dunkclip {
  /** The per-frame scores: {@code timestamp} is the frame's presentation time in seconds. */
  public static final StructType SCORES_SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("frame", DataTypes.LongType, false)
      .add("timestamp", DataTypes.DoubleType, false)
      .add("score", DataTypes.FloatType, false);
  /** The columns of clips.csv. */
  public static final StructType CLIPS_SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("clip", DataTypes.IntegerType, false)
      .add("start_frame", DataTypes.LongType, false)
      .add("end_frame", DataTypes.LongType, false)
      .add("start_sec", DataTypes.DoubleType, false)
      .add("end_sec", DataTypes.DoubleType, false)
      .add("score", DataTypes.DoubleType, false);
  /** The columns of render's manifest.csv ({@code error} is null for a rendered clip). */
  public static final StructType MANIFEST_SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("clip", DataTypes.IntegerType, false)
      .add("start_frame", DataTypes.LongType, false)
      .add("end_frame", DataTypes.LongType, false)
      .add("file", DataTypes.StringType, false)
      .add("frames", DataTypes.LongType, false)
      .add("audio_samples", DataTypes.LongType, false)
      .add("seconds", DataTypes.DoubleType, false)
      .add("error", DataTypes.StringType, true);
  private static final Logger LOG = LoggerFactory.getLogger(Dunkclip.class);

  private final SparkSession spark;
  private final JavaSparkContext sc;
  private final Map<String, TapeInfo> tapes = new ConcurrentHashMap<>();

  public Dunkclip(SparkSession spark) {
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /**
   * The frames of tapes, upright and stretched to {@code width x height}, with the frames dataset's columns
   * ({@code frame, timestamp_us, width, height, image, video}; {@code image} is a PNG). Decoded when used.
   */
  public Dataset<Row> frames(String pathOrGlob, int width, int height) {
    return ExtractJob.frames(spark, ExtractConfig.builder(pathOrGlob, "").size(width, height)
        .fit(Fit.STRETCH).build());
  }

  /**
   * Every frame's score with a model ({@code video, frame, timestamp, score}), scored once (the scores are cached
   * in memory and on local disk until the session ends).
   */
  public Dataset<Row> scores(String tapesPathOrGlob, String modelPath) {
    DetectJob.TapeScoring scoring = DetectJob.score(sc,
        DetectConfig.builder().input(tapesPathOrGlob).model(modelPath).output("").build());
    scoring.errors().forEach(error -> LOG.warn("Leaving out tape {}", error.describe()));
    tapes.putAll(scoring.tapes());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(Map.copyOf(scoring.tapes()));
    JavaRDD<Row> rows = scoring.segments().flatMap(segment -> {
      TapeInfo info = infos.value().get(segment.video());
      List<Row> out = new ArrayList<>(segment.scores().length);
      for (int i = 0; i < segment.scores().length; i++) {
        long frame = segment.first() + i;
        out.add(RowFactory.create(segment.video(), frame, info.secondsAt(frame), segment.scores()[i]));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, SCORES_SCHEMA);
  }

  /** The clips in {@code scores} at {@code threshold}, with detect's other defaults; clips.csv's columns. */
  public Dataset<Row> clips(Dataset<Row> scores, double threshold) {
    return clips(scores, ClipOptions.threshold(threshold));
  }

  /**
   * The clips in {@code scores} (as {@link #scores} returns them, possibly filtered to some tapes) by detect's clip
   * policy, from the scores smoothed as detect smooths them ({@link ClipOptions#smoothSeconds()}); clips.csv's
   * columns, sorted by video and clip.
   */
  public Dataset<Row> clips(Dataset<Row> scores, ClipOptions options) {
    List<String> videos = scores.select("video").distinct().as(Encoders.STRING()).collectAsList();
    for (String video : videos) {
      if (!tapes.containsKey(video)) {
        throw new IllegalArgumentException("Cannot build clips of " + video + ": its tape was not scored with this "
            + "Dunkclip (call scores(...) on it first) (video=" + video + ")");
      }
    }
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(Map.copyOf(tapes));
    ClipSettings settings = options.settings();
    double enter = options.threshold();
    double exit = settings.exit(enter, enter);
    JavaRDD<Row> rows = scores.select("video", "frame", "score").javaRDD()
        .groupBy(row -> row.getString(0))
        .flatMap(tape -> {
          TapeInfo info = infos.value().get(tape._1());
          double[] frameScores = new double[(int) info.frameCount()];
          boolean[] scored = new boolean[frameScores.length];
          for (Row row : tape._2()) {
            frameScores[(int) row.getLong(1)] = row.getFloat(2);
            scored[(int) row.getLong(1)] = true;
          }
          List<ScoreRun> runs = smoothedRuns(frameScores, scored, settings.smoothHalfWindow(info.frameRate()), exit);
          List<Row> out = new ArrayList<>();
          ClipPolicy policy = settings.policy(enter, exit, info.frameRate(), 0, 0);
          for (ClipRow clip : DetectJob.clipRows(tape._1(), runs, info, policy)) {
            out.add(RowFactory.create(clip.video(), clip.clip(), clip.range().first(), clip.range().last(),
                clip.startSec(), clip.endSec(), clip.score()));
          }
          return out.iterator();
        });
    return spark.createDataFrame(rows, CLIPS_SCHEMA).orderBy("video", "clip");
  }

  /**
   * The runs of a tape's scores at {@code exit}, smoothed as detect smooths them: each stretch of consecutive frames
   * present in the scores on its own (a frame filtered out ends the stretch).
   */
  private static List<ScoreRun> smoothedRuns(double[] frameScores, boolean[] scored, int halfWindow, double exit) {
    List<ScoreRun> runs = new ArrayList<>();
    int start = 0;
    while (start < frameScores.length) {
      int end = start;
      while (end < frameScores.length && scored[end]) {
        end++;
      }
      if (end > start) {
        double[] stretch = ScoreSmoothing.median(Arrays.copyOfRange(frameScores, start, end), halfWindow);
        runs.addAll(RunReducer.runs(start, stretch, exit));
      }
      start = end + 1;
    }
    return runs;
  }

  /**
   * Renders the given clips (rows with clips.csv's columns, e.g. a filtered {@link #clips} result) of the tapes in
   * {@code tapesPathOrGlob} into {@code outputDir}, as {@code dunkclip render} does: one file per clip,
   * {@code manifest.csv}, and the chosen rows as {@code clips.csv}. Returns the manifest.
   */
  public Dataset<Row> render(Dataset<Row> clips, String tapesPathOrGlob, String outputDir) {
    List<ClipRow> chosen = new ArrayList<>();
    for (Row row : clips.select("video", "clip", "start_frame", "end_frame", "start_sec", "end_sec", "score")
        .collectAsList()) {
      chosen.add(new ClipRow(row.getString(0), row.getInt(1), FrameRange.of(row.getLong(2), row.getLong(3)),
          row.getDouble(4), row.getDouble(5), row.getDouble(6)));
    }
    // Rendered from a scratch copy of the rows, then written beside the clips: render takes only an output that
    // holds no input of its own and no file it did not write.
    RenderResult result;
    java.nio.file.Path scratch = null;
    try {
      scratch = java.nio.file.Files.createTempFile("dunkclip-chosen-", ".csv");
      String scratchCsv = scratch.toUri().toString();
      CsvFiles.writeClips(scratchCsv, chosen, sc.hadoopConfiguration());
      result = RenderJob.run(spark, RenderConfig.builder().clips(scratchCsv).input(tapesPathOrGlob).output(outputDir)
          .build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot write the chosen clips to a scratch file: " + e.getMessage()
          + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + ")", e);
    } finally {
      deleteScratch(scratch);
    }
    CsvFiles.writeClips(Outputs.child(outputDir, "clips.csv"), chosen, sc.hadoopConfiguration());
    result.failed().forEach(clip -> LOG.warn("Cannot render clip {} of {}: {}", clip.clip(), clip.video(),
        clip.error()));
    List<Row> manifest = new ArrayList<>();
    List<RenderedClip> all = new ArrayList<>(result.clips());
    all.addAll(result.failed());
    for (RenderedClip clip : all) {
      manifest.add(RowFactory.create(clip.video(), clip.clip(), clip.startFrame(), clip.endFrame(), clip.file(),
          clip.frames(), clip.audioSamples(), clip.seconds(), clip.error()));
    }
    return spark.createDataFrame(manifest, MANIFEST_SCHEMA).orderBy("video", "clip");
  }

  private static void deleteScratch(java.nio.file.Path scratch) {
    if (scratch == null) {
      return;
    }
    try {
      java.nio.file.Files.deleteIfExists(scratch);
    } catch (java.io.IOException e) {
      LOG.warn("Cannot delete the scratch file {}: {}", scratch, e.getMessage());
    }
  }
}
