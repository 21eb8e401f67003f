package io.dunkclip.segment;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Plans the segments of a video: contiguous frame ranges that together cover every frame from 0
 * to {@code frameCount - 1} exactly once, in order.
 */
public final class SegmentPlanner {

  private SegmentPlanner() {}

  /**
   * Segments of {@code segmentFrames} frames each; the last one holds what is left and may be
   * shorter. A video of 0 frames has no segments.
   */
  public static List<FrameRange> plan(long frameCount, int segmentFrames) {
    return plan(frameCount, segmentFrames, new long[0]);
  }

  /**
   * Like {@link #plan(long, int)}, but each boundary after frame 0 moves back to the nearest
   * keyframe at or before it, provided that keyframe lies after the previous boundary. A segment
   * that starts on a keyframe can be decoded without first decoding frames of the segment before
   * it, so fewer frames are decoded twice.
   *
   * <p>Boundary {@code i} (frame {@code i * segmentFrames} before snapping) ends up in
   * {@code ((i - 1) * segmentFrames, i * segmentFrames]}, so the plan has as many segments as the
   * plan without keyframes, each between 1 and {@code 2 * segmentFrames - 1} frames long.
   *
   * @param keyframeIndices frame numbers of keyframes, in any order; duplicates and frames past
   *     the end are ignored, the array is not modified
   */
  public static List<FrameRange> plan(long frameCount, int segmentFrames, long[] keyframeIndices) {
    Objects.requireNonNull(keyframeIndices, "keyframeIndices");
    if (segmentFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot plan segments: segment size must be at least 1 frame (segment-frames="
              + segmentFrames + ")");
    }
    if (frameCount < 0) {
      throw new IllegalArgumentException(
          "Cannot plan segments: the frame count must be 0 or more (frame-count="
              + frameCount + ")");
    }
    long[] keyframes = keyframeIndices.clone();
    Arrays.sort(keyframes);
    if (keyframes.length > 0 && keyframes[0] < 0) {
      throw new IllegalArgumentException(
          "Cannot plan segments: keyframe indices must be frame numbers, 0 or more (keyframe="
              + keyframes[0] + ")");
    }

    if (frameCount == 0) {
      return List.of();
    }
    // Counting segments (rather than stepping a boundary up to frameCount) cannot overflow.
    long segmentCount = (frameCount - 1) / segmentFrames + 1;
    List<FrameRange> segments = new ArrayList<>();
    long start = 0;
    for (long i = 1; i < segmentCount; i++) {
      // Snap from the nominal boundary, not from the snapped start, so boundary i stays within
      // one segment size of i * segmentFrames.
      long nominal = i * segmentFrames;
      long keyframe = keyframeAtOrBefore(keyframes, nominal);
      long boundary = keyframe > start ? keyframe : nominal;
      segments.add(FrameRange.of(start, boundary - 1));
      start = boundary;
    }
    segments.add(FrameRange.of(start, frameCount - 1));
    return Collections.unmodifiableList(segments);
  }

  /**
   * Like {@link #plan(long, int, long[])}, for the frames of {@code window} only: the segments cover each of its
   * frames exactly once, in order (detect's fast mode decodes windows of a tape, not all of it).
   */
  public static List<FrameRange> plan(FrameRange window, int segmentFrames, long[] keyframeIndices) {
    Objects.requireNonNull(window, "window");
    long[] shifted = Arrays.stream(keyframeIndices)
        .filter(k -> k >= window.first() && k <= window.last())
        .map(k -> k - window.first())
        .toArray();
    List<FrameRange> segments = new ArrayList<>();
    for (FrameRange local : plan(window.length(), segmentFrames, shifted)) {
      segments.add(FrameRange.of(local.first() + window.first(), local.last() + window.first()));
    }
    return Collections.unmodifiableList(segments);
  }

  /** The largest keyframe {@code <= frame}, or -1 if there is none. */
  private static long keyframeAtOrBefore(long[] sortedKeyframes, long frame) {
    int index = Arrays.binarySearch(sortedKeyframes, frame);
    if (index >= 0) {
      return frame;
    }
    int insertionPoint = -index - 1;
    return insertionPoint == 0 ? -1 : sortedKeyframes[insertionPoint - 1];
  }
}
