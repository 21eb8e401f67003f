package io.dunkclip.jobs.tapes;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.segment.SegmentPlanner;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The tapes of a run with their frame tables, probed in parallel on the executors (demuxing only: the driver never
 * reads a tape), and the ones that could not be probed, with why.
 */
public record ProbedTapes(List<TapeRef> tapes, Map<String, TapeInfo> infos, List<TapeError> errors)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static ProbedTapes probe(JavaSparkContext sc, List<TapeRef> tapes, HadoopConf conf) {
    List<TapeError> errors = new ArrayList<>();
    List<TapeRef> usable = new ArrayList<>();
    for (TapeRef tape : tapes) {
      if (tape.usable()) {
        usable.add(tape);
      } else {
        errors.add(TapeError.unlisted(tape));
      }
    }
    Map<String, TapeInfo> infos = new LinkedHashMap<>();
    if (!usable.isEmpty()) {
      sc.setJobDescription("dunkclip: probe " + usable.size() + " tape(s)");
      List<Tuple2<TapeRef, Object>> probed = sc.parallelize(usable, usable.size())
          .map(tape -> new Tuple2<TapeRef, Object>(tape, probeOne(tape, conf)))
          .collect();
      for (Tuple2<TapeRef, Object> result : probed) {
        if (result._2() instanceof TapeInfo info) {
          infos.put(result._1().name(), info);
          if (info.truncation() != null) {
            // Reported, and its readable frames still processed: a damaged tape loses only what is damaged.
            errors.add(new TapeError(result._1().name(), result._1().uri(), "probe", info.truncation(),
                info.frameCount()));
          }
        } else {
          errors.add(new TapeError(result._1().name(), result._1().uri(), "probe", (String) result._2(), 0));
        }
      }
    }
    List<TapeRef> good = usable.stream().filter(t -> infos.containsKey(t.name())).toList();
    return new ProbedTapes(good, Collections.unmodifiableMap(infos), List.copyOf(errors));
  }

  /** A TapeInfo, or the reason the tape cannot be read (a String), so one bad tape does not fail the job. */
  private static Object probeOne(TapeRef tape, HadoopConf conf) {
    try {
      return TapeProbe.probe(TapeSources.of(tape, conf.get()), tape.name());
    } catch (TapeException e) {
      return e.reason();
    } catch (RuntimeException e) {
      return "cannot be read: " + e;
    }
  }

  /** These tapes with only those named in {@code names} kept, and {@code newErrors} as the errors. */
  public ProbedTapes keeping(java.util.Set<String> names, List<TapeError> newErrors) {
    Map<String, TapeInfo> kept = new LinkedHashMap<>();
    infos.forEach((name, info) -> {
      if (names.contains(name)) {
        kept.put(name, info);
      }
    });
    return new ProbedTapes(tapes.stream().filter(t -> names.contains(t.name())).toList(),
        Collections.unmodifiableMap(kept), List.copyOf(newErrors));
  }

  /** Every tape's frames cut into segments of {@code segmentFrames}, starting on keyframes where possible. */
  public List<TapeSegment> segments(int segmentFrames) {
    List<TapeSegment> segments = new ArrayList<>();
    for (TapeRef tape : tapes) {
      TapeInfo info = infos.get(tape.name());
      for (FrameRange range : SegmentPlanner.plan(info.frameCount(), segmentFrames, info.keyframeIndices())) {
        segments.add(new TapeSegment(tape, range.first(), range.last()));
      }
    }
    return segments;
  }

  public long totalFrames() {
    return infos.values().stream().mapToLong(TapeInfo::frameCount).sum();
  }
}
