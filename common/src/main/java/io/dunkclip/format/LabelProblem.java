package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a labels file, as found by {@link LabelValidation}.
 *
 * @param kind what is wrong
 * @param line the 1-based line of the row at fault, or 0 when no row is at fault (frames that no row covers) or
 *     the row was not read from a file
 * @param video the tape concerned
 * @param frames the frames concerned, inclusive at both ends: the row's range, or the frames no row covers
 * @param text what is wrong, in words a person can act on, without the file's name and the line
 */
public record LabelProblem(Kind kind, long line, String video, FrameRange frames, String text)
    implements Serializable {

  /** The kinds of problem, in the order they are looked for. */
  public enum Kind {
    /** The row names a tape that is not among the known tapes. */
    UNKNOWN_TAPE,
    /** The row's range reaches past the last frame of its tape. */
    PAST_END,
    /** The row overlaps an earlier row of the same tape that has the other label. */
    CONFLICT,
    /** Frames of a labelled tape that no row covers (only when full coverage is required). */
    NOT_COVERED
  }

  public LabelProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(text, "text");
    if (line < 0) {
      throw new IllegalArgumentException(
          "Cannot create a label problem: line must be 1 or more, or 0 for none (line=" + line + ")");
    }
  }

  /**
   * The problem as a line of an error message, in the style of {@link CsvFormatException}: {@code "<source> line
   * <n>: <text>"}, or {@code "<source>: <text>"} when no line is at fault.
   */
  public String describe(String source) {
    return line > 0 ? source + " line " + line + ": " + text : source + ": " + text;
  }
}
