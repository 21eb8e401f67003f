package io.dunkclip.jobs.label;

/**
 * Options of {@code dunkclip label}.
 *
 * @param input tapes: a path, a directory (its video files) or a glob
 * @param output directory for the sheets, {@code labels-template.csv} and {@code _tapes.csv}
 * @param every put every {@code every}-th frame on the sheets (frames 0, N, 2N, ...)
 * @param suggest a model whose detections pre-fill the labelling page's ranges, or null for none
 */
public record LabelConfig(String input, String output, int every, String suggest) implements java.io.Serializable {
  /**
   * Every 15th frame: half a second at 30 fps, short enough that a five-second dunk shows on about ten thumbnails,
   * while a two-minute 30 fps tape fits on 5 sheets of 48.
   */
  public static final int EVERY_DEFAULT = 15;

  /** Sheets, template and page, without suggestions. */
  public LabelConfig(String input, String output, int every) {
    this(input, output, every, null);
  }

  public LabelConfig {
    if (every < 1) {
      throw new IllegalArgumentException(
          "Cannot make contact sheets: every must be 1 frame or more (every=" + every + ")");
    }
  }
}
