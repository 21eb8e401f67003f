package io.dunkclip.jobs.report;

import io.dunkclip.background.Background;
import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.format.ClipRow;
import io.dunkclip.format.Labels;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectOutput;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.detect.DetectRun;
import io.dunkclip.jobs.detect.FullyScoredTape;
import io.dunkclip.jobs.detect.SegmentScores;
import io.dunkclip.jobs.evaluate.EvaluateConfig;
import io.dunkclip.jobs.evaluate.EvaluateJob;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.model.TapeBaseline;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;

/**
 * Builds {@code DIR/report/} of a detect output directory: {@code index.html}, a timeline PNG per tape and three JPEG
 * thumbnails per clip, written through {@link Outputs#writeDirectory} (a hidden sibling renamed into place), so a
 * reader sees the previous report or the new one, never half of one.
 *
 * <p>Right after detect, the caller builds it from detect's result ({@link #afterDetect}): the run's record, clips,
 * errors, tapes and scores come from memory. The report command ({@link #run}) rebuilds it later from what detect
 * wrote (clips.csv, the scores dataset, _errors.csv, _detect.json) plus the tapes. Thumbnails are decoded on the
 * executors, a task per clip; the scores are reduced there to a few points per plot pixel before the driver sees them.
 *
 * <p>The report command replaces {@code DIR/report/} only when it is the report's own ({@link #claim}); detect, whose
 * output it is part of, has checked its whole output already.
 */
public final class ReportJob {
  /** The command the report directory's marker names (detect's report too: it is the same directory). */
  static final String COMMAND = "report";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  /**
   * What a report is built from, wherever it came from.
   *
   * @param input the tapes' path or glob as given, for the page (null: unknown)
   * @param tapeFiles the run's tapes found among the inputs, by name
   * @param tapeInfos frame tables of tapes already probed, by name (the others of {@code tapeFiles} are probed)
   * @param problems what is left out of the report so far, and why
   */
  private record Sources(DetectOutput output, DetectRun run, String input, String labels, List<ClipRow> clips,
      List<ReportPage.ErrorRow> errors, Map<String, ScoreTimeline> timelines, Map<String, TapeRef> tapeFiles,
      Map<String, TapeInfo> tapeInfos, List<String> problems, String rendered) {}

  /**
   * The report of a detect run just finished, from its result and its scores still in memory: nothing is read back
   * and no tape is looked for or probed again. The report's own time is not part of detect's wall time.
   */
  public static ReportResult afterDetect(SparkSession spark, DetectResult result, JavaRDD<SegmentScores> scores) {
    List<String> problems = new ArrayList<>();
    DetectRun run = result.run();
    JavaSparkContext.fromSparkContext(spark.sparkContext()).setJobDescription("dunkclip: report — score timelines");
    Map<String, TapeRef> tapeFiles = new HashMap<>();
    if (run.input() == null) {
      problems.add(unknownTapes());
    } else {
      result.tapeFiles().forEach(tape -> tapeFiles.put(tape.name(), tape));
    }
    ReportResult report = build(spark, new Sources(result.output(), run, run.input(), run.labels(), result.clips(),
        result.errors().stream().map(ReportJob::errorRow).toList(), ScoreTimeline.fromScores(scores), tapeFiles,
        result.tapeInfos(), problems, null));
    report.problems().forEach(problem -> LOG.warn("Report: {}", problem));
    LOG.info(report.summary());
    return report;
  }

  /** Runs detect and builds its report from the result, while the scores are still in memory (the detect command). */
  public static DetectResult detectAndReport(SparkSession spark, DetectConfig config) {
    return DetectJob.run(spark, config, (result, scores) -> afterDetect(spark, result, scores));
  }

  /**
   * What the report command writes: {@code DIR/report/}, replaced as a whole; an unmarked one from before the marker is
   * proven the report's by its {@code index.html}.
   */
  public static OutputGuard.Claim claim(ReportConfig config) {
    return OutputGuard.Claim.within(COMMAND, "detect", config.detect(), new DetectOutput(config.detect()).reportDir(),
        true).reading("input", config.input()).reading("labels", config.labels())
        .reading("rendered", config.rendered()).provenBy(DetectOutput.REPORT_INDEX);
  }

  /** Rebuilds the report of the detect output {@code config.detect()} from what detect wrote there. */
  public static ReportResult run(SparkSession spark, ReportConfig config) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    OutputGuard.check(claim(config), conf);
    DetectOutput output = new DetectOutput(config.detect());
    List<String> problems = new ArrayList<>();
    DetectRun run = DetectRun.read(output, conf);
    String input = config.input() != null ? config.input() : run != null ? run.input() : null;
    String labelsCsv = config.labels() != null ? config.labels() : run != null ? run.labels() : null;
    if (!exists(output.clipsCsv(), conf)) {
      throw new IllegalArgumentException("Cannot build a report: " + output.clipsCsv() + " does not exist (detect="
          + config.detect() + "); run detect first");
    }
    List<ClipRow> clips = CsvFiles.readClips(output.clipsCsv(), conf);
    List<ReportPage.ErrorRow> errors = ErrorTable.read(output.errorsCsv(), conf).stream().map(ReportJob::errorRow)
        .toList();
    JavaSparkContext.fromSparkContext(spark.sparkContext()).setJobDescription("dunkclip: report — score timelines");
    Map<String, ScoreTimeline> timelines = exists(output.scoresDir(), conf)
        ? ScoreTimeline.read(spark, output.scoresDir()) : Map.of();
    TreeSet<String> videos = videos(timelines, clips);
    Map<String, TapeRef> tapeFiles = tapes(input, videos, conf, problems);
    return build(spark, new Sources(output, run, input, labelsCsv, clips, errors, timelines, tapeFiles, Map.of(),
        problems, config.rendered()));
  }

  /** The tapes with scores or clips, in name order. */
  private static TreeSet<String> videos(Map<String, ScoreTimeline> timelines, List<ClipRow> clips) {
    TreeSet<String> videos = new TreeSet<>(timelines.keySet());
    clips.forEach(c -> videos.add(c.video()));
    return videos;
  }

  private static ReportResult build(SparkSession spark, Sources sources) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    DetectOutput output = sources.output();
    DetectRun run = sources.run();
    List<String> problems = new ArrayList<>(sources.problems());
    if (sources.timelines().isEmpty()) {
      problems.add("no per-frame scores in " + output.scoresDir());
    }
    TreeSet<String> videos = videos(sources.timelines(), sources.clips());
    Map<String, List<ClipRow>> clipsByVideo = new TreeMap<>();
    for (ClipRow clip : sources.clips()) {
      clipsByVideo.computeIfAbsent(clip.video(), v -> new ArrayList<>()).add(clip);
    }
    Map<String, Integer> numbers = new HashMap<>();
    for (String video : videos) {
      numbers.put(video, numbers.size() + 1);
    }

    Map<String, List<String>> backgrounds = readBackgrounds(output, conf.get());
    String labelsCsv = sources.labels();
    Labels labels = labelsCsv != null ? CsvFiles.readLabels(labelsCsv, conf.get()) : null;
    EvaluateResult evaluation = labelsCsv != null ? EvaluateJob.run(conf.get(),
        EvaluateConfig.builder(output.clipsCsv(), labelsCsv).build()) : null;
    Map<String, TapeInfo> infos = tapeInfos(sc, sources.tapeFiles(), sources.tapeInfos(), conf, problems);
    Path target = qualified(output.reportDir(), conf.get());
    int[] drawn = {0};
    Outputs.writeDirectory(target.toString(), conf.get(), temp -> {
      Outputs.mkdirs(temp, conf.get());
      Map<String, Map<Integer, ClipThumbnails.Drawn>> thumbnails = thumbnails(sc, sources.tapeFiles(),
          sources.clips(), numbers, infos, temp, conf);
      List<ReportPage.TapeSection> sections = new ArrayList<>();
      for (String video : videos) {
        int number = numbers.get(video);
        List<ClipRow> tapeClips = clipsByVideo.getOrDefault(video, List.of());
        List<FrameRange> truth = labels == null ? null : labels.positives(video);
        ScoreTimeline timeline = sources.timelines().get(video);
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
          drawn[0] += (int) d.thumbnails().stream().filter(t -> t.file() != null).count();
        }
        List<String> background = backgrounds.get(video);
        String scoringNote = run == null ? null : run.fullyScored().stream().filter(t -> t.video().equals(video))
            .findFirst().map(FullyScoredTape::describe).orElse(null);
        sections.add(new ReportPage.TapeSection(number, video, infos.get(video), plot, scoringNote,
            "no scores for this tape (it failed; see Errors)", tapeClips, truth, tapeThumbnails,
            background == null ? null : "../" + BackgroundFiles.DETECT_DIR + "/" + background.get(0),
            background == null ? null : background.get(1), background != null && "true".equals(background.get(2))));
      }
      String html = ReportPage.render(new ReportPage.Model(output.dir(),
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), run, sources.input(), labelsCsv, evaluation,
          sources.errors(), sections, problems, sources.clips().size(),
          RenderedClips.links(sources.rendered(), target.toString(), sources.clips(), conf.get())));
      Outputs.writeFile(new Path(temp, DetectOutput.REPORT_INDEX).toString(), conf.get(),
          out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
      OutputGuard.mark(temp, COMMAND, conf.get());
      return null;
    });
    return new ReportResult(new Path(target, DetectOutput.REPORT_INDEX).toString(), videos.size(),
        sources.clips().size(), drawn[0], problems, (System.nanoTime() - started) / 1e9);
  }

  /** A row of the page's error table, as {@code _errors.csv} has it. */
  private static ReportPage.ErrorRow errorRow(TapeError error) {
    return new ReportPage.ErrorRow(error.tape(), error.stage(), error.reason(), Long.toString(error.framesDone()),
        error.uri());
  }

  private static String unknownTapes() {
    return "no thumbnails and timelines in frames: the tapes' location is unknown (this output has no "
        + DetectOutput.RUN_FILE + "; pass --input)";
  }

  /** The frame tables of the tapes found: those known already, the others probed now (failures become problems). */
  private static Map<String, TapeInfo> tapeInfos(JavaSparkContext sc, Map<String, TapeRef> tapes,
      Map<String, TapeInfo> known, HadoopConf conf, List<String> problems) {
    List<TapeRef> unknown = tapes.values().stream().filter(tape -> !known.containsKey(tape.name())).toList();
    Map<String, TapeInfo> infos = new HashMap<>();
    tapes.keySet().stream().filter(known::containsKey).forEach(name -> infos.put(name, known.get(name)));
    if (!unknown.isEmpty()) {
      ProbedTapes probedNow = ProbedTapes.probe(sc, unknown, conf);
      probedNow.errors().forEach(e -> problems.add("tape " + e.tape() + " cannot be read for thumbnails: "
          + e.reason()));
      infos.putAll(probedNow.infos());
    }
    return infos;
  }

  /** The run's tapes found among the inputs (resolved once), by name; the others become problems. */
  private static Map<String, TapeRef> tapes(String input, TreeSet<String> videos, Configuration conf,
      List<String> problems) {
    Map<String, TapeRef> tapes = new HashMap<>();
    if (input == null) {
      problems.add(unknownTapes());
      return tapes;
    }
    List<TapeRef> found;
    try {
      found = TapeInputs.resolve(input, conf);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.add("no thumbnails: " + e.getMessage());
      return tapes;
    }
    TreeSet<String> missing = new TreeSet<>(videos);
    for (TapeRef tape : found) {
      if (videos.contains(tape.name())) {
        tapes.put(tape.name(), tape);
        missing.remove(tape.name());
      }
    }
    for (String video : missing) {
      problems.add("tape " + video + " is not among the inputs (input=" + input + "): no thumbnails");
    }
    return tapes;
  }

  private static Map<String, Map<Integer, ClipThumbnails.Drawn>> thumbnails(JavaSparkContext sc,
      Map<String, TapeRef> tapes, List<ClipRow> clips, Map<String, Integer> numbers, Map<String, TapeInfo> infos,
      String dir, HadoopConf conf) {
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
   * Each tape's row of detect's {@code backgrounds/backgrounds.csv} as (file, description, unreliable), or nothing
   * when detect wrote none (a frame-only model).
   */
  private static Map<String, List<String>> readBackgrounds(DetectOutput output, Configuration conf) {
    String table = output.backgroundsTable();
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
    try {
      return path.getFileSystem(conf).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the filesystem of " + path + ": " + e.getMessage(), e);
    }
  }
}
