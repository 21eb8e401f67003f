package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.spark.ProbedTapes;
import io.dunkclip.jobs.spark.TapeRef;
import io.dunkclip.jobs.spark.TapeSegment;
import io.dunkclip.video.TapeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastPlanTest {
  private static final TapeRef TAPE = new TapeRef("file:/tapes/a.mp4", "a.mp4", 1, 1, null);

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
    FastPlan plan = FastPlan.plan(probed(), List.of(first, second), 0.5, 1, 25);
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
    FastPlan plan = FastPlan.plan(probed(), List.of(all), 0.5, 1, 300);
    assertThat(plan.segments()).isEmpty();
    assertThat(plan.windowFrames()).isZero();
    assertThat(plan.outside()).hasSize(10);
  }
}
