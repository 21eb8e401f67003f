package io.dunkclip.jobs.label;

import io.dunkclip.jobs.tapes.TapeError;
import java.util.List;

/**
 * What a label run wrote.
 *
 * @param template the labels template: one row per tape covering all its frames, labelled 0
 * @param tapes tapes that were probed and listed in the template
 * @param sheets contact sheets written, over all tapes
 * @param thumbnails frames shown on them
 * @param errors tapes that could not be read, or not to the end (their sheets stop at the damage)
 */
public record LabelResult(String output, String template, int tapes, int sheets, long thumbnails,
    List<TapeError> errors, double seconds) {
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "label: tapes=%d sheets=%d thumbnails=%d errors=%d seconds=%.1f output=%s template=%s",
        tapes, sheets, thumbnails, errors.size(), seconds, output, template);
  }
}
