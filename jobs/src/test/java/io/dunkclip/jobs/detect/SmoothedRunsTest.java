package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The smoothing stage on synthetic scored segments (no decoding): the clips of smoothed scores, the same however the
 * tape is cut into segments, and the same as smoothing each stretch of scored frames whole.
 */
class SmoothedRunsTest {
  private static final String VIDEO = "court.mp4";
  private static final double THRESHOLD = 0.95;

  private static JavaSparkContext sc() {
    return JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
  }

  /** A tape of {@code frames} frames at {@code fps}, a keyframe every second. */
  private static TapeInfo tape(String name, int frames, int fps) {
    long[] timestamps = new long[frames];
    for (int i = 0; i < frames; i++) {
      timestamps[i] = Math.round(i * 1e6 / fps);
    }
    long[] keyframes = new long[(frames + fps - 1) / fps];
    for (int k = 0; k < keyframes.length; k++) {
      keyframes[k] = (long) k * fps;
    }
    return new TapeInfo(name, timestamps, keyframes, fps, 64, 64, 0, false, 0, 0);
  }

  /**
   * 300 frames at 15 fps: empty court (0.1), a dunk at frames 100-159 whose frames 130-131 score low (a player
   * behind the backboard), and a three-frame false positive at 220-222.
   */
  private static float[] dunkWithDipAndSpike() {
    float[] scores = new float[300];
    Arrays.fill(scores, 0.1f);
    Arrays.fill(scores, 100, 160, 0.99f);
    Arrays.fill(scores, 130, 132, 0.3f);
    Arrays.fill(scores, 220, 223, 0.98f);
    return scores;
  }

  /** The scores cut into segments of {@code segmentFrames}, as the scoring stage leaves them: with raw runs. */
  private static List<SegmentScores> segments(float[] scores, int segmentFrames, double exitThreshold) {
    List<SegmentScores> segments = new ArrayList<>();
    for (int from = 0; from < scores.length; from += segmentFrames) {
      float[] part = Arrays.copyOfRange(scores, from, Math.min(scores.length, from + segmentFrames));
      double[] raw = new double[part.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = part[i];
      }
      segments.add(new SegmentScores(VIDEO, from, part, RunReducer.runs(from, raw, exitThreshold), null));
    }
    return segments;
  }

  /** The clip ranges detect gives for these segments: the smoothing stage, then stitching and the clip policy. */
  private static List<FrameRange> clips(List<SegmentScores> segments, TapeInfo info, DetectConfig config) {
    JavaRDD<SegmentScores> scored = sc().parallelize(segments, Math.max(1, Math.min(8, segments.size())));
    DetectJob.Scoring scoring =
        new DetectJob.Scoring(scored, List.of(), Map.of(VIDEO, info), List.of(), 0, Map.of(), List.of());
    List<ScoreRun> runs = new ArrayList<>();
    for (SegmentScores segment : SmoothedRuns.smooth(sc(), scoring, config, THRESHOLD).collect()) {
      runs.addAll(segment.runs());
    }
    return DetectJob.clipRows(VIDEO, runs, info, policy(config, info)).stream().map(ClipRow::range).toList();
  }

  /** The policy detect applies with the threshold given outright (no model). */
  private static ClipPolicy policy(DetectConfig config, TapeInfo info) {
    ClipSettings clips = config.clips();
    return clips.policy(clips.enter(THRESHOLD), clips.exit(THRESHOLD, THRESHOLD), info.frameRate(), 0, 0);
  }

  /** No bridging of gaps, detections of 3 frames (0.2 s at 15 fps) kept: what is left is the smoothing's doing. */
  private static DetectConfig config(double smoothSeconds) {
    return DetectConfig.builder().input("tapes").model("m").output("out")
        .clips(new ClipSettings(THRESHOLD, null, 0.2, 0, 0, smoothSeconds)).build();
  }

  @Test
  void aSpikeAndADipShorterThanTheWindowAreSmoothedAwayWhateverTheSegments() {
    TapeInfo info = tape(VIDEO, 300, 15);
    float[] scores = dunkWithDipAndSpike();

    assertThat(config(0.4).smoothHalfWindow(15)).isEqualTo(3);
    for (int segmentFrames : new int[] {1, 2, 3, 4, 7, 37, 130, 300}) {
      assertThat(clips(segments(scores, segmentFrames, THRESHOLD), info, config(0)))
          .as("without smoothing, segments of %s", segmentFrames)
          .containsExactly(FrameRange.of(100, 129), FrameRange.of(132, 159), FrameRange.of(220, 222));
      assertThat(clips(segments(scores, segmentFrames, THRESHOLD), info, config(0.4)))
          .as("smoothed over 0.4 s, segments of %s", segmentFrames)
          .containsExactly(FrameRange.of(100, 159));
    }
  }

  @Test
  void aSpikeAsLongAsHalfTheWindowPlusOneIsKept() {
    TapeInfo info = tape(VIDEO, 300, 15);
    float[] scores = dunkWithDipAndSpike();
    Arrays.fill(scores, 220, 224, 0.98f);
    assertThat(clips(segments(scores, 37, THRESHOLD), info, config(0.4)))
        .containsExactly(FrameRange.of(100, 159), FrameRange.of(220, 223));
  }

  @Test
  void theClipScoreIsTheMeanOfTheSmoothedScores() {
    TapeInfo info = tape(VIDEO, 300, 15);
    // Hysteresis down to 0.2: the raw run 100-159 holds the dip's two frames at 0.3, the smoothed one does not.
    DetectConfig config = DetectConfig.builder().input("tapes").model("m").output("out")
        .clips(new ClipSettings(THRESHOLD, 0.2, 0.2, 0, 0, ClipSettings.SMOOTH_SECONDS_DEFAULT)).build();
    JavaRDD<SegmentScores> scored = sc().parallelize(segments(dunkWithDipAndSpike(), 37, 0.2), 4);
    List<ScoreRun> raw = new ArrayList<>();
    List<ScoreRun> smoothed = new ArrayList<>();
    SmoothedRuns.smooth(sc(), scored, Map.of(VIDEO, 0), 0.2).collect().forEach(s -> raw.addAll(s.runs()));
    SmoothedRuns.smooth(sc(), scored, Map.of(VIDEO, 3), 0.2).collect().forEach(s -> smoothed.addAll(s.runs()));

    assertThat(DetectJob.clipRows(VIDEO, raw, info, policy(config, info))).first()
        .satisfies(row -> assertThat(row.score()).isCloseTo((58 * 0.99 + 2 * 0.3) / 60, within(1e-6)));
    assertThat(DetectJob.clipRows(VIDEO, smoothed, info, policy(config, info))).singleElement()
        .satisfies(row -> assertThat(row.score()).isCloseTo(0.99, within(1e-6)));
  }

  /**
   * Random scores over two tapes of different frame rates, scored in segments of random length with frames left out
   * (as outside fast mode's windows, or after a segment that stopped decoding early): the stage's runs are those of
   * each stretch of scored frames smoothed whole, and the segments keep their raw scores.
   */
  @Test
  void runsAreThoseOfEachStretchOfScoredFramesSmoothedWhole() {
    Random random = new Random(12);
    Map<String, Integer> halfWindows = Map.of("a.mp4", 5, "b.mp4", 2);
    for (int round = 0; round < 5; round++) {
      List<SegmentScores> segments = new ArrayList<>();
      Map<String, List<ScoreRun>> expected = new HashMap<>();
      for (Map.Entry<String, Integer> video : halfWindows.entrySet()) {
        List<ScoreRun> runs = expected.computeIfAbsent(video.getKey(), v -> new ArrayList<>());
        long frame = random.nextInt(3);
        while (frame < 400) {
          float[] stretch = new float[1 + random.nextInt(120)];
          for (int i = 0; i < stretch.length; i++) {
            stretch[i] = random.nextInt(4) == 0 ? 0.1f + 0.9f * random.nextFloat() : stretch[Math.max(0, i - 1)];
          }
          int at = 0;
          while (at < stretch.length) {
            int length = Math.min(stretch.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 60));
            segments.add(new SegmentScores(video.getKey(), frame + at,
                Arrays.copyOfRange(stretch, at, at + length), List.of(), null));
            at += length;
          }
          double[] whole = new double[stretch.length];
          for (int i = 0; i < whole.length; i++) {
            whole[i] = stretch[i];
          }
          runs.addAll(RunReducer.runs(frame, ScoreSmoothing.median(whole, video.getValue()), 0.5));
          frame += stretch.length + 1 + random.nextInt(20);
        }
      }
      List<SegmentScores> shuffled = new ArrayList<>(segments);
      Collections.shuffle(shuffled, random);

      List<SegmentScores> smoothed =
          SmoothedRuns.smooth(sc(), sc().parallelize(shuffled, 3), halfWindows, 0.5).collect();

      for (String video : halfWindows.keySet()) {
        List<ScoreRun> runs = new ArrayList<>();
        smoothed.stream().filter(s -> s.video().equals(video)).forEach(s -> runs.addAll(s.runs()));
        assertThat(RunReducer.stitch(runs)).extracting(ScoreRun::range).as("round %s, %s", round, video)
            .containsExactlyElementsOf(expected.get(video).stream().map(ScoreRun::range).toList());
      }
      for (int i = 0; i < shuffled.size(); i++) {
        assertThat(smoothed.get(i).scores()).containsExactly(shuffled.get(i).scores());
      }
    }
  }

  @Test
  void withoutSmoothingTheScoredSegmentsAreUsedAsTheyAre() {
    JavaRDD<SegmentScores> scored = sc().parallelize(segments(dunkWithDipAndSpike(), 100, THRESHOLD), 3);
    assertThat(SmoothedRuns.smooth(sc(), scored, Map.of(VIDEO, 0), THRESHOLD)).isSameAs(scored);
  }
}
