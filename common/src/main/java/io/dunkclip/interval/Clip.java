package io.dunkclip.interval;

import java.io.Serializable;
import java.util.Objects;

/**
 * One clip to cut out of a video.
 *
 * @param range the frames the clip file holds, after merging and padding
 * @param detected from the first to the last detected frame inside {@code range}; never wider
 *     than {@code range}
 * @param score mean score of the detected frames that make up the clip (the frames of its kept
 *     runs, each at or above the exit threshold); frames in bridged gaps or padding do not count
 */
public record Clip(FrameRange range, FrameRange detected, double score) implements Serializable {

  public Clip {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(detected, "detected");
    if (detected.first() < range.first() || detected.last() > range.last()) {
      throw new IllegalArgumentException(
          "Cannot create clip: the detected frames must lie inside the clip range " + range
              + " (detected=" + detected + ")");
    }
  }
}
