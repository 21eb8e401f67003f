package io.dunkclip.jobs.nightly;

import java.util.List;
import java.util.Locale;

/**
 * What a nightly run did. Every tape seen is counted once: processed (committed ok in this run), skipped (already
 * done with this model), failed (failed in this run, to be retried) or quarantined (gave up on it, in this or an
 * earlier run).
 *
 * @param outputDir {@code OUTPUT/<modelVersion>}
 * @param newFailures tapes that failed or were quarantined in this run (what a scheduler should act on)
 * @param problems the failed and quarantined tapes, with their reasons
 */
public record NightlyResult(String modelVersion, String outputDir, int seen, int processed, int skipped, int failed,
    int quarantined, int newFailures, int clipsWritten, double seconds, List<LedgerEntry> problems) {

  /** Whether nothing was new or changed. */
  public boolean nothingToDo() {
    return processed == 0 && newFailures == 0;
  }

  /** Every tape this run tried failed (and it tried at least one). */
  public boolean allFailed() {
    return processed == 0 && newFailures > 0;
  }

  public String summary() {
    return String.format(Locale.ROOT,
        "nightly: model=%s tapes seen=%d processed=%d skipped=%d failed=%d quarantined=%d clips written=%d "
            + "seconds=%.1f output=%s",
        modelVersion, seen, processed, skipped, failed, quarantined, clipsWritten, seconds, outputDir);
  }
}
