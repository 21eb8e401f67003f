package io.dunkclip.metrics;

/**
 * True positive, false positive and false negative counts, with the scores derived from them.
 *
 * <p>Empty cases are defined so that doing nothing wrong scores 1: precision is 1.0 when nothing
 * was predicted ({@code tp + fp == 0}), recall is 1.0 when nothing was true ({@code tp + fn == 0}).
 * F1 is 0.0 when precision and recall are both 0. So a video with no dunks and no predictions
 * scores 1/1/1, and predicting nothing on a video with dunks scores precision 1, recall 0, F1 0.
 */
public record Counts(long truePositives, long falsePositives, long falseNegatives) {

  public static final Counts ZERO = new Counts(0, 0, 0);

  public Counts {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException(
          "Cannot create counts: counts must be 0 or more (truePositives=" + truePositives
              + ", falsePositives=" + falsePositives + ", falseNegatives=" + falseNegatives + ")");
    }
  }

  /** {@code tp / (tp + fp)}, or 1.0 when nothing was predicted. */
  public double precision() {
    long predicted = truePositives + falsePositives;
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  /** {@code tp / (tp + fn)}, or 1.0 when nothing was true. */
  public double recall() {
    long actual = truePositives + falseNegatives;
    return actual == 0 ? 1.0 : (double) truePositives / actual;
  }

  /** Harmonic mean of precision and recall, or 0.0 when both are 0. */
  public double f1() {
    double precision = precision();
    double recall = recall();
    return precision + recall == 0.0 ? 0.0 : 2 * precision * recall / (precision + recall);
  }

  public Counts plus(Counts other) {
    return new Counts(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }
}
