package io.dunkclip.jobs.detect;

import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.video.TapeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Detect's smoothing stage, between scoring and stitching: recomputes each scored segment's runs from its scores
 * smoothed by a moving median ({@link ScoreSmoothing}, {@link DetectConfig#smoothSeconds()}), exactly as if each
 * tape had been smoothed whole, without decoding anything twice.
 *
 * <p>A frame's window reaches {@code h} frames into the neighbouring segments, so the segments trade edges: one job
 * over the persisted scored segments brings each segment's first and last {@code h} raw scores to the driver (a few
 * numbers per segment), the driver assembles for every segment the {@code h} scores just before and just after it
 * (a neighbour is the segment whose frames are directly adjacent; a frame that was not scored, as outside fast
 * mode's windows or after a decoding error, ends the window) and broadcasts them keyed by (video, first frame), and a
 * map over the scored segments smooths each one with its neighbours' scores and reduces it to runs at the exit
 * threshold. The driver then stitches the runs as without smoothing.
 *
 * <p>The segments keep their raw scores, which the scores dataset holds; only the runs, and so the clips and the clip
 * scores, come from the smoothed scores.
 */
final class SmoothedRuns {
  /** The local property {@link JavaSparkContext#setJobDescription} sets. */
  private static final String JOB_DESCRIPTION = "spark.job.description";

  private SmoothedRuns() {}

  /** What a segment of {@code video} lends its neighbours. */
  record SegmentEdge(String video, ScoreSmoothing.Edge edge) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The scored segments with runs of their smoothed scores at {@code exitThreshold}, each tape smoothed over
   * {@code config.smoothSeconds()} at its own frame rate; the scored segments themselves when smoothing is off.
   */
  static JavaRDD<SegmentScores> smooth(JavaSparkContext sc, DetectJob.Scoring scored, DetectConfig config,
      double exitThreshold) {
    Map<String, Integer> halfWindows = new HashMap<>();
    for (Map.Entry<String, TapeInfo> tape : scored.tapes().entrySet()) {
      halfWindows.put(tape.getKey(), config.smoothHalfWindow(tape.getValue().frameRate()));
    }
    return smooth(sc, scored.scored(), halfWindows, exitThreshold);
  }

  /**
   * As above, with each video's half-window {@code h} in frames (a video not listed is not smoothed). Runs one job
   * over {@code scored} (for the edges) when any {@code h} is above 0; the result is lazy.
   */
  static JavaRDD<SegmentScores> smooth(JavaSparkContext sc, JavaRDD<SegmentScores> scored,
      Map<String, Integer> halfWindows, double exitThreshold) {
    if (halfWindows.values().stream().allMatch(h -> h == 0)) {
      return scored;
    }
    Map<String, Integer> windows = new HashMap<>(halfWindows);
    // Usually the job that also scores the segments (they are persisted): it keeps its description, which says so.
    String description = sc.getLocalProperty(JOB_DESCRIPTION);
    sc.setJobDescription((description == null ? "dunkclip: detect" : description)
        + "; the segments' edges for smoothing the scores");
    List<SegmentEdge> edges;
    try {
      edges = scored.map(segment -> edge(segment, halfWindow(windows, segment.video()))).collect();
    } finally {
      sc.setLocalProperty(JOB_DESCRIPTION, description);
    }
    Broadcast<Map<String, Map<Long, ScoreSmoothing.Neighbours>>> neighbours =
        sc.broadcast(neighbours(edges, windows));
    return scored.map(segment -> {
      Map<Long, ScoreSmoothing.Neighbours> ofVideo = neighbours.value().getOrDefault(segment.video(), Map.of());
      return smooth(segment, ofVideo.getOrDefault(segment.first(), ScoreSmoothing.Neighbours.NONE),
          halfWindow(windows, segment.video()), exitThreshold);
    });
  }

  /** The first and last {@code h} raw scores of a segment. */
  static SegmentEdge edge(SegmentScores segment, int halfWindow) {
    return new SegmentEdge(segment.video(),
        ScoreSmoothing.Edge.of(segment.first(), toDoubles(segment.scores()), halfWindow));
  }

  /** Every segment's neighbouring raw scores, by video and first frame. */
  static Map<String, Map<Long, ScoreSmoothing.Neighbours>> neighbours(List<SegmentEdge> edges,
      Map<String, Integer> halfWindows) {
    Map<String, List<ScoreSmoothing.Edge>> byVideo = new HashMap<>();
    for (SegmentEdge edge : edges) {
      byVideo.computeIfAbsent(edge.video(), v -> new ArrayList<>()).add(edge.edge());
    }
    Map<String, Map<Long, ScoreSmoothing.Neighbours>> neighbours = new HashMap<>();
    for (Map.Entry<String, List<ScoreSmoothing.Edge>> video : byVideo.entrySet()) {
      neighbours.put(video.getKey(),
          ScoreSmoothing.neighbours(video.getValue(), halfWindow(halfWindows, video.getKey())));
    }
    return neighbours;
  }

  /** The segment, raw scores kept, with the runs of its scores smoothed with its neighbours' scores. */
  static SegmentScores smooth(SegmentScores segment, ScoreSmoothing.Neighbours neighbours, int halfWindow,
      double exitThreshold) {
    double[] smoothed = ScoreSmoothing.median(neighbours.before(), toDoubles(segment.scores()), neighbours.after(),
        halfWindow);
    return new SegmentScores(segment.video(), segment.first(), segment.scores(),
        RunReducer.runs(segment.first(), smoothed, exitThreshold), segment.error());
  }

  private static int halfWindow(Map<String, Integer> halfWindows, String video) {
    return halfWindows.getOrDefault(video, 0);
  }

  private static double[] toDoubles(float[] scores) {
    double[] out = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      out[i] = scores[i];
    }
    return out;
  }
}
