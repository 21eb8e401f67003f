package io.dunkclip.jobs.detect;

import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.fs.Outputs;

/**
 * The one home of detect's output layout: what lies under a detect output directory, by name. Detect writes it; the
 * report, nightly and the command line find things in it through here.
 *
 * @param dir the detect output directory ({@code --output})
 */
public record DetectOutput(String dir) {
  /** The clips, one row per clip (the contract file render and evaluate read). */
  public static final String CLIPS_FILE = "clips.csv";
  /** The per-frame scores, a Parquet dataset of {@code video, frame, score}. */
  public static final String SCORES_DIR = "scores";
  /** What the run was asked and how long it took ({@link DetectRun}), for rebuilding the report later. */
  public static final String RUN_FILE = "_detect.json";
  /** The HTML report built from the run, {@code report/index.html}. */
  public static final String REPORT_DIR = "report";
  /** The report's page inside {@link #REPORT_DIR}. */
  public static final String REPORT_INDEX = "index.html";

  public String clipsCsv() {
    return Outputs.child(dir, CLIPS_FILE);
  }

  public String scoresDir() {
    return Outputs.child(dir, SCORES_DIR);
  }

  public String runFile() {
    return Outputs.child(dir, RUN_FILE);
  }

  /** The tapes that failed, as extract writes them ({@link ErrorTable}). */
  public String errorsCsv() {
    return Outputs.child(dir, ErrorTable.FILE_NAME);
  }

  /** The tapes' backgrounds a background model compared with: pictures and their table. */
  public String backgroundsDir() {
    return Outputs.child(dir, BackgroundFiles.DETECT_DIR);
  }

  public String backgroundsTable() {
    return Outputs.child(backgroundsDir(), BackgroundFiles.DETECT_TABLE);
  }

  public String reportDir() {
    return Outputs.child(dir, REPORT_DIR);
  }

  public String reportIndex() {
    return Outputs.child(reportDir(), REPORT_INDEX);
  }
}
