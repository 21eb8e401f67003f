package io.dunkclip.interval;

import java.io.Serializable;

/**
 * A CLOSED range of frame numbers: both {@code first} and {@code last} belong to the range, so
 * {@code [3, 3]} is one frame and {@code [0, 9]} is ten frames.
 *
 * <p>Frame numbers count from 0 in presentation order. The range is never empty:
 * {@code 0 <= first <= last}. CSV files use the same inclusive convention, so no conversion is
 * needed at the edges. Natural order is by {@code first}, then by {@code last}.
 *
 * @param first the first frame of the range, inclusive
 * @param last the last frame of the range, inclusive
 */
public record FrameRange(long first, long last) implements Serializable, Comparable<FrameRange> {

  public FrameRange {
    if (first < 0) {
      throw new IllegalArgumentException(
          "Cannot create frame range: first frame must be 0 or more (first=" + first + ")");
    }
    if (last < first) {
      throw new IllegalArgumentException(
          "Cannot create frame range: last frame must not be before first frame "
              + first + ", ranges are inclusive (last=" + last + ")");
    }
  }

  /** The closed range {@code [first, last]}. */
  public static FrameRange of(long first, long last) {
    return new FrameRange(first, last);
  }

  /** Number of frames in the range, at least 1. */
  public long length() {
    return last - first + 1;
  }

  public boolean contains(long frame) {
    return first <= frame && frame <= last;
  }

  /** Whether the two ranges share at least one frame (touching ranges do not overlap). */
  public boolean overlaps(FrameRange other) {
    return first <= other.last && other.first <= last;
  }

  /** Number of frames in both ranges, 0 when they do not overlap. */
  public long intersectionLength(FrameRange other) {
    long from = Math.max(first, other.first);
    long to = Math.min(last, other.last);
    return to < from ? 0 : to - from + 1;
  }

  /**
   * Temporal intersection over union, counted in frames: shared frames divided by the frames in
   * either range. 1.0 for equal ranges, 0.0 for ranges that do not overlap.
   */
  public double iou(FrameRange other) {
    long intersection = intersectionLength(other);
    long union = length() + other.length() - intersection;
    return (double) intersection / union;
  }

  @Override
  public int compareTo(FrameRange other) {
    int byFirst = Long.compare(first, other.first);
    return byFirst != 0 ? byFirst : Long.compare(last, other.last);
  }
}
