package io.dunkclip.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/** Area under the ROC curve of per-frame scores. */
public final class Roc {

  private Roc() {}

  /**
   * ROC AUC by the rank statistic (Mann-Whitney U): the probability that a random positive scores
   * above a random negative, with ties counting 1/2. O(n log n).
   *
   * @param scores a score per sample, not NaN
   * @param positives whether each sample is positive; same length as {@code scores}
   * @return the AUC in [0, 1], or NaN when there are no positives or no negatives
   */
  public static double auc(double[] scores, boolean[] positives) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(positives, "positives");
    if (scores.length != positives.length) {
      throw new IllegalArgumentException(
          "Cannot compute ROC AUC: need one label per score, " + scores.length
              + " scores were given (positives.length=" + positives.length + ")");
    }
    long positiveCount = 0;
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(
            "Cannot compute ROC AUC: score " + i + " is not a number (score=NaN)");
      }
      positiveCount += positives[i] ? 1 : 0;
    }
    long negativeCount = scores.length - positiveCount;
    if (positiveCount == 0 || negativeCount == 0) {
      return Double.NaN;
    }

    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    // Twice the rank sum of the positives, so tied (averaged) ranks stay whole numbers.
    long doubledRankSum = 0;
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
        end++;
      }
      long doubledAverageRank = (start + 1L) + (end + 1L);
      for (int k = start; k <= end; k++) {
        if (positives[order[k]]) {
          doubledRankSum += doubledAverageRank;
        }
      }
      start = end + 1;
    }
    long doubledU = doubledRankSum - positiveCount * (positiveCount + 1);
    return doubledU / (2.0 * positiveCount * negativeCount);
  }
}
