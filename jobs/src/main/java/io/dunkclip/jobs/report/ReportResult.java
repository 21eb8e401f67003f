package io.dunkclip.jobs.report;

import java.util.List;
import java.util.Locale;

/**
 * What the report shows: its index page, the tapes and clips in it, the thumbnails drawn, and the problems that left
 * something out of it (also listed in the page itself).
 */
public record ReportResult(String index, int tapes, int clips, int thumbnails, List<String> problems,
    double seconds) {
  public ReportResult {
    problems = List.copyOf(problems);
  }

  public String summary() {
    return String.format(Locale.ROOT, "report: tapes=%d clips=%d thumbnails=%d problems=%d seconds=%.1f index=%s",
        tapes, clips, thumbnails, problems.size(), seconds, index);
  }
}
