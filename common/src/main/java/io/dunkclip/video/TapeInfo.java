package io.dunkclip.video;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a tape holds, read by demuxing its packets (no decoding): the presentation timestamp of every video frame in
 * presentation order, so frame {@code i} is the frame whose timestamp is {@code frameTimestampsMicros[i]}, for
 * constant and variable frame rate alike.
 *
 * @param frameTimestampsMicros presentation timestamps in microseconds, strictly increasing, computed exactly as
 *     JavaCV stamps decoded frames ({@code 1e6 * pts * time_base}), so a decoded frame maps back to its index
 * @param keyframeIndices frame indices (presentation order) of the keyframes, ascending; decoding may start there
 * @param rotationDegrees clockwise rotation (0, 90, 180, 270) that turns a coded frame upright, from the display
 *     matrix or the legacy {@code rotate} tag
 * @param listedFrames how many video frames the container's index lists (0 when it does not say, as in Matroska);
 *     more than {@link #frameCount()} means the file ends early: truncated or damaged after the last readable frame
 */
public record TapeInfo(
    String tape,
    long[] frameTimestampsMicros,
    long[] keyframeIndices,
    double frameRate,
    int codedWidth,
    int codedHeight,
    int rotationDegrees,
    boolean hasAudio,
    int audioSampleRate,
    int audioChannels,
    long listedFrames)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A tape whose index lists exactly the frames that could be read. */
  public TapeInfo(String tape, long[] frameTimestampsMicros, long[] keyframeIndices, double frameRate, int codedWidth,
      int codedHeight, int rotationDegrees, boolean hasAudio, int audioSampleRate, int audioChannels) {
    this(tape, frameTimestampsMicros, keyframeIndices, frameRate, codedWidth, codedHeight, rotationDegrees, hasAudio,
        audioSampleRate, audioChannels, frameTimestampsMicros.length);
  }

  /**
   * Why the tape holds fewer readable frames than its index lists, or null when it holds them all: the frames that
   * could be read are still numbered exactly and processed.
   */
  public String truncation() {
    if (listedFrames <= frameCount()) {
      return null;
    }
    return "the container lists " + listedFrames + " video frames but only " + frameCount()
        + " could be read (the file is truncated or damaged after frame " + (frameCount() - 1)
        + "); frames 0.." + (frameCount() - 1) + " were kept";
  }

  public long frameCount() {
    return frameTimestampsMicros.length;
  }

  /** Width of the upright picture, as a viewer sees it. */
  public int uprightWidth() {
    return rotationDegrees % 180 == 0 ? codedWidth : codedHeight;
  }

  /** Height of the upright picture, as a viewer sees it. */
  public int uprightHeight() {
    return rotationDegrees % 180 == 0 ? codedHeight : codedWidth;
  }

  /** Seconds from the tape's first frame to frame {@code index}. */
  public double secondsAt(long index) {
    return (frameTimestampsMicros[(int) index] - frameTimestampsMicros[0]) / 1e6;
  }

  /** Duration of frame {@code index}: to the next frame, or one nominal frame for the last one. */
  public long frameDurationMicros(long index) {
    int i = (int) index;
    if (i + 1 < frameTimestampsMicros.length) {
      return frameTimestampsMicros[i + 1] - frameTimestampsMicros[i];
    }
    return Math.round(1e6 / (frameRate > 0 ? frameRate : 30.0));
  }

  /**
   * The index of the frame stamped {@code timestampMicros}, or -1 when no frame of the table is within a third of a
   * frame of it (a decoder that stamped a frame differently from the demuxer).
   */
  public long indexOf(long timestampMicros) {
    int at = Arrays.binarySearch(frameTimestampsMicros, timestampMicros);
    if (at >= 0) {
      return at;
    }
    int insertion = -at - 1;
    long best = -1;
    long bestDistance = Long.MAX_VALUE;
    for (int candidate = insertion - 1; candidate <= insertion; candidate++) {
      if (candidate >= 0 && candidate < frameTimestampsMicros.length) {
        long distance = Math.abs(frameTimestampsMicros[candidate] - timestampMicros);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
    return best >= 0 && bestDistance * 3 < frameDurationMicros(best) ? best : -1;
  }

  /** The last keyframe at or before {@code index} (0 when the tape declares none before it). */
  public long keyframeAtOrBefore(long index) {
    long result = 0;
    for (long keyframe : keyframeIndices) {
      if (keyframe > index) {
        break;
      }
      result = keyframe;
    }
    return result;
  }
}
