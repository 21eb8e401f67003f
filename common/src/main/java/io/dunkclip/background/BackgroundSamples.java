package io.dunkclip.background;

import java.util.Arrays;

/**
 * Which frames of a tape its background is estimated from. The choice depends only on the tape (its frame count and
 * its keyframes), never on how the tape is cut into Spark segments, so every segment of a tape sees the same
 * background and the clips do not depend on {@code --segment-frames}.
 *
 * <p>Keyframes are preferred: a keyframes-only decode skips every other frame, so sampling the whole tape costs about
 * one decoded frame per keyframe interval. A tape with fewer than {@link #MIN_KEYFRAMES} keyframes (some encoders
 * write one per tape) is sampled at evenly spaced frames instead, each of which costs a seek and a decode from the
 * keyframe before it.
 */
public final class BackgroundSamples {
  /** Most frames a background is estimated from: enough for a stable median, few enough to decode cheaply. */
  public static final int MAX_SAMPLES = 32;
  /** Fewer keyframes than this and the tape is sampled at evenly spaced frames instead. */
  public static final int MIN_KEYFRAMES = 8;

  private BackgroundSamples() {}

  /**
   * The frames to sample, ascending: at most {@link #MAX_SAMPLES} keyframes spread evenly over the keyframe list when
   * there are at least {@link #MIN_KEYFRAMES} of them, else {@link #evenly evenly spaced} frames.
   *
   * @param frameCount frames in the tape, at least 1
   * @param keyframes the tape's keyframe numbers, ascending, each in {@code [0, frameCount)}
   */
  public static long[] frames(long frameCount, long[] keyframes) {
    if (frameCount < 1) {
      throw new IllegalArgumentException(
          "Cannot sample a background: the tape has no frames (frameCount=" + frameCount + ")");
    }
    for (int i = 0; i < keyframes.length; i++) {
      if (keyframes[i] < 0 || keyframes[i] >= frameCount || (i > 0 && keyframes[i] <= keyframes[i - 1])) {
        throw new IllegalArgumentException("Cannot sample a background: keyframes must be ascending frames of the"
            + " tape (keyframe " + i + "=" + keyframes[i] + ", frameCount=" + frameCount + ")");
      }
    }
    if (keyframes.length < MIN_KEYFRAMES) {
      return evenly(frameCount, MAX_SAMPLES);
    }
    return spread(keyframes, MAX_SAMPLES);
  }

  /**
   * {@code min(frameCount, count)} frames spread evenly over the tape: the middle frame of each of that many equal
   * stretches, so the first and last frames (fade-ins, a hand on the lens) are avoided.
   */
  public static long[] evenly(long frameCount, int count) {
    if (frameCount < 1 || count < 1) {
      throw new IllegalArgumentException("Cannot sample a background: need frames and a sample count (frameCount="
          + frameCount + ", count=" + count + ")");
    }
    int n = (int) Math.min(frameCount, count);
    long[] frames = new long[n];
    for (int i = 0; i < n; i++) {
      frames[i] = Math.floorDiv((2L * i + 1) * frameCount, 2L * n);
    }
    return frames;
  }

  /** At most {@code count} of {@code sorted}, evenly spread over it (all of it when it is short). */
  static long[] spread(long[] sorted, int count) {
    if (sorted.length <= count) {
      return Arrays.copyOf(sorted, sorted.length);
    }
    long[] picked = new long[count];
    for (int i = 0; i < count; i++) {
      picked[i] = sorted[(int) Math.floorDiv((2L * i + 1) * sorted.length, 2L * count)];
    }
    return picked;
  }
}
