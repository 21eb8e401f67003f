package io.dunkclip.metrics;

import io.dunkclip.interval.FrameRange;
import java.util.Objects;

/**
 * A true clip and the predicted clip matched to it.
 *
 * @param truth the labelled clip
 * @param predicted the predicted clip
 * @param iou their temporal intersection over union, in frames
 */
public record ClipMatch(FrameRange truth, FrameRange predicted, double iou) {

  public ClipMatch {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
  }
}
