package io.dunkclip.jobs.report;

/**
 * Options of {@code dunkclip report}, built with {@link #builder(String)}.
 *
 * @param detect a detect output directory (clips.csv, scores/, _errors.csv, and _detect.json when detect wrote one)
 * @param input the tapes, for the thumbnails; null = the input recorded in _detect.json
 * @param labels optional labels.csv for the truth and the metrics; null = the labels given to detect, if any
 * @param rendered render's output directory for these clips, so the page plays them; null = thumbnails only
 */
public record ReportConfig(String detect, String input, String labels, String rendered)
    implements java.io.Serializable {
  public ReportConfig {
    if (detect == null || detect.isBlank()) {
      throw new IllegalArgumentException("Cannot build a report: name the detect output directory (detect="
          + detect + ")");
    }
  }

  /** The report of the detect output {@code detect}, with the tapes and labels detect recorded. */
  public static Builder builder(String detect) {
    return new Builder(detect);
  }

  /** Builds a {@link ReportConfig}. */
  public static final class Builder {
    private final String detect;
    private String input;
    private String labels;
    private String rendered;

    private Builder(String detect) {
      this.detect = detect;
    }

    /** The tapes, when not where detect found them (null: detect's). */
    public Builder input(String pathOrGlob) {
      this.input = pathOrGlob;
      return this;
    }

    /** Labels for the truth and the metrics (null: detect's, if any). */
    public Builder labels(String labelsCsv) {
      this.labels = labelsCsv;
      return this;
    }

    /** Render's output directory for these clips, so the page plays them (null: thumbnails only). */
    public Builder rendered(String renderOutput) {
      this.rendered = renderOutput;
      return this;
    }

    public ReportConfig build() {
      return new ReportConfig(detect, input, labels, rendered);
    }
  }
}
