package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.tapes.TapeError;
import java.util.List;

/** What an extract run did: where the frames are, how many, and every tape that failed with why. */
public record ExtractResult(String output, int tapes, long frames, List<TapeError> errors, double seconds) {
  public String summary() {
    return String.format(java.util.Locale.ROOT, "extract: tapes=%d frames=%d errors=%d seconds=%.1f output=%s",
        tapes, frames, errors.size(), seconds, output);
  }
}
