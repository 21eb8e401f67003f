package io.dunkclip.jobs.report;

import static io.dunkclip.jobs.report.Html.decimal;
import static io.dunkclip.jobs.report.Html.escape;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.detect.DetectOutput;
import io.dunkclip.jobs.detect.DetectRun;
import io.dunkclip.jobs.detect.FullyScoredTape;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.page.PageAssets;
import io.dunkclip.metrics.Counts;
import io.dunkclip.metrics.Evaluation;
import io.dunkclip.video.TapeInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html}: one self-contained page, images by relative links beside it, every outside value escaped. Its
 * style and its review script (accept / reject per clip, missed dunks on a track per tape, a corrections CSV to
 * download) are resource files inlined here; the clips the script works on are JSON data in the page.
 */
final class ReportPage {
  private ReportPage() {}

  /** A row of {@code _errors.csv}. */
  record ErrorRow(String video, String stage, String reason, String framesDone, String uri) {}

  /**
   * A tape's section.
   *
   * @param info the tape's frame table, or null when the tape was not found among the inputs
   * @param timeline the plot's file name, or null (then {@code timelineNote} says why)
   * @param scoringNote why {@code detect --fast} scored this tape in full, or null when it did not
   * @param truth the labelled intervals, or null without labels
   * @param thumbnails the clips' thumbnails by clip number (absent when the tape could not be read)
   * @param background the tape's background picture relative to the page, or null (a frame-only model)
   * @param backgroundNote how the background was estimated; {@code backgroundUnreliable} marks it as a problem
   */
  record TapeSection(int number, String video, TapeInfo info, String timeline, String scoringNote,
      String timelineNote, List<ClipRow> clips, List<FrameRange> truth, Map<Integer, ClipThumbnails.Drawn> thumbnails,
      String background, String backgroundNote, boolean backgroundUnreliable) {}

  /**
   * The whole page. {@code run} and {@code evaluation} may be null (no _detect.json, no labels); {@code rendered} maps
   * a tape's clips to their rendered videos, relative to the page (empty when render has not run or was not named).
   */
  record Model(String detectDir, String generatedAt, DetectRun run, String input, String labels,
      EvaluateResult evaluation, List<ErrorRow> errors, List<TapeSection> tapes, List<String> problems,
      int clipCount, Map<String, Map<Integer, String>> rendered) {
    Model(String detectDir, String generatedAt, DetectRun run, String input, String labels,
        EvaluateResult evaluation, List<ErrorRow> errors, List<TapeSection> tapes, List<String> problems,
        int clipCount) {
      this(detectDir, generatedAt, run, input, labels, evaluation, errors, tapes, problems, clipCount, Map.of());
    }
  }

  /** What the review script knows of a tape: its frames (0 when unknown: then it has no track) and its clips. */
  record ReviewTape(int number, String video, long frames, List<ReviewClip> clips) {}

  /** A clip's number and frames, inclusive. */
  record ReviewClip(int clip, long start, long end) {}


  static String render(Model m) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>dunkclip detect report</title>\n<style>\n")
        .append(PageAssets.text("/io/dunkclip/jobs/report/report.css")).append("</style>\n</head>\n<body>\n")
        .append("<h1>dunkclip detect report</h1>\n<p>Detect output <code>").append(escape(m.detectDir()))
        .append("</code>; report built ").append(escape(m.generatedAt())).append(".</p>\n")
        .append("<div id=\"review\"><p>Review: accept or reject each clip; on a tape's track click where a missed")
        .append(" dunk starts, then where it ends. <button type=\"button\" id=\"export-corrections\">Export")
        .append(" corrections CSV</button> (rejected clips as label 0, missed dunks as 1; train with")
        .append(" <code>--labels labels.csv --labels corrections.csv</code>).</p>")
        .append("<p id=\"review-status\" role=\"status\"></p></div>\n");
    run(h, m);
    metrics(h, m);
    errors(h, m);
    if (!m.problems().isEmpty()) {
      h.append("<h2 id=\"report-problems\">Left out of this report</h2>\n<ul>\n");
      for (String problem : m.problems()) {
        h.append("<li class=\"problem\">").append(escape(problem)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<h2 id=\"tapes\">Tapes</h2>\n<ul>\n");
    for (TapeSection tape : m.tapes()) {
      h.append("<li><a href=\"#tape-").append(tape.number()).append("\">").append(escape(tape.video()))
          .append("</a> (").append(tape.clips().size()).append(" clip").append(tape.clips().size() == 1 ? "" : "s")
          .append(")</li>\n");
    }
    h.append("</ul>\n");
    List<ReviewTape> review = new java.util.ArrayList<>();
    for (TapeSection tape : m.tapes()) {
      tape(h, tape, m.rendered().getOrDefault(tape.video(), Map.of()));
      review.add(new ReviewTape(tape.number(), tape.video(), tape.info() == null ? 0 : tape.info().frameCount(),
          tape.clips().stream().map(c -> new ReviewClip(c.clip(), c.range().first(), c.range().last())).toList()));
    }
    h.append(PageAssets.data("dunkclip-review", Map.of("tapes", review)))
        .append(PageAssets.scripts(PageAssets.LABELS_CSV_JS, PageAssets.CONTROLS_JS,
            "/io/dunkclip/jobs/report/review.js"))
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static void run(StringBuilder h, Model m) {
    DetectRun run = m.run();
    h.append("<h2 id=\"run\">Run</h2>\n<table>\n");
    row(h, "tapes", String.valueOf(m.tapes().size()));
    row(h, "clips", String.valueOf(m.clipCount()));
    row(h, "errors", String.valueOf(m.errors().size()));
    row(h, "input", m.input() == null ? "–" : m.input());
    row(h, "labels", m.labels() == null ? "none" : m.labels());
    if (run == null) {
      row(h, "timings", "not recorded (this output has no " + DetectOutput.RUN_FILE + ")");
    } else {
      row(h, "frames scored", String.valueOf(run.frames()));
      row(h, "detect wall time", decimal(run.seconds(), 1) + " s");
      row(h, "frames per second", run.seconds() > 0 ? decimal(run.frames() / run.seconds(), 1) : "–");
      row(h, "model", run.model());
      row(h, "threshold (enter / exit)", decimal(run.threshold(), 3) + " / " + decimal(run.exitThreshold(), 3));
      row(h, "min / max gap / pad seconds", decimal(run.minSeconds(), 2) + " / " + decimal(run.maxGapSeconds(), 2)
          + " / " + decimal(run.padSeconds(), 2));
      row(h, "segment frames / batch size", run.segmentFrames() + " / " + run.batchSize());
      if (run.fast()) {
        row(h, "fast mode", run.fullyScored().isEmpty() ? "on: keyframes first, every frame only around them"
            : "on, but " + run.fullyScored().size() + " tape(s) scored in full: keyframes too far apart ("
            + String.join(", ", run.fullyScored().stream().map(FullyScoredTape::video).toList()) + ")");
      }
      row(h, "finished", run.finishedAt());
    }
    h.append("</table>\n");
    if (run != null && !run.sparkJobs().isEmpty()) {
      h.append("<h3 id=\"stages\">Time per Spark job</h3>\n<table>\n<tr><th>job</th><th>call site</th>"
          + "<th>seconds</th></tr>\n");
      for (DetectRun.SparkJobTime job : run.sparkJobs()) {
        h.append("<tr><td>").append(escape(job.description())).append("</td><td>").append(escape(job.name()))
            .append("</td><td class=\"num\">").append(decimal(job.seconds(), 2)).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
  }

  private static void metrics(StringBuilder h, Model m) {
    if (m.evaluation() == null) {
      return;
    }
    Evaluation e = m.evaluation().evaluation();
    h.append("<h2 id=\"metrics\">Metrics against the labels</h2>\n<table>\n<tr><th>level</th><th>precision</th>"
        + "<th>recall</th><th>F1</th><th>true positives</th><th>false positives</th><th>false negatives</th></tr>\n");
    counts(h, "frames", e.frames());
    counts(h, String.format(Locale.ROOT, "clips (temporal IoU ≥ %.2f, one-to-one)", m.evaluation().iou()),
        e.clips());
    h.append("</table>\n<p>Mean boundary error of matched clips: start ").append(decimal(e.meanStartErrorFrames(), 1))
        .append(" frames, end ").append(decimal(e.meanEndErrorFrames(), 1)).append(" frames.</p>\n");
  }

  private static void counts(StringBuilder h, String level, Counts c) {
    h.append("<tr><th>").append(escape(level)).append("</th><td class=\"num\">").append(decimal(c.precision(), 3))
        .append("</td><td class=\"num\">").append(decimal(c.recall(), 3)).append("</td><td class=\"num\">")
        .append(decimal(c.f1(), 3)).append("</td><td class=\"num\">").append(c.truePositives())
        .append("</td><td class=\"num\">").append(c.falsePositives()).append("</td><td class=\"num\">")
        .append(c.falseNegatives()).append("</td></tr>\n");
  }

  private static void errors(StringBuilder h, Model m) {
    h.append("<h2 id=\"errors\">Errors</h2>\n");
    if (m.errors().isEmpty()) {
      h.append("<p>None: every tape was read.</p>\n");
      return;
    }
    h.append("<table>\n<tr><th>tape</th><th>stage</th><th>reason</th><th>frames done</th><th>location</th></tr>\n");
    for (ErrorRow e : m.errors()) {
      h.append("<tr><td>").append(escape(e.video())).append("</td><td>").append(escape(e.stage()))
          .append("</td><td class=\"problem\">").append(escape(e.reason())).append("</td><td class=\"num\">")
          .append(escape(e.framesDone())).append("</td><td>").append(escape(e.uri())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void tape(StringBuilder h, TapeSection t, Map<Integer, String> videos) {
    h.append("<section id=\"tape-").append(t.number()).append("\">\n<h2>").append(escape(t.video())).append("</h2>\n");
    TapeInfo info = t.info();
    if (info != null) {
      double seconds = info.secondsAt(info.frameCount() - 1) + info.frameDurationMicros(info.frameCount() - 1) / 1e6;
      h.append("<p>").append(info.frameCount()).append(" frames, ").append(decimal(info.frameRate(), 2))
          .append(" fps, ").append(decimal(seconds, 1)).append(" s, ").append(info.uprightWidth()).append('x')
          .append(info.uprightHeight()).append(info.rotationDegrees() != 0 ? " (rotated " + info.rotationDegrees()
              + "°)" : "").append(info.hasAudio() ? ", with audio" : ", no audio").append(".</p>\n");
    }
    if (t.timeline() != null) {
      h.append("<figure><img src=\"").append(escape(t.timeline())).append("\" width=\"").append(ScoreTimeline.WIDTH)
          .append("\" height=\"").append(ScoreTimeline.HEIGHT).append("\" alt=\"score timeline of ")
          .append(escape(t.video())).append("\"><figcaption>Score per frame")
          .append(t.truth() != null ? "; truth from the labels as the band at the top" : "")
          .append(".</figcaption></figure>\n");
    } else {
      h.append("<p class=\"problem\">No timeline: ").append(escape(t.timelineNote())).append("</p>\n");
    }
    if (info != null) {
      h.append("<div id=\"track-").append(t.number()).append("\" class=\"track-holder\"><p class=\"note\">Frames 0–")
          .append(info.frameCount() - 1).append(": the clips in blue; click where a missed dunk starts, then where it")
          .append(" ends.</p></div>\n");
    }
    if (t.scoringNote() != null) {
      h.append("<p class=\"note\">Scored every frame: ").append(escape(t.scoringNote())).append(".</p>\n");
    }
    if (t.background() != null) {
      h.append("<figure><img src=\"").append(escape(t.background())).append("\" width=\"192\" alt=\"background of ")
          .append(escape(t.video())).append("\"><figcaption")
          .append(t.backgroundUnreliable() ? " class=\"problem\"" : "")
          .append(">The empty court the model compared each frame with, ").append(escape(t.backgroundNote()))
          .append(".</figcaption></figure>\n");
    }
    if (t.clips().isEmpty()) {
      h.append("<p>No clips.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"table-scroll\"><table>\n<tr><th>clip</th><th>review</th><th>frames</th><th>seconds</th>"
        + "<th>score</th>");
    if (!videos.isEmpty()) {
      h.append("<th>rendered clip</th>");
    }
    for (String which : ClipThumbnails.WHICH) {
      h.append("<th>").append(which).append(" frame</th>");
    }
    h.append("</tr>\n");
    for (ClipRow clip : t.clips()) {
      h.append("<tr><td class=\"num\">").append(clip.clip()).append("</td><td class=\"review\" id=\"review-")
          .append(t.number()).append('-').append(clip.clip()).append("\"></td><td class=\"num\">")
          .append(clip.range().first()).append("–").append(clip.range().last()).append("</td><td class=\"num\">")
          .append(decimal(clip.startSec(), 3)).append("–").append(decimal(clip.endSec(), 3))
          .append("</td><td class=\"num\">").append(decimal(clip.score(), 3)).append("</td>");
      if (!videos.isEmpty()) {
        String video = videos.get(clip.clip());
        h.append(video == null ? "<td class=\"problem\">not rendered</td>" : "<td><video class=\"clip\" controls"
            + " preload=\"metadata\" src=\"" + escape(video) + "\"></video></td>");
      }
      ClipThumbnails.Drawn drawn = t.thumbnails().get(clip.clip());
      if (drawn == null) {
        h.append("<td colspan=\"3\" class=\"problem\">no thumbnails: the tape was not read</td>");
      } else {
        for (ClipThumbnails.Thumbnail thumb : drawn.thumbnails()) {
          h.append("<td>");
          if (thumb.file() != null) {
            h.append("<figure><img class=\"thumb\" src=\"").append(escape(thumb.file())).append("\" alt=\"")
                .append(escape(t.video())).append(" frame ").append(thumb.frame()).append("\"><figcaption>frame ")
                .append(thumb.frame()).append("</figcaption></figure>");
          } else {
            h.append("<span class=\"problem\">frame ").append(thumb.frame()).append(": ")
                .append(escape(thumb.error())).append("</span>");
          }
          h.append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n</section>\n");
  }
}
