package io.dunkclip.segment;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Plans detect's fast mode: from the scores of the keyframes alone, the frame windows that must be decoded and
 * scored frame by frame.
 *
 * <p>The keyframes cut a tape into keyframe intervals ({@code [k_i, k_{i+1} - 1]}, the last one to the tape's end).
 * An interval is <em>hot</em> when a keyframe bounding it scores at or above the threshold: a run of frames at or
 * above the threshold that contains a keyframe then lies in hot intervals only, and the keyframes just outside a
 * window score below the threshold, so no run crosses a window's edge. Hence the runs found by scoring every frame of
 * the windows equal the runs of scoring every frame of the tape, for every run that contains at least one keyframe.
 * A run strictly between two keyframes that both score low (shorter than a keyframe interval) is not seen; the
 * {@code margin} intervals added on each side of every hot interval also catch such a short run next to a clip,
 * which matters because the clip policy may merge it into the clip.
 *
 * <p>A keyframe without a score (NaN: it could not be decoded) counts as hot, so damage is decoded in full and
 * reported by the full pass rather than silently skipped.
 */
public final class KeyframeWindows {

  private KeyframeWindows() {}

  /**
   * Frames of the tape's longest keyframe interval: from a keyframe to the frame before the next, the last one to the
   * tape's end. Frames before the first keyframe do not count (fast mode decodes them in full), so a tape without
   * keyframes gives 0. A run of at least this many frames always holds a keyframe; a shorter one may lie between two.
   *
   * @param frameCount frames of the tape
   * @param keyframes keyframe frame numbers, strictly ascending, in {@code [0, frameCount)}
   */
  public static long longestInterval(long frameCount, long[] keyframes) {
    Objects.requireNonNull(keyframes, "keyframes");
    long longest = 0;
    for (int i = 0; i < keyframes.length; i++) {
      long end = i + 1 < keyframes.length ? keyframes[i + 1] : frameCount;
      if (keyframes[i] < 0 || end > frameCount || end <= keyframes[i]) {
        throw new IllegalArgumentException("Cannot measure keyframe intervals: keyframes must be strictly ascending"
            + " frame numbers below the frame count " + frameCount + " (keyframe[" + i + "]=" + keyframes[i] + ")");
      }
      longest = Math.max(longest, end - keyframes[i]);
    }
    return longest;
  }

  /**
   * The windows to decode in full, sorted, disjoint and never adjacent (each starts on a keyframe, or frame 0).
   *
   * @param frameCount frames of the tape
   * @param keyframes keyframe frame numbers, strictly ascending, in {@code [0, frameCount)}; when the first is not 0,
   *     frame 0 is added as an unscored interval start (frames before the first keyframe are decoded in full)
   * @param scores {@code scores[i]} is the score of {@code keyframes[i]}; NaN for a keyframe that was not scored
   * @param threshold a frame belongs to a run when its score is at least this (the exit threshold)
   * @param margin keyframe intervals added before and after each hot interval, 0 or more
   */
  public static List<FrameRange> windows(long frameCount, long[] keyframes, double[] scores, double threshold,
      int margin) {
    Objects.requireNonNull(keyframes, "keyframes");
    Objects.requireNonNull(scores, "scores");
    if (keyframes.length != scores.length) {
      throw new IllegalArgumentException("Cannot plan fast-mode windows: one score per keyframe is needed (keyframes="
          + keyframes.length + ", scores=" + scores.length + ")");
    }
    if (margin < 0) {
      throw new IllegalArgumentException(
          "Cannot plan fast-mode windows: the margin must be 0 or more keyframe intervals (margin=" + margin + ")");
    }
    if (frameCount < 0) {
      throw new IllegalArgumentException(
          "Cannot plan fast-mode windows: the frame count must be 0 or more (frame-count=" + frameCount + ")");
    }
    for (int i = 0; i < keyframes.length; i++) {
      if (keyframes[i] < 0 || keyframes[i] >= frameCount || (i > 0 && keyframes[i] <= keyframes[i - 1])) {
        throw new IllegalArgumentException("Cannot plan fast-mode windows: keyframes must be strictly ascending frame"
            + " numbers below the frame count " + frameCount + " (keyframe[" + i + "]=" + keyframes[i] + ")");
      }
    }
    if (frameCount == 0) {
      return List.of();
    }
    boolean startsAtZero = keyframes.length > 0 && keyframes[0] == 0;
    int offset = startsAtZero ? 0 : 1;
    int count = keyframes.length + offset;
    long[] starts = new long[count];
    boolean[] high = new boolean[count];
    if (!startsAtZero) {
      high[0] = true; // nothing scored there: decode it
    }
    for (int i = 0; i < keyframes.length; i++) {
      starts[i + offset] = keyframes[i];
      // NaN is hot: !(NaN < threshold)
      high[i + offset] = !(scores[i] < threshold);
    }

    boolean[] decode = new boolean[count];
    for (int i = 0; i < count; i++) {
      boolean hot = high[i] || (i + 1 < count && high[i + 1]);
      if (hot) {
        for (int j = Math.max(0, i - margin); j <= Math.min(count - 1, (long) i + margin); j++) {
          decode[j] = true;
        }
      }
    }

    List<FrameRange> windows = new ArrayList<>();
    int i = 0;
    while (i < count) {
      if (!decode[i]) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < count && decode[j + 1]) {
        j++;
      }
      long last = j + 1 < count ? starts[j + 1] - 1 : frameCount - 1;
      windows.add(FrameRange.of(starts[i], last));
      i = j + 1;
    }
    return Collections.unmodifiableList(windows);
  }
}
