package io.dunkclip.jobs.evaluate;

/**
 * Options of {@code dunkclip evaluate}.
 *
 * @param iou temporal IoU at which a detected clip matches a true one (0.5, the usual standard)
 * @param output optional JSON file for the metrics
 */
public record EvaluateConfig(String clips, String labels, double iou, String output) implements java.io.Serializable {
  public static final double IOU_DEFAULT = 0.5;

  public EvaluateConfig {
    if (!(iou > 0 && iou <= 1)) {
      throw new IllegalArgumentException("Cannot evaluate: the IoU threshold must be in (0, 1] (iou=" + iou + ")");
    }
  }
}
