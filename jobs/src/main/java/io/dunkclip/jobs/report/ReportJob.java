package io.dunkclip.jobs.report;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.Labels;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.detect.FullyScoredTape;
import io.dunkclip.jobs.detect.SegmentScores;
import io.dunkclip.jobs.evaluate.EvaluateConfig;
import io.dunkclip.jobs.evaluate.EvaluateJob;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.background.Background;
import io.dunkclip.model.TapeBaseline;
import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.extract.ErrorTable;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.OutputGuard;
import io.dunkclip.jobs.spark.Outputs;
import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeInputs;
import io.dunkclip.jobs.spark.TapeRef;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.status.api.v1.JobData;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;

/**
 * Builds {@code DIR/report/} from a detect output directory: {@code index.html}, a timeline PNG per tape and three
 * JPEG thumbnails per clip. Everything is written into a hidden temporary directory beside it and renamed into place
 * at the end, so a reader sees the previous report or the new one, never half of one.
 *
 * <p>Reads only what detect wrote (clips.csv, the scores dataset, _errors.csv, _detect.json) plus the tapes, so it
 * runs at the end of detect and again, later, from the report command. Thumbnails are decoded on the executors, a
 * task per clip; the scores are reduced there to a few points per plot pixel before the driver sees them.
 *
 * <p>The report command replaces {@code DIR/report/} only when it is the report's own ({@link #claim}); detect, whose
 * output it is part of, has checked its whole output already.
 */
public final class ReportJob {
  /** The command the report directory's marker names (detect's report too: it is the same directory). */
  static final String COMMAND = "report";
  public static final String REPORT_DIR = "report";
  public static final String INDEX = "index.html";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  /**
   * Called by detect once its outputs are committed: records the run in {@code _detect.json}, then builds the report.
   * The report's own time is not part of detect's wall time.
   */
  public static ReportResult afterDetect(SparkSession spark, DetectConfig config, DetectResult result,
      double exitThreshold, Map<String, TapeInfo> probed, JavaRDD<SegmentScores> scores) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long finished = System.currentTimeMillis();
    DetectRun run = new DetectRun(config.input(), config.model(), config.labels(), result.threshold(),
        exitThreshold, config.minSeconds(), config.maxGapSeconds(), config.padSeconds(), config.segmentFrames(),
        config.batchSize(), result.seconds(), result.tapes(), result.frames(), result.clips().size(),
        result.errors().size(), Instant.ofEpochMilli(finished).truncatedTo(ChronoUnit.SECONDS).toString(),
        sparkJobsSince(spark, finished - (long) Math.ceil(result.seconds() * 1000) - 1), config.fast(),
        result.fullyScored());
    run.write(config.output(), conf);
    ReportResult report = run(spark, new ReportConfig(config.output(), null, null), probed, scores);
    report.problems().forEach(problem -> LOG.warn("Report: {}", problem));
    LOG.info(report.summary());
    return report;
  }

  /**
   * What the report command writes: {@code DIR/report/}, replaced as a whole; an unmarked one from before the marker is
   * proven the report's by its {@code index.html}.
   */
  public static OutputGuard.Claim claim(ReportConfig config) {
    return OutputGuard.Claim.within(COMMAND, "detect", config.detect(), Outputs.child(config.detect(), REPORT_DIR),
        true).reading("input", config.input()).reading("labels", config.labels()).reading("rendered",
        config.rendered()).provenBy(INDEX);
  }

  public static ReportResult run(SparkSession spark, ReportConfig config) {
    OutputGuard.check(claim(config), spark.sparkContext().hadoopConfiguration());
    return run(spark, config, Map.of(), null);
  }

  /**
   * As {@link #run(SparkSession, ReportConfig)}, with tapes detect has just probed (so not probed again) and, when
   * not null, the scores it has just written, still in memory (so not read back).
   */
  static ReportResult run(SparkSession spark, ReportConfig config, Map<String, TapeInfo> probed,
      JavaRDD<SegmentScores> scores) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    String dir = config.detect();
    List<String> problems = new ArrayList<>();
    DetectRun run = DetectRun.read(dir, conf.get());
    String input = config.input() != null ? config.input() : run != null ? run.input() : null;
    String labelsCsv = config.labels() != null ? config.labels() : run != null ? run.labels() : null;
    String clipsCsv = Outputs.child(dir, DetectJob.CLIPS_FILE);
    if (!exists(clipsCsv, conf.get())) {
      throw new IllegalArgumentException("Cannot build a report: " + clipsCsv + " does not exist (detect="
          + dir + "); run detect first");
    }
    List<ClipRow> clips = CsvFiles.readClips(clipsCsv, conf.get());
    List<ReportPage.ErrorRow> errors = readErrors(Outputs.child(dir, ErrorTable.FILE_NAME), conf.get());
    String scoresDir = Outputs.child(dir, DetectJob.SCORES_DIR);
    sc.setJobDescription("dunkclip: report — score timelines");
    Map<String, ScoreTimeline> timelines = scores != null ? ScoreTimeline.fromScores(scores)
        : exists(scoresDir, conf.get()) ? ScoreTimeline.read(spark, scoresDir) : Map.of();
    if (timelines.isEmpty()) {
      problems.add("no per-frame scores in " + scoresDir);
    }

    TreeSet<String> videos = new TreeSet<>(timelines.keySet());
    clips.forEach(c -> videos.add(c.video()));
    Map<String, List<ClipRow>> clipsByVideo = new TreeMap<>();
    for (ClipRow clip : clips) {
      clipsByVideo.computeIfAbsent(clip.video(), v -> new ArrayList<>()).add(clip);
    }
    Map<String, Integer> numbers = new HashMap<>();
    for (String video : videos) {
      numbers.put(video, numbers.size() + 1);
    }

    Map<String, List<String>> backgrounds = readBackgrounds(dir, conf.get());
    Labels labels = labelsCsv != null ? CsvFiles.readLabels(labelsCsv, conf.get()) : null;
    EvaluateResult evaluation = labelsCsv != null
        ? EvaluateJob.run(conf.get(), new EvaluateConfig(clipsCsv, labelsCsv, EvaluateConfig.IOU_DEFAULT, null))
        : null;

    Path target = qualified(Outputs.child(dir, REPORT_DIR), conf.get());
    FileSystem fs = fileSystem(target, conf.get());
    Path temp;
    try {
      temp = Outputs.freshTemporarySibling(fs, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    try {
      fs.mkdirs(temp);
      Map<String, TapeInfo> infos = tapeInfos(sc, input, videos, conf, problems, probed);
      Map<String, Map<Integer, ClipThumbnails.Drawn>> thumbnails = thumbnails(sc, input, clips, numbers, infos,
          temp.toString(), conf);
      int drawn = 0;
      List<ReportPage.TapeSection> sections = new ArrayList<>();
      for (String video : videos) {
        int number = numbers.get(video);
        List<ClipRow> tapeClips = clipsByVideo.getOrDefault(video, List.of());
        List<FrameRange> truth = labels == null ? null : labels.positives(video);
        ScoreTimeline timeline = timelines.get(video);
        String plot = null;
        if (timeline != null) {
          plot = String.format(java.util.Locale.ROOT, "tape-%03d-timeline.png", number);
          XYChart chart = timeline.chart(infos.get(video), tapeClips, truth,
              run != null ? run.threshold() : Double.NaN, run != null ? run.exitThreshold() : Double.NaN);
          Outputs.writeFile(new Path(temp, plot).toString(), conf.get(),
              out -> ChartEncoder.saveChart(chart, out, "png"));
        }
        Map<Integer, ClipThumbnails.Drawn> tapeThumbnails = thumbnails.getOrDefault(video, Map.of());
        for (ClipThumbnails.Drawn d : tapeThumbnails.values()) {
          drawn += (int) d.thumbnails().stream().filter(t -> t.file() != null).count();
        }
        List<String> background = backgrounds.get(video);
        String scoringNote = run == null ? null : run.fullyScored().stream().filter(t -> t.video().equals(video))
            .findFirst().map(FullyScoredTape::describe).orElse(null);
        sections.add(new ReportPage.TapeSection(number, video, infos.get(video), plot, scoringNote,
            "no scores for this tape (it failed; see Errors)", tapeClips, truth, tapeThumbnails,
            background == null ? null : "../" + BackgroundFiles.DETECT_DIR + "/" + background.get(0),
            background == null ? null : background.get(1), background != null && "true".equals(background.get(2))));
      }
      String html = ReportPage.render(new ReportPage.Model(dir,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), run, input, labelsCsv, evaluation, errors,
          sections, problems, clips.size(), RenderedClips.links(config.rendered(), target.toString(), clips,
          conf.get())));
      Outputs.writeFile(new Path(temp, INDEX).toString(), conf.get(),
          out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
      OutputGuard.mark(temp.toString(), COMMAND, conf.get());
      Outputs.replace(fs, conf.get(), temp, target);
      return new ReportResult(new Path(target, INDEX).toString(), videos.size(), clips.size(), drawn, problems,
          (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietlyLogged(fs, temp);
    }
  }

  /** The run's tapes that can be found among the inputs, probed; the others become problems. */
  private static Map<String, TapeInfo> tapeInfos(JavaSparkContext sc, String input, TreeSet<String> videos,
      HadoopConf conf, List<String> problems, Map<String, TapeInfo> probed) {
    List<TapeRef> tapes = tapes(input, videos, conf, problems);
    if (tapes.isEmpty()) {
      return Map.of();
    }
    if (tapes.stream().allMatch(tape -> probed.containsKey(tape.name()))) {
      Map<String, TapeInfo> known = new HashMap<>();
      tapes.forEach(tape -> known.put(tape.name(), probed.get(tape.name())));
      return known;
    }
    ProbedTapes probedNow = ProbedTapes.probe(sc, tapes, conf);
    probedNow.errors().forEach(e -> problems.add("tape " + e.tape() + " cannot be read for thumbnails: "
        + e.reason()));
    return probedNow.infos();
  }

  private static List<TapeRef> tapes(String input, TreeSet<String> videos, HadoopConf conf, List<String> problems) {
    if (input == null) {
      problems.add("no thumbnails and timelines in frames: the tapes' location is unknown (this output has no "
          + DetectRun.FILE_NAME + "; pass --input)");
      return List.of();
    }
    List<TapeRef> found;
    try {
      found = TapeInputs.resolve(input, conf.get());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.add("no thumbnails: " + e.getMessage());
      return List.of();
    }
    List<TapeRef> tapes = new ArrayList<>();
    TreeSet<String> missing = new TreeSet<>(videos);
    for (TapeRef tape : found) {
      if (videos.contains(tape.name())) {
        tapes.add(tape);
        missing.remove(tape.name());
      }
    }
    for (String video : missing) {
      problems.add("tape " + video + " is not among the inputs (input=" + input + "): no thumbnails");
    }
    return tapes;
  }

  private static Map<String, Map<Integer, ClipThumbnails.Drawn>> thumbnails(JavaSparkContext sc, String input,
      List<ClipRow> clips, Map<String, Integer> numbers, Map<String, TapeInfo> infos, String dir, HadoopConf conf) {
    if (infos.isEmpty()) {
      return Map.of();
    }
    Map<String, TapeRef> tapes = new HashMap<>();
    for (TapeRef tape : TapeInputs.resolve(input, conf.get())) {
      tapes.put(tape.name(), tape);
    }
    List<ClipThumbnails.Work> work = new ArrayList<>();
    for (ClipRow clip : clips) {
      if (infos.containsKey(clip.video())) {
        work.add(new ClipThumbnails.Work(tapes.get(clip.video()), numbers.get(clip.video()), clip));
      }
    }
    Map<String, Map<Integer, ClipThumbnails.Drawn>> byVideo = new HashMap<>();
    if (work.isEmpty()) {
      return byVideo;
    }
    Broadcast<Map<String, TapeInfo>> tapeInfos = sc.broadcast(infos);
    sc.setJobDescription("dunkclip: report — thumbnails of " + work.size() + " clip(s)");
    List<ClipThumbnails.Drawn> drawn = sc.parallelize(work, Math.min(work.size(), 4 * sc.defaultParallelism()))
        .map(w -> ClipThumbnails.draw(w, tapeInfos.value().get(w.tape().name()), dir, conf))
        .collect();
    tapeInfos.destroy();
    for (ClipThumbnails.Drawn d : drawn) {
      byVideo.computeIfAbsent(d.video(), v -> new HashMap<>()).put(d.clip(), d);
    }
    return byVideo;
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
    all.sort(java.util.Comparator.comparingInt(JobData::jobId));
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

  private static List<ReportPage.ErrorRow> readErrors(String location, Configuration conf) {
    if (!exists(location, conf)) {
      return List.of();
    }
    Path path = new Path(location);
    try (Reader reader = new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
      List<ReportPage.ErrorRow> rows = new ArrayList<>();
      for (CSVRecord r : csv) {
        rows.add(new ReportPage.ErrorRow(r.get("video"), r.get("stage"), r.get("reason"), r.get("frames_done"),
            r.get("uri")));
      }
      return rows;
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage()
          + " (expected the columns video,stage,reason,frames_done,uri written by detect)",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Each tape's row of detect's {@code backgrounds/backgrounds.csv} as (file, description, unreliable), or nothing
   * when detect wrote none (a frame-only model).
   */
  private static Map<String, List<String>> readBackgrounds(String dir, Configuration conf) {
    String table = Outputs.child(Outputs.child(dir, BackgroundFiles.DETECT_DIR), BackgroundFiles.DETECT_TABLE);
    Map<String, List<String>> out = new HashMap<>();
    if (!exists(table, conf)) {
      return out;
    }
    KeyedTable rows = CsvFiles.readTable(table, conf);
    int video = rows.header().indexOf("video");
    int file = rows.header().indexOf("file");
    int samples = rows.header().indexOf("samples");
    int busy = rows.header().indexOf("busy");
    int unreliable = rows.header().indexOf("unreliable");
    // Added later: detect outputs written before these columns have none.
    int emptyScore = rows.header().indexOf("empty_score");
    int offset = rows.header().indexOf("score_offset");
    for (List<String> row : rows.rows()) {
      String note = Background.describe(Integer.parseInt(row.get(samples)), Double.parseDouble(row.get(busy)),
          "true".equals(row.get(unreliable)));
      if (emptyScore >= 0 && offset >= 0 && !row.get(emptyScore).isEmpty()) {
        note += "; " + new TapeBaseline.Level(Double.parseDouble(row.get(emptyScore)),
            Double.parseDouble(row.get(offset))).describe();
      }
      out.put(row.get(video), List.of(row.get(file), note, row.get(unreliable)));
    }
    return out;
  }

  private static boolean exists(String location, Configuration conf) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look for " + location + ": " + e.getMessage(), e);
    }
  }

  private static Path qualified(String location, Configuration conf) {
    Path path = new Path(location);
    return fileSystem(path, conf).makeQualified(path);
  }

  private static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      return Outputs.withoutChecksumFiles(path.getFileSystem(conf));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the filesystem of " + path + ": " + e.getMessage(), e);
    }
  }

  /** The temporary directory is gone after a successful rename; after a failure it is removed, or logged. */
  private static void deleteQuietlyLogged(FileSystem fs, Path temp) {
    try {
      if (fs.exists(temp)) {
        fs.delete(temp, true);
      }
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(ReportJob.class).warn("Could not delete the temporary report {}", temp, e);
    }
  }
}
