package io.dunkclip.jobs.evaluate;

import io.dunkclip.metrics.Evaluation;
import java.util.Locale;

/** Frame-level and clip-level scores of a clips file against the truth. */
public record EvaluateResult(String clips, String labels, double iou, Evaluation evaluation) {
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
            + "clip_f1=%.3f",
        e.frames().precision(), e.frames().recall(), e.frames().f1(), e.clips().precision(), e.clips().recall(),
        e.clips().f1());
  }

  /** Every true clip found (at the IoU threshold) and no false clip. */
  public boolean perfectClips() {
    return evaluation.clips().falsePositives() == 0 && evaluation.clips().falseNegatives() == 0;
  }
}
