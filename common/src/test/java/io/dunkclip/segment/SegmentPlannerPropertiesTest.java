package io.dunkclip.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class SegmentPlannerPropertiesTest {

  @Property(tries = 500)
  void segmentsCoverEveryFrameOnceWithFixedSizes(
      @ForAll @IntRange(min = 0, max = 3000) int frameCount,
      @ForAll("segmentSizes") int segmentFrames) {
    List<FrameRange> segments = SegmentPlanner.plan(frameCount, segmentFrames);

    assertCoversEveryFrameOnce(segments, frameCount);
    assertThat(segments).hasSize(expectedCount(frameCount, segmentFrames));
    for (int i = 0; i < segments.size(); i++) {
      boolean lastSegment = i == segments.size() - 1;
      if (lastSegment) {
        assertThat(segments.get(i).length()).isBetween(1L, (long) segmentFrames);
      } else {
        assertThat(segments.get(i).length()).isEqualTo(segmentFrames);
      }
    }
  }

  @Property(tries = 500)
  void snappedSegmentsCoverEveryFrameOnceAndFollowTheRule(
      @ForAll @IntRange(min = 0, max = 3000) int frameCount,
      @ForAll("segmentSizes") int segmentFrames,
      @ForAll("keyframes") Set<Long> keyframeSet) {
    long[] keyframes = keyframeSet.stream().mapToLong(Long::longValue).toArray();
    List<FrameRange> segments = SegmentPlanner.plan(frameCount, segmentFrames, keyframes);

    assertCoversEveryFrameOnce(segments, frameCount);
    assertThat(segments).hasSize(expectedCount(frameCount, segmentFrames));
    assertThat(segments).isEqualTo(naivePlan(frameCount, segmentFrames, keyframeSet));
    for (int i = 1; i < segments.size(); i++) {
      long boundary = segments.get(i).first();
      assertThat(boundary).isGreaterThan((long) (i - 1) * segmentFrames)
          .isLessThanOrEqualTo((long) i * segmentFrames);
      assertThat(boundary == (long) i * segmentFrames || keyframeSet.contains(boundary)).isTrue();
      assertThat(segments.get(i - 1).length()).isLessThanOrEqualTo(2L * segmentFrames - 1);
    }
  }

  /** Every keyframe subset of every video up to 10 frames, every segment size up to 11. */
  @Example
  void snappedPlansMatchTheNaiveRuleForEverySmallCase() {
    for (int frameCount = 0; frameCount <= 10; frameCount++) {
      for (int segmentFrames = 1; segmentFrames <= 11; segmentFrames++) {
        for (int mask = 0; mask < 1 << frameCount; mask++) {
          Set<Long> keyframeSet = new HashSet<>();
          for (int frame = 0; frame < frameCount; frame++) {
            if ((mask & 1 << frame) != 0) {
              keyframeSet.add((long) frame);
            }
          }
          long[] keyframes = keyframeSet.stream().mapToLong(Long::longValue).toArray();
          List<FrameRange> segments = SegmentPlanner.plan(frameCount, segmentFrames, keyframes);
          List<FrameRange> expected = naivePlan(frameCount, segmentFrames, keyframeSet);
          if (!segments.equals(expected)) {
            assertThat(segments).as("%d frames by %d, keyframes %s",
                frameCount, segmentFrames, keyframeSet).isEqualTo(expected);
          }
          assertCoversEveryFrameOnce(segments, frameCount);
        }
      }
    }
  }

  /**
   * Boundary i is the largest keyframe after boundary i - 1 and at most i * segmentFrames, found by
   * walking back frame by frame; i * segmentFrames when there is none.
   */
  private static List<FrameRange> naivePlan(
      long frameCount, int segmentFrames, Set<Long> keyframes) {
    List<FrameRange> segments = new ArrayList<>();
    long start = 0;
    for (long nominal = segmentFrames; nominal < frameCount; nominal += segmentFrames) {
      long boundary = nominal;
      for (long frame = nominal; frame > start; frame--) {
        if (keyframes.contains(frame)) {
          boundary = frame;
          break;
        }
      }
      segments.add(FrameRange.of(start, boundary - 1));
      start = boundary;
    }
    if (frameCount > 0) {
      segments.add(FrameRange.of(start, frameCount - 1));
    }
    return segments;
  }

  private static void assertCoversEveryFrameOnce(List<FrameRange> segments, long frameCount) {
    if (frameCount == 0) {
      assertThat(segments).isEmpty();
      return;
    }
    assertThat(segments.get(0).first()).isZero();
    assertThat(segments.get(segments.size() - 1).last()).isEqualTo(frameCount - 1);
    for (int i = 1; i < segments.size(); i++) {
      assertThat(segments.get(i).first()).isEqualTo(segments.get(i - 1).last() + 1);
    }
  }

  private static int expectedCount(long frameCount, int segmentFrames) {
    return (int) ((frameCount + segmentFrames - 1) / segmentFrames);
  }

  @Provide
  Arbitrary<Integer> segmentSizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(1)),
        Tuple.of(3, Arbitraries.of(2, 3, 5, 7, 11, 13, 97, 101, 997, 2999)),
        Tuple.of(3, Arbitraries.integers().between(1, 200)),
        Tuple.of(2, Arbitraries.integers().between(3001, Integer.MAX_VALUE)));
  }

  @Provide
  Arbitrary<Set<Long>> keyframes() {
    // Sparse, dense and evenly spaced keyframe sets; some lie past the end of the video.
    Arbitrary<Set<Long>> random = Arbitraries.longs().between(0, 3100).set().ofMaxSize(300);
    Arbitrary<Set<Long>> everyNth = Arbitraries.integers().between(1, 400).map(step -> {
      Set<Long> set = new HashSet<>();
      for (long frame = 0; frame <= 3100; frame += step) {
        set.add(frame);
      }
      return set;
    });
    return Arbitraries.oneOf(random, everyNth);
  }
}
