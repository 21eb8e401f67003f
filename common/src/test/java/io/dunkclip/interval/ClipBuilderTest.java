package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClipBuilderTest {

  private static List<Clip> clips(double[] scores, ClipPolicy policy) {
    return ClipBuilder.clips(
        RunReducer.runs(0, scores, policy.exitThreshold()), scores.length, policy);
  }

  private static Clip clip(long first, long last, long detectedFirst, long detectedLast,
      double score) {
    return new Clip(FrameRange.of(first, last), FrameRange.of(detectedFirst, detectedLast), score);
  }

  @Test
  void singleThresholdGivesOneClipPerRun() {
    double[] scores = {0.0, 0.75, 0.25, 1.0, 0.5, 0.0};
    assertThat(clips(scores, ClipPolicy.threshold(0.5))).containsExactly(
        clip(1, 1, 1, 1, 0.75),
        clip(3, 4, 3, 4, 0.75));
  }

  @Test
  void hysteresisKeepsOnlyRunsThatReachTheEnterThreshold() {
    // Run [1,2] stays below enter 0.875; run [4,6] reaches it at frame 5 and keeps its tail.
    double[] scores = {0.0, 0.5, 0.75, 0.0, 0.5, 1.0, 0.5, 0.0};
    ClipPolicy policy = new ClipPolicy(0.875, 0.5, 1, 0, 0, 0);
    assertThat(clips(scores, policy)).containsExactly(clip(4, 6, 4, 6, 2.0 / 3.0));
  }

  @Test
  void gapsUpToTheMaximumAreBridgedAndDoNotCountInTheScore() {
    double[] scores = {1.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 1.0};
    ClipPolicy bridgeTwo = new ClipPolicy(0.5, 0.5, 1, 2, 0, 0);
    assertThat(clips(scores, bridgeTwo)).containsExactly(
        clip(0, 3, 0, 3, 0.75),
        clip(7, 7, 7, 7, 1.0));
    ClipPolicy bridgeThree = new ClipPolicy(0.5, 0.5, 1, 3, 0, 0);
    assertThat(clips(scores, bridgeThree)).containsExactly(clip(0, 7, 0, 7, 2.5 / 3.0));
  }

  @Test
  void aDroppedRunInsideAGapIsBridgedOverButNotScored() {
    // [2] reaches exit but not enter: it is dropped, then bridged over as part of the gap.
    double[] scores = {1.0, 0.0, 0.5, 0.0, 1.0};
    ClipPolicy policy = new ClipPolicy(1.0, 0.5, 1, 3, 0, 0);
    assertThat(clips(scores, policy)).containsExactly(clip(0, 4, 0, 4, 1.0));
  }

  @Test
  void scoreIsWeightedByFrames() {
    // Runs of 3 frames at 1.0 and 1 frame at 0.5, bridged: (3 + 0.5) / 4.
    double[] scores = {1.0, 1.0, 1.0, 0.0, 0.5};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 1, 0, 0);
    assertThat(clips(scores, policy)).containsExactly(clip(0, 4, 0, 4, 3.5 / 4));
  }

  @Test
  void shortDetectionsAreDroppedBeforePaddingCanSaveThem() {
    // The one-frame detection at 6 would touch the long one after padding, but is dropped first.
    double[] scores = {1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 2, 0, 2, 2);
    assertThat(clips(scores, policy)).containsExactly(clip(0, 4, 0, 2, 1.0));
  }

  @Test
  void minFramesCountsTheWholeDetectedSpanIncludingBridgedGaps() {
    double[] scores = {1.0, 0.0, 1.0};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 3, 1, 0, 0);
    assertThat(clips(scores, policy)).containsExactly(clip(0, 2, 0, 2, 1.0));
  }

  @Test
  void paddingIsClampedToTheVideo() {
    double[] scores = {1.0, 0.0, 0.0, 0.0, 1.0};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 0, 1, 0);
    assertThat(clips(scores, policy)).containsExactly(
        clip(0, 0, 0, 0, 1.0),
        clip(3, 4, 4, 4, 1.0));
  }

  @Test
  void paddingMayRunPastTheScoredFramesUpToTheFrameCount() {
    List<ScoreRun> runs = RunReducer.runs(0, new double[] {0.0, 1.0}, 0.5);
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 0, 0, 5);
    assertThat(ClipBuilder.clips(runs, 4, policy)).containsExactly(clip(1, 3, 1, 1, 1.0));
  }

  @Test
  void paddedClipsThatTouchAreMerged() {
    // Detections [0,0] and [3,3]; pad after 1 and before 1 gives [0,1] and [2,3], which touch.
    double[] scores = {1.0, 0.0, 0.0, 0.5};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 0, 1, 1);
    assertThat(clips(scores, policy)).containsExactly(clip(0, 3, 0, 3, 0.75));
  }

  @Test
  void paddedClipsWithAFrameBetweenStayApart() {
    double[] scores = {1.0, 0.0, 0.0, 0.0, 0.5};
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 0, 1, 1);
    assertThat(clips(scores, policy)).containsExactly(
        clip(0, 1, 0, 0, 1.0),
        clip(3, 4, 4, 4, 0.5));
  }

  @Test
  void hugePadsDoNotOverflow() {
    List<ScoreRun> runs = List.of(new ScoreRun(1_000, 1_000, 1, 1.0, 1.0));
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    assertThat(ClipBuilder.clips(runs, 5_000, policy))
        .containsExactly(clip(0, 4_999, 1_000, 1_000, 1.0));
  }

  @Test
  void hugeGapsBridgeEverything() {
    List<ScoreRun> runs = List.of(
        new ScoreRun(0, 0, 1, 1.0, 1.0), new ScoreRun(Long.MAX_VALUE - 2, Long.MAX_VALUE - 2, 1,
            0.5, 0.5));
    ClipPolicy policy = new ClipPolicy(0.5, 0.5, 1, Long.MAX_VALUE, 0, 0);
    assertThat(ClipBuilder.clips(runs, Long.MAX_VALUE, policy))
        .containsExactly(clip(0, Long.MAX_VALUE - 2, 0, Long.MAX_VALUE - 2, 0.75));
  }

  @Test
  void noRunsGiveNoClips() {
    assertThat(ClipBuilder.clips(List.of(), 0, ClipPolicy.threshold(0.5))).isEmpty();
  }

  @Test
  void rejectsANegativeFrameCount() {
    assertThatThrownBy(() -> ClipBuilder.clips(List.of(), -1, ClipPolicy.threshold(0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build clips: the frame count must be 0 or more (frame-count=-1)");
  }

  @Test
  void rejectsARunPastTheLastFrame() {
    List<ScoreRun> runs = List.of(new ScoreRun(8, 10, 3, 3.0, 1.0));
    assertThatThrownBy(() -> ClipBuilder.clips(runs, 10, ClipPolicy.threshold(0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build clips: run FrameRange[first=8, last=10] ends after the last"
            + " frame of the video; pass the video's real frame count (frame-count=10)");
  }

  @Test
  void rejectsRunsThatWereNotStitched() {
    List<ScoreRun> touching = List.of(
        new ScoreRun(0, 1, 2, 2.0, 1.0), new ScoreRun(2, 3, 2, 2.0, 1.0));
    assertThatThrownBy(() -> ClipBuilder.clips(touching, 10, ClipPolicy.threshold(0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build clips: runs must be sorted, disjoint and not touching; pass them"
            + " through RunReducer.stitch first (previous=FrameRange[first=0, last=1],"
            + " next=FrameRange[first=2, last=3])");
    List<ScoreRun> unsorted = List.of(
        new ScoreRun(5, 6, 2, 2.0, 1.0), new ScoreRun(0, 1, 2, 2.0, 1.0));
    assertThatThrownBy(() -> ClipBuilder.clips(unsorted, 10, ClipPolicy.threshold(0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RunReducer.stitch");
  }

  @Test
  void rejectsAClipWhoseDetectionLeavesItsRange() {
    assertThatThrownBy(() -> clip(5, 8, 4, 6, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip: the detected frames must lie inside the clip range"
            + " FrameRange[first=5, last=8] (detected=FrameRange[first=4, last=6])");
  }
}
