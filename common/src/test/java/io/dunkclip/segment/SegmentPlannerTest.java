package io.dunkclip.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlannerTest {

  @Test
  void cutsIntoEqualSegmentsWithAShorterLastOne() {
    assertThat(SegmentPlanner.plan(10, 4)).containsExactly(
        FrameRange.of(0, 3), FrameRange.of(4, 7), FrameRange.of(8, 9));
  }

  @Test
  void exactMultipleHasNoShortSegment() {
    assertThat(SegmentPlanner.plan(8, 4)).containsExactly(FrameRange.of(0, 3), FrameRange.of(4, 7));
  }

  @Test
  void segmentLargerThanTheVideoIsTheWholeVideo() {
    assertThat(SegmentPlanner.plan(5, 100)).containsExactly(FrameRange.of(0, 4));
  }

  @Test
  void aWindowIsCutLikeAVideoOfItsOwnSnappedToItsKeyframes() {
    assertThat(SegmentPlanner.plan(FrameRange.of(30, 49), 8, new long[] {0, 15, 30, 45, 60}))
        .containsExactly(FrameRange.of(30, 37), FrameRange.of(38, 44), FrameRange.of(45, 49));
    assertThat(SegmentPlanner.plan(FrameRange.of(7, 7), 300, new long[] {0})).containsExactly(FrameRange.of(7, 7));
  }

  @Test
  void emptyVideoHasNoSegments() {
    assertThat(SegmentPlanner.plan(0, 4)).isEmpty();
    assertThat(SegmentPlanner.plan(0, 4, new long[] {0, 3})).isEmpty();
  }

  @Test
  void rejectsASegmentSizeBelowOne() {
    assertThatThrownBy(() -> SegmentPlanner.plan(10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan segments: segment size must be at least 1 frame"
            + " (segment-frames=0)");
  }

  @Test
  void rejectsANegativeFrameCount() {
    assertThatThrownBy(() -> SegmentPlanner.plan(-5, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan segments: the frame count must be 0 or more (frame-count=-5)");
  }

  @Test
  void rejectsANegativeKeyframe() {
    assertThatThrownBy(() -> SegmentPlanner.plan(10, 4, new long[] {0, -2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan segments: keyframe indices must be frame numbers, 0 or more"
            + " (keyframe=-2)");
  }

  @Test
  void boundariesSnapBackToKeyframes() {
    // Nominal boundaries 10, 20; keyframes at 8 and 19.
    assertThat(SegmentPlanner.plan(25, 10, new long[] {0, 8, 19})).containsExactly(
        FrameRange.of(0, 7), FrameRange.of(8, 18), FrameRange.of(19, 24));
  }

  @Test
  void aKeyframeOnTheNominalBoundaryKeepsIt() {
    assertThat(SegmentPlanner.plan(25, 10, new long[] {10, 20}))
        .isEqualTo(SegmentPlanner.plan(25, 10));
  }

  @Test
  void aKeyframeNotAfterThePreviousBoundaryIsIgnored() {
    // Boundary 10 snaps to 8; boundary 20 finds keyframe 8 again, which is not after 8.
    assertThat(SegmentPlanner.plan(25, 10, new long[] {8})).containsExactly(
        FrameRange.of(0, 7), FrameRange.of(8, 19), FrameRange.of(20, 24));
    // Keyframe 0 is never after the previous boundary 0.
    assertThat(SegmentPlanner.plan(25, 10, new long[] {0}))
        .isEqualTo(SegmentPlanner.plan(25, 10));
  }

  @Test
  void keyframesMayComeUnsortedWithDuplicatesAndPastTheEnd() {
    long[] keyframes = {19, 500, 8, 8, 0};
    assertThat(SegmentPlanner.plan(25, 10, keyframes)).containsExactly(
        FrameRange.of(0, 7), FrameRange.of(8, 18), FrameRange.of(19, 24));
    assertThat(keyframes).containsExactly(19, 500, 8, 8, 0);
  }

  @Test
  void frameCountsBeyondIntRangeWork() {
    long frameCount = 10L * Integer.MAX_VALUE + 3;
    List<FrameRange> segments = SegmentPlanner.plan(frameCount, Integer.MAX_VALUE);
    assertThat(segments).hasSize(11);
    assertThat(segments.get(10)).isEqualTo(FrameRange.of(10L * Integer.MAX_VALUE, frameCount - 1));
  }
}
