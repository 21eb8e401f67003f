package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import java.io.Serializable;
import java.util.Objects;

/**
 * One row of a labels file: frames {@code range} (inclusive) of {@code video} have {@code label}.
 *
 * @param video the video's file name, without directories
 * @param range the labelled frames, inclusive at both ends
 * @param label 1 when a player is in frame, 0 when not
 * @param line the row's 1-based line in its file, or 0 for a row not read from a file
 */
public record LabelRow(String video, FrameRange range, int label, long line)
    implements Serializable {

  public LabelRow {
    VideoNames.require("create label row", video);
    Objects.requireNonNull(range, "range");
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException(
          "Cannot create label row: label must be 0 (no player) or 1 (player in frame)"
              + " (label=" + label + ")");
    }
    if (line < 0) {
      throw new IllegalArgumentException(
          "Cannot create label row: line must be 1 or more, or 0 when not read from a file"
              + " (line=" + line + ")");
    }
  }
}
