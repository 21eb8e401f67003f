package io.dunkclip.jobs.evaluate;

/**
 * Options of {@code dunkclip evaluate}, built with {@link #builder(String, String)}.
 *
 * @param iou temporal IoU at which a detected clip matches a true one (0.5, the usual standard)
 * @param output optional JSON file for the metrics
 * @param scores optional scores dataset of the same detect run ({@code DIR/scores}): adds the frame-level ROC AUC
 */
public record EvaluateConfig(String clips, String labels, double iou, String output, String scores)
    implements java.io.Serializable {
  public static final double IOU_DEFAULT = 0.5;

  public EvaluateConfig {
    if (!(iou > 0 && iou <= 1)) {
      throw new IllegalArgumentException("Cannot evaluate: the IoU threshold must be in (0, 1] (iou=" + iou + ")");
    }
  }

  /** {@code clips} against {@code labels} at the default IoU, writing nothing. */
  public static Builder builder(String clips, String labels) {
    return new Builder(clips, labels);
  }

  /** Builds an {@link EvaluateConfig}; unset values are the defaults. */
  public static final class Builder {
    private final String clips;
    private final String labels;
    private double iou = IOU_DEFAULT;
    private String output;
    private String scores;

    private Builder(String clips, String labels) {
      this.clips = clips;
      this.labels = labels;
    }

    public Builder iou(double threshold) {
      this.iou = threshold;
      return this;
    }

    /** Also write the metrics as JSON here (null: do not). */
    public Builder output(String json) {
      this.output = json;
      return this;
    }

    /** The detect run's scores dataset, for the frame-level ROC AUC (null: none). */
    public Builder scores(String dir) {
      this.scores = dir;
      return this;
    }

    public EvaluateConfig build() {
      return new EvaluateConfig(clips, labels, iou, output, scores);
    }
  }
}
