package io.dunkclip.interval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Turns the stitched score runs of one video into clips, applying a {@link ClipPolicy} in this
 * order:
 *
 * <ol>
 *   <li>Hysteresis: keep a run only if its {@code maxScore >= enterThreshold}. Every run is
 *       already at or above the exit threshold, so a kept run is a maximal stretch of frames at or
 *       above exit that reaches enter somewhere.
 *   <li>Bridge: merge consecutive kept runs whose gap {@code next.first - previous.last - 1} is at
 *       most {@code maxGapFrames}. Frames of dropped runs count as gap.
 *   <li>Drop: remove merged detections whose span (first to last detected frame, gaps included) is
 *       shorter than {@code minFrames}.
 *   <li>Pad: widen each detection by {@code padBeforeFrames} and {@code padAfterFrames}, clamped to
 *       {@code [0, frameCount - 1]}.
 *   <li>Merge: join clips whose padded ranges overlap or touch.
 * </ol>
 *
 * <p>A clip's score is the frame-weighted mean score of the frames of the kept runs it contains;
 * gap and padding frames do not count. Clips come out sorted by {@code range.first}, with
 * disjoint, non-touching ranges.
 */
public final class ClipBuilder {

  private ClipBuilder() {}

  /**
   * The clips of one video.
   *
   * @param stitchedRuns the video's runs as returned by {@link RunReducer#stitch}: sorted, not
   *     overlapping and not touching
   * @param frameCount number of frames in the video; every run must end before it
   * @param policy how runs become clips
   */
  public static List<Clip> clips(List<ScoreRun> stitchedRuns, long frameCount, ClipPolicy policy) {
    Objects.requireNonNull(stitchedRuns, "stitchedRuns");
    Objects.requireNonNull(policy, "policy");
    requireStitched(stitchedRuns, frameCount);

    List<Detection> detections = bridge(stitchedRuns, policy);
    List<Detection> padded = new ArrayList<>();
    for (Detection detection : detections) {
      if (detection.detectedLength() >= policy.minFrames()) {
        padded.add(detection.pad(policy.padBeforeFrames(), policy.padAfterFrames(), frameCount));
      }
    }
    return mergeTouching(padded);
  }

  private static void requireStitched(List<ScoreRun> runs, long frameCount) {
    if (frameCount < 0) {
      throw new IllegalArgumentException(
          "Cannot build clips: the frame count must be 0 or more (frame-count=" + frameCount + ")");
    }
    ScoreRun previous = null;
    for (ScoreRun run : runs) {
      Objects.requireNonNull(run, "run");
      if (previous != null && run.first() <= previous.last() + 1) {
        // Touching runs must be joined before hysteresis, or a cut run could lose its enter frame.
        throw new IllegalArgumentException(
            "Cannot build clips: runs must be sorted, disjoint and not touching; pass them through"
                + " RunReducer.stitch first (previous=" + previous.range() + ", next="
                + run.range() + ")");
      }
      if (run.last() >= frameCount) {
        throw new IllegalArgumentException(
            "Cannot build clips: run " + run.range() + " ends after the last frame of the video;"
                + " pass the video's real frame count (frame-count=" + frameCount + ")");
      }
      previous = run;
    }
  }

  /** Steps 1 and 2: hysteresis, then bridging of small gaps between kept runs. */
  private static List<Detection> bridge(List<ScoreRun> runs, ClipPolicy policy) {
    List<Detection> detections = new ArrayList<>();
    Detection open = null;
    for (ScoreRun run : runs) {
      if (run.maxScore() < policy.enterThreshold()) {
        continue;
      }
      if (open != null && run.first() - open.detectedLast - 1 <= policy.maxGapFrames()) {
        open = open.extendWith(run);
      } else {
        if (open != null) {
          detections.add(open);
        }
        open = Detection.of(run);
      }
    }
    if (open != null) {
      detections.add(open);
    }
    return detections;
  }

  /** Step 5. Padding is the same for every clip, so padded ranges stay sorted by first frame. */
  private static List<Clip> mergeTouching(List<Detection> padded) {
    List<Clip> clips = new ArrayList<>();
    Detection open = null;
    for (Detection next : padded) {
      if (open != null && next.rangeFirst <= open.rangeLast + 1) {
        open = open.mergeWith(next);
      } else {
        if (open != null) {
          clips.add(open.toClip());
        }
        open = next;
      }
    }
    if (open != null) {
      clips.add(open.toClip());
    }
    return Collections.unmodifiableList(clips);
  }

  /** A clip under construction; frames and scoreSum cover the kept runs' frames only. */
  private record Detection(
      long rangeFirst,
      long rangeLast,
      long detectedFirst,
      long detectedLast,
      long frames,
      double scoreSum) {

    static Detection of(ScoreRun run) {
      return new Detection(
          run.first(), run.last(), run.first(), run.last(), run.frames(), run.scoreSum());
    }

    long detectedLength() {
      return detectedLast - detectedFirst + 1;
    }

    Detection extendWith(ScoreRun run) {
      return new Detection(
          rangeFirst, run.last(), detectedFirst, run.last(),
          frames + run.frames(), scoreSum + run.scoreSum());
    }

    Detection pad(long before, long after, long frameCount) {
      // Clamp the pad before subtracting/adding so huge pads cannot overflow.
      long first = detectedFirst - Math.min(before, detectedFirst);
      long last = detectedLast + Math.min(after, frameCount - 1 - detectedLast);
      return new Detection(first, last, detectedFirst, detectedLast, frames, scoreSum);
    }

    Detection mergeWith(Detection next) {
      return new Detection(
          rangeFirst, Math.max(rangeLast, next.rangeLast),
          detectedFirst, next.detectedLast,
          frames + next.frames, scoreSum + next.scoreSum);
    }

    Clip toClip() {
      return new Clip(
          new FrameRange(rangeFirst, rangeLast),
          new FrameRange(detectedFirst, detectedLast),
          scoreSum / frames);
    }
  }
}
