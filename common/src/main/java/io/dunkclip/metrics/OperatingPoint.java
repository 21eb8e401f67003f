package io.dunkclip.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision threshold a model is used at, chosen on validation frames, and the precision-recall curve it was
 * chosen from. A frame is called positive when its score is {@code >= threshold}.
 *
 * <p>The rule: frame-level F1 as a function of the threshold is a step function; take the highest step where it is
 * largest (ties go to the higher threshold, so fewer false clips), and put the threshold in the middle of that step,
 * halfway between the lowest score it calls positive and the highest score below it. So the threshold sits as far as
 * the validation frames allow from the frames it would misjudge, rather than on the edge of one frame's score,
 * where the smallest shift on an unseen tape flips a frame.
 *
 * @param threshold the chosen threshold, in [0, 1]
 * @param stepLow the lowest score of the step (exclusive): the highest validation score called negative, or 0
 * @param stepHigh the highest score of the step (inclusive): the lowest validation score called positive
 * @param precision precision of the validation frames at the threshold
 * @param recall recall of the validation frames at the threshold
 * @param f1 F1 of the validation frames at the threshold, the largest over all thresholds
 */
public record OperatingPoint(double threshold, double stepLow, double stepHigh, double precision, double recall,
    double f1) {

  /**
   * One point of the precision-recall curve: calling every frame scoring {@code >= threshold} positive gives these
   * counts. Thresholds are the distinct scores.
   */
  public record CurvePoint(double threshold, long truePositives, long falsePositives, long falseNegatives) {
    public double precision() {
      return counts().precision();
    }

    public double recall() {
      return counts().recall();
    }

    public double f1() {
      return counts().f1();
    }

    Counts counts() {
      return new Counts(truePositives, falsePositives, falseNegatives);
    }
  }

  /**
   * The curve: one point per distinct score, highest threshold first.
   *
   * @param scores a score in [0, 1] per frame
   * @param positives whether each frame is positive
   */
  public static List<CurvePoint> curve(double[] scores, boolean[] positives) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(positives, "positives");
    if (scores.length != positives.length) {
      throw new IllegalArgumentException("Cannot compute a precision-recall curve: need one label per score, "
          + scores.length + " scores were given (positives.length=" + positives.length + ")");
    }
    long totalPositives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!(scores[i] >= 0 && scores[i] <= 1)) {
        throw new IllegalArgumentException("Cannot compute a precision-recall curve: score " + i
            + " is not in [0, 1] (score=" + scores[i] + ")");
      }
      totalPositives += positives[i] ? 1 : 0;
    }
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    List<CurvePoint> points = new ArrayList<>();
    long tp = 0;
    long fp = 0;
    int i = 0;
    while (i < order.length) {
      double threshold = scores[order[i]];
      while (i < order.length && scores[order[i]] == threshold) {
        if (positives[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      points.add(new CurvePoint(threshold, tp, fp, totalPositives - tp));
    }
    return points;
  }

  /**
   * The operating point of the rule above, or empty when the frames hold no positive (no threshold has an F1 to
   * maximise; the caller keeps its default).
   */
  public static Optional<OperatingPoint> bestF1(double[] scores, boolean[] positives) {
    List<CurvePoint> points = curve(scores, positives);
    boolean anyPositive = false;
    for (boolean positive : positives) {
      anyPositive |= positive;
    }
    if (!anyPositive) {
      return Optional.empty();
    }
    int best = 0;
    for (int k = 1; k < points.size(); k++) {
      if (points.get(k).f1() > points.get(best).f1()) { // strictly: ties stay with the higher threshold
        best = k;
      }
    }
    CurvePoint chosen = points.get(best);
    double high = chosen.threshold();
    double low = best + 1 < points.size() ? points.get(best + 1).threshold() : 0.0;
    return Optional.of(new OperatingPoint((high + low) / 2, low, high, chosen.precision(), chosen.recall(),
        chosen.f1()));
  }
}
