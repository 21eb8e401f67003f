package io.dunkclip.jobs.detect;

import io.dunkclip.background.Background;
import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.extract.TapeBackgrounds;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.model.TapeBaseline;
import io.dunkclip.segment.FastWindows;
import io.dunkclip.video.Fit;
import io.dunkclip.video.TapeInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
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
import org.apache.spark.status.api.v1.JobData;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Finds the clips in tapes with a trained model. Each segment task decodes its frames straight from the tape at the
 * model's input size, scores them in batches with the executor's copy of the model, and reduces them to runs; the
 * driver stitches the runs of each tape (exact across segment boundaries) and applies the clip policy. Writes
 * {@code clips.csv}, the per-frame {@code scores} Parquet dataset and {@code _errors.csv} under the output directory.
 *
 * <p>In fast mode a first pass decodes and scores only the keyframes; then, in rounds, every frame of windows around
 * keyframes scoring at least the enter threshold (or {@link DetectConfig#FAST_SUSPECT_SCORE} when lower), grown until
 * what was scored settles the clips ({@link FastPlan}, {@link io.dunkclip.segment.FastWindows}); the scores dataset
 * then holds the frames actually scored: every frame of those windows and the keyframes elsewhere. A tape whose
 * keyframes are too far apart for fast mode ({@link DetectConfig#fastMaxKeyframeSeconds()}) is scored in full, logged,
 * and listed in the result ({@link DetectResult#fullyScored()}) and {@code _detect.json}.
 *
 * <p>With smoothing on ({@link DetectConfig#smoothSeconds()}) the runs come from a second map over the persisted
 * scored segments, which smooths them with a moving median, exact across segment boundaries through an exchange of
 * the segments' edges ({@link SmoothedRuns}); nothing is decoded twice. The clips and their scores come from the
 * smoothed scores, the scores dataset holds the model's raw scores.
 *
 * <p>Before any work the output is checked ({@link #claim}): only a directory that detect wrote is written into. A run
 * in which no tape can be read writes nothing and leaves the output as it was.
 */
public final class DetectJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DetectJob.class);
  /** The command the output's marker names. */
  static final String COMMAND = "detect";
  static final StructType SCORE_SCHEMA = new StructType()
      .add("video", DataTypes.StringType, false)
      .add("frame", DataTypes.LongType, false)
      .add("score", DataTypes.FloatType, false);

  private DetectJob() {}

  /**
   * What was scored, before reduction to clips.
   *
   * @param scored the scored segments (persisted; unpersisted after the scores are written)
   * @param extra scores computed on the driver's behalf that belong in the scores dataset only (fast mode's keyframes
   *     outside the windows)
   * @param tapes the tapes' frame tables, in input order
   * @param errors tapes that could not be listed, probed or read from the frames dataset
   * @param extraScored frames scored outside {@code scored} (fast mode's coarse pass)
   * @param backgrounds the tapes' backgrounds the model compared with (empty for a frame-only model)
   * @param fullyScored tapes fast mode scored in full, their keyframes being too far apart (empty without --fast)
   */
  record Scoring(JavaRDD<SegmentScores> scored, List<SegmentScores> extra, Map<String, TapeInfo> tapes,
      List<TapeError> errors, long extraScored, Map<String, Background> backgrounds,
      List<FullyScoredTape> fullyScored) {}

  /**
   * Every frame of the tapes of {@code config.input()} scored, for the notebook API: the tapes' frame tables, the
   * tapes that could not be read, and the scored segments (lazy, persisted MEMORY_AND_DISK: the caller unpersists them
   * when done).
   */
  public record TapeScoring(Map<String, TapeInfo> tapes, List<TapeError> errors, JavaRDD<SegmentScores> segments) {}

  /** Probes the tapes of {@code config.input()} and plans the scoring of every frame (run when first used). */
  public static TapeScoring score(JavaSparkContext sc, DetectConfig config) {
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    byte[] modelFile = readModelFile(config.model(), conf.get());
    ModelMetadata metadata = readMetadata(modelFile, config.model());
    Scoring scored = scoreTapes(sc, config.toBuilder().fast(false).build(), tapeFiles(config, conf.get()), conf,
        segmentScoring(sc, config, modelFile, metadata), metadata);
    return new TapeScoring(scored.tapes(), scored.errors(), scored.scored());
  }

  private static SegmentScoring segmentScoring(JavaSparkContext sc, DetectConfig config, byte[] modelFile,
      ModelMetadata metadata) {
    return new SegmentScoring(config.model() + "@" + metadata.modelVersion(), sc.broadcast(modelFile),
        config.batchSize(), config.exit(metadata), null);
  }

  /** The backgrounds by tape, as the executors need them (a serialisable copy). */
  static Map<String, Background> forExecutors(Map<String, Background> backgrounds) {
    return new LinkedHashMap<>(backgrounds);
  }

  /**
   * What detect writes: files and folders inside {@code --output}; an unmarked output from before the marker is proven
   * detect's by its {@code _detect.json}.
   */
  public static OutputGuard.Claim claim(DetectConfig config) {
    OutputGuard.Claim claim = OutputGuard.Claim.of(COMMAND, "output", config.output(), false);
    if (config.tapes() == null) {
      claim = claim.reading("input", config.input());
    } else {
      for (int i = 0; i < config.tapes().size(); i++) {
        claim = claim.reading(config.tapes().size() == 1 ? "input" : "input " + (i + 1), config.tapes().get(i).uri());
      }
    }
    return claim.reading("frames", config.frames()).reading("model", config.model())
        .reading("labels", config.labels()).provenBy(DetectOutput.RUN_FILE);
  }

  /** The tapes to decode: those the caller resolved, else {@code --input} resolved now; none for a frames dataset. */
  private static List<TapeRef> tapeFiles(DetectConfig config, Configuration conf) {
    if (config.frames() != null) {
      return List.of();
    }
    return config.tapes() != null ? config.tapes() : TapeInputs.resolve(config.input(), conf);
  }

  /** As {@link #run(SparkSession, DetectConfig, BiConsumer)} with nothing to do while the scores are in memory. */
  public static DetectResult run(SparkSession spark, DetectConfig config) {
    return run(spark, config, (result, scores) -> { });
  }

  /**
   * Runs detect and writes its outputs, then hands the result and the scores, still in memory, to
   * {@code whileScored} (the caller builds the run's report there: see {@code ReportJob.afterDetect}) before it
   * releases them. {@code whileScored} is not called when no tape could be read (nothing was written).
   */
  public static DetectResult run(SparkSession spark, DetectConfig config,
      BiConsumer<DetectResult, JavaRDD<SegmentScores>> whileScored) {
    long started = System.nanoTime();
    long startedMillis = System.currentTimeMillis();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    OutputGuard.check(claim(config), conf.get());
    byte[] modelFile = readModelFile(config.model(), conf.get());
    ModelMetadata metadata = readMetadata(modelFile, config.model());
    SegmentScoring scoring = segmentScoring(sc, config, modelFile, metadata);

    List<TapeRef> files = tapeFiles(config, conf.get());
    Scoring scored = config.frames() != null
        ? StoredFrameScoring.score(spark, config, metadata, scoring, conf.get())
        : scoreTapes(sc, config, files, conf, scoring, metadata);
    DetectOutput layout = config.layout();
    if (scored.tapes().isEmpty()) {
      scored.scored().unpersist();
      scoring.modelFile().destroy();
      return new DetectResult(layout, 0, 0, List.of(), List.copyOf(scored.errors()), config.enter(metadata),
          (System.nanoTime() - started) / 1e9, 0, List.of(), null, List.of(), Map.of());
    }
    List<Tuple2<SegmentScores, Integer>> summaries = SmoothedRuns.smooth(sc, scored, config, scoring.exitThreshold())
        .map(s -> new Tuple2<>(new SegmentScores(s.video(), s.first(), new float[0], s.runs(), s.error()),
            s.scores().length))
        .collect();

    List<TapeError> errors = new ArrayList<>(scored.errors());
    Map<String, List<ScoreRun>> runsByVideo = new LinkedHashMap<>();
    for (String video : scored.tapes().keySet()) {
      runsByVideo.put(video, new ArrayList<>());
    }
    long scoredFrames = scored.extraScored();
    for (Tuple2<SegmentScores, Integer> entry : summaries) {
      SegmentScores summary = entry._1();
      scoredFrames += entry._2();
      runsByVideo.get(summary.video()).addAll(summary.runs());
      if (summary.error() != null) {
        TapeInfo info = scored.tapes().get(summary.video());
        errors.add(new TapeError(summary.video(), info.tape(), "decode", summary.error(), 0));
      }
    }
    List<ClipRow> rows = new ArrayList<>();
    for (Map.Entry<String, List<ScoreRun>> entry : runsByVideo.entrySet()) {
      rows.addAll(clipRows(entry.getKey(), entry.getValue(), scored.tapes().get(entry.getKey()), config, metadata));
    }
    rows.sort(Comparator.comparing(ClipRow::video).thenComparingInt(ClipRow::clip));

    Outputs.mkdirs(config.output(), conf.get());
    OutputGuard.mark(config.output(), COMMAND, conf.get());
    if (!scored.backgrounds().isEmpty()) {
      BackgroundFiles.writeDetectOutput(config.output(), scored.backgrounds(),
          levels(modelFile, config.model(), scored.backgrounds()), conf.get());
    }
    JavaRDD<SegmentScores> allScores = scored.scored().union(sc.parallelize(scored.extra(), 1));
    writeScores(spark, allScores, scoredFrames, layout.scoresDir(), conf.get());
    CsvFiles.writeClips(layout.clipsCsv(), rows, conf.get());
    ErrorTable.write(layout.errorsCsv(), errors, conf.get());
    long frames = scored.tapes().values().stream().mapToLong(TapeInfo::frameCount).sum();
    double seconds = (System.nanoTime() - started) / 1e9;
    DetectRun run = new DetectRun(config.input(), config.model(), config.labels(), config.enter(metadata),
        config.exit(metadata), config.clips().minSeconds(), config.clips().maxGapSeconds(),
        config.clips().padSeconds(), config.segmentFrames(), config.batchSize(), seconds, scored.tapes().size(),
        frames, rows.size(), errors.size(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        sparkJobsSince(spark, startedMillis - 1), config.fast(), scored.fullyScored());
    run.write(layout, conf.get());
    List<TapeRef> scoredFiles = files.stream().filter(tape -> scored.tapes().containsKey(tape.name())).toList();
    DetectResult result = new DetectResult(layout, scored.tapes().size(), frames, List.copyOf(rows),
        List.copyOf(errors), config.enter(metadata), seconds, scoredFrames, scored.fullyScored(), run, scoredFiles,
        scored.tapes());
    try {
      whileScored.accept(result, allScores);
    } finally {
      // Only now: the report reads the cached scores, whose lineage (and so every task over them) holds the model.
      scored.scored().unpersist();
      scoring.modelFile().destroy();
    }
    return result;
  }

  /**
   * Spark's record of the jobs submitted since {@code sinceMillis} that have finished: a job per stage of detect
   * (probe, score, write scores), each with the description detect gave it. Read from the application status store
   * that also feeds the Spark UI (present with the UI off).
   */
  static List<DetectRun.SparkJobTime> sparkJobsSince(SparkSession spark, long sinceMillis) {
    List<DetectRun.SparkJobTime> jobs = new ArrayList<>();
    List<JobData> all = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(
        spark.sparkContext().statusStore().jobsList(null)));
    all.sort(Comparator.comparingInt(JobData::jobId));
    for (JobData job : all) {
      if (job.submissionTime().isEmpty() || job.completionTime().isEmpty()) {
        continue;
      }
      Date submitted = job.submissionTime().get();
      if (submitted.getTime() < sinceMillis) {
        continue;
      }
      double seconds = (job.completionTime().get().getTime() - submitted.getTime()) / 1000.0;
      jobs.add(new DetectRun.SparkJobTime(job.description().isDefined() ? job.description().get() : "",
          job.name(), seconds));
    }
    return jobs;
  }

  /**
   * The clips of one tape from its runs of frames above the exit threshold (in any order, cut anywhere), numbered
   * from 1, with clips.csv times.
   */
  public static List<ClipRow> clipRows(String video, List<ScoreRun> runs, TapeInfo info, DetectConfig config,
      ModelMetadata model) {
    return clipRows(video, runs, info, config.policy(model, info.frameRate()));
  }

  /** As {@link #clipRows(String, List, TapeInfo, DetectConfig, ModelMetadata)} with the policy given outright. */
  public static List<ClipRow> clipRows(String video, List<ScoreRun> runs, TapeInfo info, ClipPolicy policy) {
    List<ClipRow> rows = new ArrayList<>();
    int number = 1;
    for (Clip clip : ClipBuilder.clips(RunReducer.stitch(runs), info.frameCount(), policy)) {
      rows.add(clipRow(video, number++, clip, info));
    }
    return rows;
  }

  /**
   * Each tape's empty level as the executors' scorers saw it, computed again on the driver (one picture per tape):
   * for detect's {@code backgrounds.csv} and the report.
   */
  static Map<String, TapeBaseline.Level> levels(byte[] modelFile, String location,
      Map<String, Background> backgrounds) {
    DunkModel model;
    try {
      model = DunkModel.read(new ByteArrayInputStream(modelFile), location);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    Map<String, TapeBaseline.Level> levels = new LinkedHashMap<>();
    backgrounds.forEach((video, background) -> {
      FrameScorer scorer = new FrameScorer(model, background);
      levels.put(video, new TapeBaseline.Level(scorer.backgroundScore(), scorer.offset()));
    });
    return levels;
  }

  /** Probes the tapes and scores every frame of them, or in fast mode the keyframes and then the windows. */
  private static Scoring scoreTapes(JavaSparkContext sc, DetectConfig config, List<TapeRef> files, HadoopConf conf,
      SegmentScoring scoring, ModelMetadata metadata) {
    ProbedTapes probed = ProbedTapes.probe(sc, files, conf);
    Map<String, Background> backgrounds = Map.of();
    if (metadata.needsBackground()) {
      // The background stage: each tape's keyframes, before any frame is scored (the samples depend on the tape only).
      TapeBackgrounds.Estimates estimates = TapeBackgrounds.fromTapes(sc, probed, metadata.inputWidth(),
          metadata.inputHeight(), Fit.parse(metadata.fit()), conf);
      backgrounds = estimates.backgrounds();
      List<TapeError> errors = new ArrayList<>(probed.errors());
      errors.addAll(estimates.errors());
      probed = probed.keeping(backgrounds.keySet(), errors);
      scoring = scoring.withBackgrounds(sc.broadcast(forExecutors(backgrounds)));
    }
    SegmentScoring tapeScoring = scoring;
    List<TapeSegment> segments = probed.segments(config.segmentFrames());
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    List<SegmentScores> extra = List.of();
    long extraScored = 0;
    List<FullyScoredTape> fullyScored = List.of();
    if (config.fast()) {
      // Tapes whose keyframes are too far apart for fast mode are scored in full: no keyframe pass for them.
      fullyScored = FastPlan.fullyScored(probed, config.fastMaxKeyframeSeconds());
      Set<String> whole = new HashSet<>();
      for (FullyScoredTape tape : fullyScored) {
        LOG.warn("detect --fast: {}", tape.describe());
        whole.add(tape.video());
      }
      // The keyframe pass decodes about one frame in a keyframe interval, so its tasks take longer stretches: about
      // two per core, each opening the tape once, rather than one per segment of the full pass.
      long coarseFrames = Math.max(config.segmentFrames(),
          (probed.totalFrames() + 2L * sc.defaultParallelism() - 1) / (2L * sc.defaultParallelism()));
      List<TapeSegment> coarseSegments = probed.segments((int) Math.min(Integer.MAX_VALUE, coarseFrames)).stream()
          .filter(segment -> !whole.contains(segment.tape().name())).toList();
      sc.setJobDescription("dunkclip: detect --fast, keyframes of " + probed.tapes().size() + " tape(s), "
          + coarseSegments.size() + " segment(s)");
      List<KeyframeScores> coarse = sc.parallelize(coarseSegments, Math.max(1, coarseSegments.size()))
          .map(segment -> tapeScoring.scoreKeyframes(segment, infos.value().get(segment.tape().name()), conf))
          .collect();
      FastPlan plan = FastPlan.start(probed, coarse, info -> fastRule(config, metadata, tapeScoring, info),
          config.segmentFrames(), fullyScored);
      // Round after round: score the frames asked for, then ask for the frames still missing before what was scored
      // settles the clips (FastWindows). The scores come to the driver (4 bytes a frame) to plan the next round.
      List<SegmentScores> all = new ArrayList<>();
      int round = 0;
      while (!plan.segments().isEmpty()) {
        round++;
        List<TapeSegment> asked = plan.segments();
        sc.setJobDescription("dunkclip: detect --fast, round " + round + ", every frame of "
            + asked.stream().mapToLong(s -> s.last() - s.first() + 1).sum() + " of " + probed.totalFrames()
            + " frames in " + asked.size() + " segment(s)");
        List<SegmentScores> got = sc.parallelize(asked, asked.size())
            .map(segment -> tapeScoring.scoreEveryFrame(segment, infos.value().get(segment.tape().name()), conf))
            .collect();
        all.addAll(got);
        plan.scored(got);
      }
      extra = plan.outside();
      extraScored = coarse.stream().mapToLong(k -> k.frames().length).sum();
      LOG.info("detect --fast: scored {} of {} frames one by one in {} round(s), and {} keyframes first",
          plan.windowFrames(), probed.totalFrames(), round, extraScored);
      int slices = Math.max(1, Math.min(all.size(), 4 * sc.defaultParallelism()));
      JavaRDD<SegmentScores> scored = sc.parallelize(all, slices).persist(StorageLevel.MEMORY_AND_DISK());
      return new Scoring(scored, extra, probed.infos(), probed.errors(), extraScored, backgrounds, fullyScored);
    } else {
      sc.setJobDescription("dunkclip: detect in " + probed.tapes().size() + " tape(s), " + segments.size()
          + " segment(s)");
    }
    JavaRDD<SegmentScores> scored = sc.parallelize(segments, Math.max(1, segments.size()))
        .map(segment -> tapeScoring.scoreEveryFrame(segment, infos.value().get(segment.tape().name()), conf))
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new Scoring(scored, extra, probed.infos(), probed.errors(), extraScored, backgrounds, fullyScored);
  }

  /**
   * Fast mode's rule for one tape: windows open at keyframes scoring at least the enter threshold, or
   * {@link DetectConfig#FAST_SUSPECT_SCORE} when that is lower, and settle with the tape's smoothing and gap.
   */
  static FastWindows.Rule fastRule(DetectConfig config, ModelMetadata metadata, SegmentScoring scoring,
      TapeInfo info) {
    double fps = info.frameRate() > 0 ? info.frameRate() : 30;
    ClipPolicy policy = config.policy(metadata, fps);
    return new FastWindows.Rule(Math.min(policy.enterThreshold(), DetectConfig.FAST_SUSPECT_SCORE),
        policy.enterThreshold(), scoring.exitThreshold(), config.smoothHalfWindow(fps), policy.maxGapFrames());
  }

  /** clips.csv times: from the clip's first frame to the end of its last frame's display, tape-relative. */
  public static ClipRow clipRow(String video, int number, Clip clip, TapeInfo info) {
    double start = info.secondsAt(clip.range().first());
    double end = info.secondsAt(clip.range().last()) + info.frameDurationMicros(clip.range().last()) / 1e6;
    return new ClipRow(video, number, clip.range(), start, end, clip.score());
  }

  /**
   * Score rows per Parquet file: a row is a few bytes, so one file per scoring task (hundreds of frames) would make
   * the write mostly per-file overhead (about 2.5 s for a 3-minute tape's 19 files) and leave a notebook many tiny
   * files to open.
   */
  static final long SCORE_ROWS_PER_FILE = 2_000_000;

  private static void writeScores(SparkSession spark, JavaRDD<SegmentScores> scored, long rowCount, String target,
      Configuration conf) {
    int files = (int) Math.max(1, Math.min(scored.getNumPartitions(),
        (rowCount + SCORE_ROWS_PER_FILE - 1) / SCORE_ROWS_PER_FILE));
    JavaRDD<Row> rows = scored.coalesce(files).flatMap(s -> {
      List<Row> out = new ArrayList<>(s.scores().length);
      for (int i = 0; i < s.scores().length; i++) {
        out.add(RowFactory.create(s.video(), s.first() + i, s.scores()[i]));
      }
      return out.iterator();
    });
    Outputs.writeDirectory(target, conf, temp -> {
      spark.createDataFrame(rows, SCORE_SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(temp);
      return null;
    });
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
