package io.dunkclip.jobs.report;

/**
 * Options of {@code dunkclip report}.
 *
 * @param detect a detect output directory (clips.csv, scores/, _errors.csv, and _detect.json when detect wrote one)
 * @param input the tapes, for the thumbnails; null = the input recorded in _detect.json
 * @param labels optional labels.csv for the truth and the metrics; null = the labels given to detect, if any
 * @param rendered render's output directory for these clips, so the page plays them; null = thumbnails only
 */
public record ReportConfig(String detect, String input, String labels, String rendered)
    implements java.io.Serializable {
  /** A report without rendered clips. */
  public ReportConfig(String detect, String input, String labels) {
    this(detect, input, labels, null);
  }

  public ReportConfig {
    if (detect == null || detect.isBlank()) {
      throw new IllegalArgumentException("Cannot build a report: name the detect output directory (detect="
          + detect + ")");
    }
  }
}
