package io.dunkclip.jobs.extract;

import io.dunkclip.background.Background;
import io.dunkclip.background.BackgroundSamples;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.ProbedTapes;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Estimates each tape's background on the executors, one task per tape, before its frames are scored or stored: the
 * frames {@link BackgroundSamples} picks (keyframes, decoded alone, or evenly spaced frames for a tape with few
 * keyframes) at the given size and fit, reduced to a {@link Background}. The samples depend on the tape only, so the
 * result does not depend on how the tape is cut into segments.
 */
public final class TapeBackgrounds {
  private static final Logger LOG = LoggerFactory.getLogger(TapeBackgrounds.class);

  private TapeBackgrounds() {}

  /**
   * The backgrounds of the probed tapes that could be estimated, by tape name, and the tapes that could not (no
   * sample could be decoded), as errors of stage {@code background}.
   */
  public record Estimates(Map<String, Background> backgrounds, List<TapeError> errors) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public static Estimates fromTapes(JavaSparkContext sc, ProbedTapes probed, int width, int height, Fit fit,
      HadoopConf conf) {
    Map<String, Background> backgrounds = new LinkedHashMap<>();
    List<TapeError> errors = new ArrayList<>();
    if (probed.tapes().isEmpty()) {
      return new Estimates(backgrounds, errors);
    }
    Map<String, TapeInfo> infos = probed.infos();
    List<Tuple2<TapeRef, TapeInfo>> work = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      work.add(new Tuple2<>(tape, infos.get(tape.name())));
    }
    sc.setJobDescription("dunkclip: background of " + work.size() + " tape(s) from sampled keyframes");
    List<Tuple2<TapeRef, Object>> results = sc.parallelize(work, work.size())
        .map(item -> new Tuple2<TapeRef, Object>(item._1(), estimate(item._1(), item._2(), width, height, fit, conf)))
        .collect();
    for (Tuple2<TapeRef, Object> result : results) {
      if (result._2() instanceof Background background) {
        backgrounds.put(result._1().name(), background);
        if (background.unreliable()) {
          LOG.warn("Tape {}: {}", result._1().name(), background.describe());
        } else {
          LOG.info("Tape {}: {}", result._1().name(), background.describe());
        }
      } else {
        errors.add(new TapeError(result._1().name(), result._1().uri(), "background", (String) result._2(), 0));
      }
    }
    return new Estimates(backgrounds, errors);
  }

  /** A tape's background, or the reason none could be made (a String): one bad tape does not fail the job. */
  static Object estimate(TapeRef tape, TapeInfo info, int width, int height, Fit fit, HadoopConf conf) {
    long[] wanted = BackgroundSamples.frames(info.frameCount(), info.keyframeIndices());
    boolean keyframes = info.keyframeIndices().length >= BackgroundSamples.MIN_KEYFRAMES;
    List<byte[]> samples = new ArrayList<>();
    List<Long> frames = new ArrayList<>();
    String problem = null;
    try (FrameReader reader = keyframes
        ? FrameReader.keyframesOnly(TapeSources.of(tape, conf.get()), info, width, height, fit)
        : new FrameReader(TapeSources.of(tape, conf.get()), info, width, height, fit)) {
      if (keyframes) {
        reader.readKeyframes(0, info.frameCount() - 1, frame -> {
          if (Arrays.binarySearch(wanted, frame.index()) >= 0) {
            samples.add(frame.rgb());
            frames.add(frame.index());
          }
        });
      } else {
        for (long frame : wanted) {
          try {
            reader.read(frame, frame, decoded -> {
              samples.add(decoded.rgb());
              frames.add(decoded.index());
            });
          } catch (TapeException e) {
            problem = e.reason(); // a damaged sample: the others still count
          }
        }
      }
    } catch (TapeException e) {
      problem = e.reason();
    } catch (RuntimeException e) {
      problem = "cannot be read: " + e;
    }
    if (samples.isEmpty()) {
      return "no frame of its background samples could be decoded" + (problem == null ? "" : " (" + problem + ")");
    }
    return Background.estimate(samples, frames.stream().mapToLong(Long::longValue).toArray(), width, height);
  }
}
