package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.tapes.TapeError;
import java.util.List;
import java.util.Locale;

/**
 * What a nightly run did. Every tape seen is counted once: processed (committed in this run), skipped (already
 * done with this model), failed (failed in this run, to be retried) or quarantined (gave up on it, in this or an
 * earlier run). A damaged tape (truncated or damaged part way, its readable part clipped) counts as processed in the
 * run that commits it and as skipped afterwards, and {@code damaged} counts it in every run that sees it.
 *
 * @param outputDir {@code OUTPUT/<modelVersion>}
 * @param damaged tapes seen whose committed clips stop at damage (this or an earlier run)
 * @param newFailures tapes that failed or were quarantined in this run (what a scheduler should act on)
 * @param newDamaged tapes committed as damaged in this run (also to act on: their clips stop at the damage)
 * @param problems the damaged, failed and quarantined tapes, with their reasons
 * @param unreadableArchive when the archive named no tape file that exists (a typo, a glob that matches nothing):
 *     each reason, and the run did nothing at all (no ledger entry, nothing at the output); empty otherwise
 */
public record NightlyResult(String modelVersion, String outputDir, int seen, int processed, int skipped, int failed,
    int quarantined, int damaged, int newFailures, int newDamaged, int clipsWritten, double seconds,
    List<LedgerEntry> problems, List<TapeError> unreadableArchive) {

  /** A run that found no tape file in {@code archive} and so touched nothing. */
  static NightlyResult nothingFound(String modelVersion, String outputDir, List<TapeError> reasons, double seconds) {
    return new NightlyResult(modelVersion, outputDir, 0, 0, 0, 0, 0, 0, 0, 0, 0, seconds, List.of(),
        List.copyOf(reasons));
  }

  /** Whether the archive named no tape file that exists, so nothing was done (exit status 5, "nothing done"). */
  public boolean archiveNotFound() {
    return !unreadableArchive.isEmpty();
  }

  /** Whether nothing was new or changed. */
  public boolean nothingToDo() {
    return processed == 0 && newFailures == 0 && !archiveNotFound();
  }

  /** Every tape this run tried failed (and it tried at least one). */
  public boolean allFailed() {
    return processed == 0 && newFailures > 0;
  }

  public String summary() {
    return String.format(Locale.ROOT,
        "nightly: model=%s tapes seen=%d processed=%d skipped=%d failed=%d quarantined=%d damaged=%d clips written=%d "
            + "seconds=%.1f output=%s",
        modelVersion, seen, processed, skipped, failed, quarantined, damaged, clipsWritten, seconds, outputDir);
  }
}
