package io.dunkclip.jobs.quickstart;

import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.sample.SampleResult;
import io.dunkclip.jobs.train.TrainResult;

/** Every stage's result; {@link #passed()} says whether the clips match the sample's truth. */
public record QuickstartResult(SampleResult sample, SampleResult unseen, ExtractResult extract, TrainResult train,
    DetectResult detect, RenderResult render, EvaluateResult evaluate, double seconds) {
  /** Every true interval found at IoU >= 0.5, no false clip, and every clip rendered. */
  public boolean passed() {
    return evaluate.perfectClips() && render.failed().isEmpty() && extract.errors().isEmpty();
  }
}
