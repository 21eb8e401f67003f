package io.dunkclip.jobs.detect;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.spark.TapeError;
import java.util.List;

/**
 * What a detect run found: the clips (as written to clips.csv) and the tapes that failed.
 *
 * @param frames frames of the tapes
 * @param scoredFrames frame scores computed: all frames, or in fast mode the keyframes plus every frame of the windows
 *     around them (a keyframe inside a window is counted twice)
 * @param fullyScored tapes that fast mode scored in full because their keyframes are too far apart (empty without
 *     --fast)
 */
public record DetectResult(String clipsCsv, int tapes, long frames, List<ClipRow> clips, List<TapeError> errors,
    double threshold, double seconds, long scoredFrames, List<FullyScoredTape> fullyScored) {
  public DetectResult {
    fullyScored = fullyScored == null ? List.of() : List.copyOf(fullyScored);
  }

  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "detect: tapes=%d frames=%d scored=%d clips=%d errors=%d threshold=%.3f seconds=%.1f clips_csv=%s",
        tapes, frames, scoredFrames, clips.size(), errors.size(), threshold, seconds, clipsCsv);
  }
}
