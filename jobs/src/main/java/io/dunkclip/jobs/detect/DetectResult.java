package io.dunkclip.jobs.detect;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.spark.TapeError;
import java.util.List;

/** What a detect run found: the clips (as written to clips.csv) and the tapes that failed. */
public record DetectResult(String clipsCsv, int tapes, long frames, List<ClipRow> clips, List<TapeError> errors,
    double threshold, double seconds) {
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "detect: tapes=%d frames=%d clips=%d errors=%d threshold=%.3f seconds=%.1f clips_csv=%s",
        tapes, frames, clips.size(), errors.size(), threshold, seconds, clipsCsv);
  }
}
