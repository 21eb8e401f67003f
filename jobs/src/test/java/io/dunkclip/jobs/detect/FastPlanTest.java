package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.segment.FastWindows;
import io.dunkclip.video.TapeInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastPlanTest {
  private static final TapeRef TAPE = new TapeRef("file:/tapes/a.mp4", "a.mp4", 1, 1, null);
  private static final double LIMIT = DetectConfig.FAST_MAX_KEYFRAME_SECONDS;
  /** Seeds at 0.9, exit at 0.5, no smoothing, runs bridged over 2 frames: windows reach 2 frames past a keyframe. */
  private static final FastWindows.Rule RULE = new FastWindows.Rule(0.9, 0.9, 0.5, 0, 2);

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

  private static SegmentScores scores(long first, float... scores) {
    return new SegmentScores("a.mp4", first, scores, List.of(), null);
  }

  @Test
  void decodesAroundSeedsAndUnscoredKeyframesThenWhatTheScoresStillNeedAndKeepsTheOtherKeyframeScores() {
    // keyframe 50 scores high; 80 was not reached by the coarse pass (damage, say); the rest score low
    KeyframeScores first = new KeyframeScores("a.mp4", 0, 49, new long[] {0, 10, 20, 30, 40},
        new float[] {0.1f, 0.2f, 0.1f, 0.3f, 0.2f}, null);
    KeyframeScores second = new KeyframeScores("a.mp4", 50, 99, new long[] {50, 60, 70, 90},
        new float[] {0.99f, 0.1f, 0.1f, 0.1f}, "decoding stopped");
    FastPlan plan = FastPlan.start(probed(), List.of(first, second), info -> RULE, 25,
        FastPlan.fullyScored(probed(), LIMIT));
    // 50: from keyframe 40 less 2 frames (so from keyframe 30) to keyframe 60 and 2 frames more; 80: from 70 less 2
    // (so from 60) to keyframe 90 and 2 more; the two windows overlap and are one, cut into segments at keyframes
    assertThat(plan.windowFrames()).isEqualTo(63);
    assertThat(plan.segments()).containsExactly(new TapeSegment(TAPE, 30, 49), new TapeSegment(TAPE, 50, 79),
        new TapeSegment(TAPE, 80, 92));

    // All low but a run at 50..62: bridging and smoothing need 3 frames either side of it, all scored, so the
    // window settles and nothing more is asked for.
    float[] middle = new float[30];
    Arrays.fill(middle, 0, 13, 0.95f);
    plan.scored(List.of(scores(30, new float[20]), scores(50, middle), scores(80, new float[13])));
    assertThat(plan.segments()).isEmpty();
    assertThat(plan.outside()).extracting(SegmentScores::first).containsExactly(0L, 10L, 20L);
    assertThat(plan.outside()).allSatisfy(s -> {
      assertThat(s.scores()).hasSize(1);
      assertThat(s.runs()).isEmpty();
    });
    assertThat(plan.outside().get(1).scores()[0]).isEqualTo(0.2f);
  }

  @Test
  void aRunAtAWindowsEdgeAsksForTheFramesBeyondInTheNextRound() {
    KeyframeScores all = new KeyframeScores("a.mp4", 0, 99, new long[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90},
        new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.95f, 0.1f, 0.1f, 0.1f, 0.1f}, null);
    FastPlan plan = FastPlan.start(probed(), List.of(all), info -> RULE, 300, FastPlan.fullyScored(probed(), LIMIT));
    assertThat(plan.segments()).containsExactly(new TapeSegment(TAPE, 30, 62));
    // The dunk goes on past keyframe 60, which scored low (a blur, say): high from 50 to the window's end.
    float[] window = new float[33];
    Arrays.fill(window, 20, 33, 0.95f);
    plan.scored(List.of(scores(30, window)));
    // to keyframe 70 (low) and 2 frames beyond
    assertThat(plan.segments()).containsExactly(new TapeSegment(TAPE, 63, 72));
    plan.scored(List.of(scores(63, new float[10])));
    assertThat(plan.segments()).isEmpty();
    assertThat(plan.windowFrames()).isEqualTo(43);
  }

  @Test
  void allLowKeyframesDecodeNothingButKeepEveryKeyframeScore() {
    KeyframeScores all = new KeyframeScores("a.mp4", 0, 99, new long[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90},
        new float[10], null);
    FastPlan plan = FastPlan.start(probed(), List.of(all), info -> RULE, 300, FastPlan.fullyScored(probed(), LIMIT));
    assertThat(plan.segments()).isEmpty();
    assertThat(plan.windowFrames()).isZero();
    assertThat(plan.outside()).hasSize(10);
  }

  @Test
  void aTapeWithKeyframesFurtherApartThanTheLimitIsScoredWholeWithoutKeyframeScores() {
    // keyframes 1 s apart, fast mode trusting 0.9 s: the tape is one window, the coarse pass had nothing of it
    assertThat(FastPlan.fullyScored(probed(), 1.0)).isEmpty();
    FastPlan plan = FastPlan.start(probed(), List.of(), info -> RULE, 40, FastPlan.fullyScored(probed(), 0.9));
    assertThat(plan.fullyScored()).containsExactly(new FullyScoredTape("a.mp4", 1.0, 0.9));
    assertThat(plan.windowFrames()).isEqualTo(100);
    assertThat(plan.outside()).isEmpty();
    assertThat(plan.segments().get(0).first()).isZero();
    assertThat(plan.segments().get(plan.segments().size() - 1).last()).isEqualTo(99);
    assertThat(plan.segments().stream().mapToLong(s -> s.last() - s.first() + 1).sum()).isEqualTo(100);
  }
}
