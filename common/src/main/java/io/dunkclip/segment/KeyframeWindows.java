package io.dunkclip.segment;

import java.util.Objects;

/**
 * Keyframe intervals of a tape, for detect's fast mode ({@link FastWindows} plans its windows): whether a tape's
 * keyframes lie close enough together for fast mode to trust them.
 *
 * <p>The keyframes cut a tape into keyframe intervals ({@code [k_i, k_{i+1} - 1]}, the last one to the tape's end).
 * A dunk lasting longer than the longest of them always holds a keyframe.
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
}
