package io.dunkclip.interval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Operations on sets of frames given as lists of {@link FrameRange}s. */
public final class FrameRanges {

  private FrameRanges() {}

  /**
   * The same frames as the union of {@code ranges}, as the fewest sorted ranges: ranges that
   * overlap or touch ({@code next.first <= previous.last + 1}) become one.
   */
  public static List<FrameRange> coalesce(Collection<FrameRange> ranges) {
    Objects.requireNonNull(ranges, "ranges");
    List<FrameRange> sorted = new ArrayList<>(ranges);
    sorted.forEach(range -> Objects.requireNonNull(range, "range"));
    Collections.sort(sorted);
    List<FrameRange> coalesced = new ArrayList<>();
    FrameRange open = null;
    for (FrameRange range : sorted) {
      if (open != null && range.first() <= open.last() + 1) {
        open = FrameRange.of(open.first(), Math.max(open.last(), range.last()));
      } else {
        if (open != null) {
          coalesced.add(open);
        }
        open = range;
      }
    }
    if (open != null) {
      coalesced.add(open);
    }
    return Collections.unmodifiableList(coalesced);
  }

  /** Number of frames in the union of {@code ranges}. */
  public static long unionLength(Collection<FrameRange> ranges) {
    long frames = 0;
    for (FrameRange range : coalesce(ranges)) {
      frames += range.length();
    }
    return frames;
  }

  /** Number of frames in both unions: in at least one range of {@code a} and one of {@code b}. */
  public static long intersectionLength(Collection<FrameRange> a, Collection<FrameRange> b) {
    List<FrameRange> left = coalesce(a);
    List<FrameRange> right = coalesce(b);
    long frames = 0;
    int i = 0;
    int j = 0;
    while (i < left.size() && j < right.size()) {
      frames += left.get(i).intersectionLength(right.get(j));
      // Advance whichever range ends first; it cannot meet anything further on the other side.
      if (left.get(i).last() < right.get(j).last()) {
        i++;
      } else {
        j++;
      }
    }
    return frames;
  }
}
