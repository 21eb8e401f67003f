package io.dunkclip.jobs.detect;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.video.TapeInfo;
import java.util.List;
import java.util.Map;

/**
 * What a detect run found: the clips (as written to clips.csv) and the tapes that failed, and what the report of the
 * run needs besides (the run's record, the tapes as found and probed), so that it is built without reading any of it
 * back.
 *
 * @param output where the run wrote its outputs
 * @param frames frames of the tapes
 * @param scoredFrames frame scores computed: all frames, or in fast mode the keyframes plus every frame of the windows
 *     around them (a keyframe inside a window is counted twice)
 * @param fullyScored tapes that fast mode scored in full because their keyframes are too far apart (empty without
 *     --fast)
 * @param run the run as recorded in {@code _detect.json}; null when no tape could be read (nothing was written)
 * @param tapeFiles the tapes scored, as found on their filesystem (empty for a frames dataset)
 * @param tapeInfos the frame tables of the tapes scored, by name
 */
public record DetectResult(DetectOutput output, int tapes, long frames, List<ClipRow> clips, List<TapeError> errors,
    double threshold, double seconds, long scoredFrames, List<FullyScoredTape> fullyScored, DetectRun run,
    List<TapeRef> tapeFiles, Map<String, TapeInfo> tapeInfos) {
  public DetectResult {
    fullyScored = fullyScored == null ? List.of() : List.copyOf(fullyScored);
    tapeFiles = List.copyOf(tapeFiles);
    tapeInfos = Map.copyOf(tapeInfos);
  }

  public String clipsCsv() {
    return output.clipsCsv();
  }

  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "detect: tapes=%d frames=%d scored=%d clips=%d errors=%d threshold=%.3f seconds=%.1f clips_csv=%s",
        tapes, frames, scoredFrames, clips.size(), errors.size(), threshold, seconds, clipsCsv());
  }
}
