package io.dunkclip.jobs.label;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.interval.SampledFrames;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.video.Fit;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * {@code label --draft-people}: with no model yet, a first draft of the ranges from a generic people detector
 * ({@link PeopleDetector}), one Spark task per tape. The detector is slow (a tenth of a second or more per picture),
 * so it looks at {@link #SAMPLES_PER_SECOND} frames per second, decoded at most {@link #MAX_SIDE} pixels on the longer
 * side; each frame takes the verdict of the nearest looked-at frame, and the verdicts become ranges by detect's default
 * clip rules ({@link SampledFrames}).
 */
final class PeopleDraft {
  /** A dunk lasts seconds: three looks a second see it several times, at a third of the cost of every 10th frame. */
  static final double SAMPLES_PER_SECOND = 3;
  /**
   * Frames are shrunk to this many pixels on the longer side, never enlarged: HOG's cost grows with the area, and the
   * detector only finds people at least 128 pixels tall, which a person on a 640 x 360 picture of a half court is.
   */
  static final int MAX_SIDE = 640;
  /** What the detector is, as the page names it. */
  static final String SOURCE = "OpenCV's HOG people detector";
  /**
   * How good the draft was on 8 sample tapes (seeds 7 and 8, 4 tapes of 30 s each, counts of both added up), measured
   * as the README says ({@code label --draft-people}, then {@code evaluate --clips sheets/draft-clips.csv}): frames
   * tp=468 fp=82 fn=539, clips at IoU 0.5 matched=6 false=11 missed=10. The person must know how far to trust it.
   */
  static final String QUALITY = "Draft from a generic people detector: frame F1 0.60 (precision 0.85, recall 0.46),"
      + " clip F1 0.36 on 8 sample tapes — check every range and look for missed ones.";

  private PeopleDraft() {}

  /** The verdicts of one tape's looked-at frames: 1 where the detector found someone, 0 where not. */
  record Looks(String tape, int step, long frames, double[] scores, TapeError error) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The drafts of the tapes that gave a picture, and the tapes that broke while the detector looked at them. */
  record Drafts(Map<String, LabelSuggestions.Draft> drafts, List<TapeError> errors) {}

  static Drafts run(JavaSparkContext sc, List<Tuple2<TapeRef, TapeInfo>> work, HadoopConf conf) {
    sc.setJobDescription("dunkclip: label --draft-people, people detector on " + work.size() + " tape(s)");
    List<Looks> looked = sc.parallelize(work, Math.max(1, work.size())).map(job -> look(job._1(), job._2(), conf))
        .collect();
    Map<String, TapeInfo> infos = new LinkedHashMap<>();
    work.forEach(job -> infos.put(job._1().name(), job._2()));
    Map<String, LabelSuggestions.Draft> drafts = new LinkedHashMap<>();
    List<TapeError> errors = new ArrayList<>();
    for (Looks looks : looked) {
      if (looks.error() != null) {
        errors.add(looks.error());
      }
      TapeInfo info = infos.get(looks.tape());
      List<ClipRow> clips = clips(looks, info);
      List<LabelPage.Range> ranges = new ArrayList<>();
      for (ClipRow clip : clips) {
        ranges.add(new LabelPage.Range(clip.range().first(), clip.range().last()));
      }
      drafts.put(looks.tape(), new LabelSuggestions.Draft(ranges, clips,
          new LabelPage.Suggestions(SOURCE, null, QUALITY, List.of())));
    }
    return new Drafts(drafts, errors);
  }

  /** The draft's clips: the verdicts spread over the frames looked at, reduced by detect's default clip rules. */
  static List<ClipRow> clips(Looks looks, TapeInfo info) {
    if (looks.scores().length == 0) {
      return List.of();
    }
    ClipPolicy policy = ClipSettings.DEFAULTS.policy(0.5, 0.5, info.frameRate(), 0, 0);
    List<ClipRow> rows = new ArrayList<>();
    int number = 1;
    for (Clip clip : SampledFrames.clips(looks.frames(), looks.step(), looks.scores(), policy)) {
      rows.add(DetectJob.clipRow(looks.tape(), number++, clip, info));
    }
    return rows;
  }

  /** Frames apart between two looks at a tape of {@code fps} frames per second (30 when unknown). */
  static int step(double fps) {
    return (int) Math.max(1, Math.round((fps > 0 ? fps : 30) / SAMPLES_PER_SECOND));
  }

  /** The decoded size of an upright {@code width x height} picture: at most {@link #MAX_SIDE} on its longer side. */
  static int[] size(int width, int height) {
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
    return new int[] {Math.max(2, (int) Math.round(width * scale)), Math.max(2, (int) Math.round(height * scale))};
  }

  /** Runs on an executor: decodes one tape in order and asks the detector about every {@code step}-th frame. */
  static Looks look(TapeRef tape, TapeInfo info, HadoopConf conf) {
    int step = step(info.frameRate());
    int samples = SampledFrames.sampleCount(info.frameCount(), step);
    double[] scores = new double[samples];
    int[] done = {0};
    TapeError error = null;
    if (samples > 0) {
      int[] size = size(info.uprightWidth(), info.uprightHeight());
      try (PeopleDetector detector = new PeopleDetector();
          FrameReader reader = new FrameReader(TapeSources.of(tape, conf.get()), info, size[0], size[1], Fit.STRETCH)) {
        reader.read(0, (long) (samples - 1) * step, frame -> {
          if (frame.index() % step == 0) {
            scores[(int) (frame.index() / step)] = detector.people(frame) > 0 ? 1 : 0;
            done[0] = (int) (frame.index() / step) + 1;
          }
        });
      } catch (TapeException e) {
        error = new TapeError(tape.name(), tape.uri(), "draft-people", e.reason(), (long) done[0] * step);
      }
    }
    if (done[0] == samples) {
      return new Looks(tape.name(), step, info.frameCount(), scores, error);
    }
    // Broken part-way: a draft of the frames up to the last one looked at, none after it.
    long frames = done[0] == 0 ? 0 : (long) (done[0] - 1) * step + 1;
    return new Looks(tape.name(), step, frames, Arrays.copyOf(scores, done[0]), error);
  }
}
