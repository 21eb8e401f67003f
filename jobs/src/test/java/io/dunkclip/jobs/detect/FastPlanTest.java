package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.video.TapeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastPlanTest {
  private static final TapeRef TAPE = new TapeRef("file:/tapes/a.mp4", "a.mp4", 1, 1, null);
  private static final double LIMIT = DetectConfig.FAST_MAX_KEYFRAME_SECONDS;

  /** 100 frames at 10 fps, a keyframe every 10 frames. */
  private static ProbedTapes probed() {
    long[] timestamps = new long[100];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = i * 100_000L;
    }
    long[] keyframes = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    TapeInfo info = new TapeInfo("a.mp4", timestamps, keyframes, 10, 64, 64, 0, false, 0, 0);
    return new ProbedTapes(List.of(TAPE), Map.of("a.mp4", info), List.of());
  }

  @Test
  void decodesAroundHighAndUnscoredKeyframesInSegmentsAndKeepsTheOtherKeyframeScores() {
    // keyframe 50 scores high; 80 was not reached by the coarse pass (damage, say); the rest score low
    KeyframeScores first = new KeyframeScores("a.mp4", 0, 49, new long[] {0, 10, 20, 30, 40},
        new float[] {0.1f, 0.2f, 0.1f, 0.3f, 0.2f}, null);
    KeyframeScores second = new KeyframeScores("a.mp4", 50, 99, new long[] {50, 60, 70, 90},
        new float[] {0.99f, 0.1f, 0.1f, 0.1f}, "decoding stopped");
    FastPlan plan = FastPlan.plan(probed(), List.of(first, second), 0.5, 1, 25, FastPlan.fullyScored(probed(), LIMIT));
    // hot: [40,49] [50,59] (keyframe 50) and [70,79] [80,89] (keyframe 80 unscored); one interval margin each side
    assertThat(plan.windowFrames()).isEqualTo(70);
    assertThat(plan.segments()).containsExactly(new TapeSegment(TAPE, 30, 49), new TapeSegment(TAPE, 50, 79),
        new TapeSegment(TAPE, 80, 99));
    assertThat(plan.outside()).extracting(SegmentScores::first).containsExactly(0L, 10L, 20L);
    assertThat(plan.outside()).allSatisfy(s -> {
      assertThat(s.scores()).hasSize(1);
      assertThat(s.runs()).isEmpty();
    });
    assertThat(plan.outside().get(1).scores()[0]).isEqualTo(0.2f);
  }

  @Test
  void allLowKeyframesDecodeNothingButKeepEveryKeyframeScore() {
    KeyframeScores all = new KeyframeScores("a.mp4", 0, 99, new long[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90},
        new float[10], null);
    FastPlan plan = FastPlan.plan(probed(), List.of(all), 0.5, 1, 300, FastPlan.fullyScored(probed(), LIMIT));
    assertThat(plan.segments()).isEmpty();
    assertThat(plan.windowFrames()).isZero();
    assertThat(plan.outside()).hasSize(10);
  }

  @Test
  void keyframesAboveTheSuspectScoreButBelowTheThresholdAreDecodedAround() {
    // The bench tape's case: a short detection between keyframes scoring 0.84 and 0.92 under a 0.95 threshold,
    // empty court about 0.44. Only intervals next to keyframes scoring DetectConfig.FAST_SUSPECT_SCORE or more.
    KeyframeScores all = new KeyframeScores("a.mp4", 0, 99, new long[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90},
        new float[] {0.44f, 0.44f, 0.44f, 0.44f, 0.84f, 0.92f, 0.44f, 0.44f, 0.44f, 0.49f}, null);
    FastPlan plan = FastPlan.plan(probed(), List.of(all), 0.95, 0, 300, FastPlan.fullyScored(probed(), LIMIT));
    // hot intervals: [30,39] (next to 40), [40,49], [50,59]; keyframe 90 at 0.49 stays cold
    assertThat(plan.segments()).containsExactly(new TapeSegment(TAPE, 30, 59));
    assertThat(plan.outside()).extracting(SegmentScores::first).containsExactly(0L, 10L, 20L, 60L, 70L, 80L, 90L);

    // An exit threshold below the suspect score is used as it is.
    FastPlan low = FastPlan.plan(probed(), List.of(all), 0.45, 0, 300, FastPlan.fullyScored(probed(), LIMIT));
    assertThat(low.segments()).containsExactly(new TapeSegment(TAPE, 30, 59), new TapeSegment(TAPE, 80, 99));
  }

  @Test
  void aTapeWithKeyframesFurtherApartThanTheLimitIsScoredWholeWithoutKeyframeScores() {
    // keyframes 1 s apart, fast mode trusting 0.9 s: the tape is one window, the coarse pass had nothing of it
    assertThat(FastPlan.fullyScored(probed(), 1.0)).isEmpty();
    FastPlan plan = FastPlan.plan(probed(), List.of(), 0.5, 1, 40, FastPlan.fullyScored(probed(), 0.9));
    assertThat(plan.fullyScored()).containsExactly(new FullyScoredTape("a.mp4", 1.0, 0.9));
    assertThat(plan.windowFrames()).isEqualTo(100);
    assertThat(plan.outside()).isEmpty();
    assertThat(plan.segments().get(0).first()).isZero();
    assertThat(plan.segments().get(plan.segments().size() - 1).last()).isEqualTo(99);
    assertThat(plan.segments().stream().mapToLong(s -> s.last() - s.first() + 1).sum()).isEqualTo(100);
  }
}
