package io.dunkclip.jobs.evaluate;

import io.dunkclip.metrics.Evaluation;
import java.util.List;
import java.util.Locale;

/**
 * Frame-level and clip-level scores of a clips file against the truth.
 *
 * @param frameAuc ROC AUC of the detect run's per-frame scores against the labels (NaN without {@code --scores})
 * @param scoredFrames labelled frames that had a score
 * @param warnings one line per clip that runs past what the labels cover (its frames there count as false positives)
 */
public record EvaluateResult(String clips, String labels, double iou, Evaluation evaluation, double frameAuc,
    long scoredFrames, List<String> warnings) {
  public EvaluateResult {
    warnings = List.copyOf(warnings);
  }

  /** Mean boundary error: the mean of the start and end errors of matched clips, in frames. */
  public double boundaryErrorFrames() {
    return (evaluation.meanStartErrorFrames() + evaluation.meanEndErrorFrames()) / 2;
  }

  public String report() {
    Evaluation e = evaluation;
    return String.format(Locale.ROOT,
        "frames: precision=%.3f recall=%.3f f1=%.3f (tp=%d fp=%d fn=%d)%n"
            + "clips @ IoU %.2f: precision=%.3f recall=%.3f f1=%.3f (matched=%d false=%d missed=%d)%n"
            + "boundaries: mean start error=%.1f frames, mean end error=%.1f frames",
        e.frames().precision(), e.frames().recall(), e.frames().f1(), e.frames().truePositives(),
        e.frames().falsePositives(), e.frames().falseNegatives(), iou, e.clips().precision(), e.clips().recall(),
        e.clips().f1(), e.clips().truePositives(), e.clips().falsePositives(), e.clips().falseNegatives(),
        e.meanStartErrorFrames(), e.meanEndErrorFrames());
  }

  public String summary() {
    Evaluation e = evaluation;
    return String.format(Locale.ROOT,
        "evaluate: frame_precision=%.3f frame_recall=%.3f frame_f1=%.3f clip_precision=%.3f clip_recall=%.3f "
            + "clip_f1=%.3f clips_false=%d clips_missed=%d bmae_frames=%.2f%s",
        e.frames().precision(), e.frames().recall(), e.frames().f1(), e.clips().precision(), e.clips().recall(),
        e.clips().f1(), e.clips().falsePositives(), e.clips().falseNegatives(), boundaryErrorFrames(),
        Double.isNaN(frameAuc) && scoredFrames == 0 ? "" : String.format(Locale.ROOT, " frame_auc=%.4f", frameAuc));
  }

  /** Every true clip found (at the IoU threshold) and no false clip. */
  public boolean perfectClips() {
    return evaluation.clips().falsePositives() == 0 && evaluation.clips().falseNegatives() == 0;
  }
}
