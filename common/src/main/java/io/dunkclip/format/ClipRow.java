package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import java.util.Objects;

/**
 * One row of a clips file: clip number {@code clip} of {@code video}.
 *
 * @param video the source video's file name, without directories
 * @param clip the clip's number within its video, from 1
 * @param range the clip's frames in the source video, inclusive at both ends
 * @param startSec presentation time of the first frame, in seconds
 * @param endSec presentation time of the last frame, in seconds
 * @param score the clip's detection score, in [0, 1]
 */
public record ClipRow(
    String video, int clip, FrameRange range, double startSec, double endSec, double score)
    implements java.io.Serializable {

  public ClipRow {
    VideoNames.require("create clip row", video);
    Objects.requireNonNull(range, "range");
    if (clip < 1) {
      throw new IllegalArgumentException(
          "Cannot create clip row: clips are numbered from 1 (clip=" + clip + ")");
    }
    if (!(startSec >= 0.0 && startSec <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "Cannot create clip row: start time must be a finite number of seconds, 0 or more"
              + " (startSec=" + startSec + ")");
    }
    if (!(endSec >= startSec && endSec <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "Cannot create clip row: end time must be finite and not before the start time "
              + startSec + " (endSec=" + endSec + ")");
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException(
          "Cannot create clip row: score must be in [0, 1] (score=" + score + ")");
    }
    // Written as 0.000 rather than -0.000.
    startSec += 0.0;
    endSec += 0.0;
    score += 0.0;
  }
}
