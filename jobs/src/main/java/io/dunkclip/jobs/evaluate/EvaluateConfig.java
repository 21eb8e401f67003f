package io.dunkclip.jobs.evaluate;

/**
 * Options of {@code dunkclip evaluate}.
 *
 * @param iou temporal IoU at which a detected clip matches a true one (0.5, the usual standard)
 * @param output optional JSON file for the metrics
 * @param scores optional scores dataset of the same detect run ({@code DIR/scores}): adds the frame-level ROC AUC
 */
public record EvaluateConfig(String clips, String labels, double iou, String output, String scores)
    implements java.io.Serializable {
  public static final double IOU_DEFAULT = 0.5;

  public EvaluateConfig(String clips, String labels, double iou, String output) {
    this(clips, labels, iou, output, null);
  }

  public EvaluateConfig {
    if (!(iou > 0 && iou <= 1)) {
      throw new IllegalArgumentException("Cannot evaluate: the IoU threshold must be in (0, 1] (iou=" + iou + ")");
    }
  }
}
