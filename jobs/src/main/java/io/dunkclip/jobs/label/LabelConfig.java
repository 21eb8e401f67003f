package io.dunkclip.jobs.label;

/**
 * Options of {@code dunkclip label}, built with {@link #builder(String, String)}.
 *
 * @param input tapes: a path, a directory (its video files) or a glob
 * @param output directory for the sheets, {@code labels-template.csv} and {@code _tapes.csv}
 * @param every put every {@code every}-th frame on the sheets (frames 0, N, 2N, ...)
 * @param suggest a model whose detections pre-fill the labelling page's ranges, or null for none
 * @param draftPeople with no model: pre-fill the ranges from a generic people detector ({@code --draft-people})
 */
public record LabelConfig(String input, String output, int every, String suggest, boolean draftPeople)
    implements java.io.Serializable {
  /**
   * Every 15th frame: half a second at 30 fps, short enough that a five-second dunk shows on about ten thumbnails,
   * while a two-minute 30 fps tape fits on 5 sheets of 48.
   */
  public static final int EVERY_DEFAULT = 15;

  public LabelConfig {
    if (every < 1) {
      throw new IllegalArgumentException(
          "Cannot make contact sheets: every must be 1 frame or more (every=" + every + ")");
    }
    if (suggest != null && draftPeople) {
      throw new IllegalArgumentException("Cannot pre-fill the labelling page from both a model and the people detector"
          + " (suggest=" + suggest + ", draft-people=true); give --suggest MODEL or --draft-people, not both");
    }
  }

  /** Options without the people detector's draft. */
  public LabelConfig(String input, String output, int every, String suggest) {
    this(input, output, every, suggest, false);
  }

  /** Sheets of the tapes {@code input} into {@code output}, every {@link #EVERY_DEFAULT}th frame. */
  public static Builder builder(String input, String output) {
    return new Builder(input, output);
  }

  /** Builds a {@link LabelConfig}. */
  public static final class Builder {
    private final String input;
    private final String output;
    private int every = EVERY_DEFAULT;
    private String suggest;
    private boolean draftPeople;

    private Builder(String input, String output) {
      this.input = input;
      this.output = output;
    }

    public Builder every(int frames) {
      this.every = frames;
      return this;
    }

    /** A model whose detections pre-fill the labelling page's ranges (null: none). */
    public Builder suggest(String model) {
      this.suggest = model;
      return this;
    }

    /** Pre-fill the labelling page from a generic people detector, for tapes with no model yet. */
    public Builder draftPeople(boolean draft) {
      this.draftPeople = draft;
      return this;
    }

    public LabelConfig build() {
      return new LabelConfig(input, output, every, suggest, draftPeople);
    }
  }
}
