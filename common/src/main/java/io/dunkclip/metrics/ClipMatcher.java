package io.dunkclip.metrics;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one matching of the true and predicted clips of one video, for {@link Evaluator}.
 *
 * <p>Candidate pairs are those with IoU at or above the threshold. They are taken greedily by
 * descending IoU (ties: earlier true clip, then earlier prediction, in range order), then the
 * matching is grown along augmenting paths (Kuhn's algorithm) until no more pairs can be matched.
 * The result always has maximum cardinality. Augmenting keeps every clip the greedy step matched
 * matched, only re-pairing some of them.
 *
 * <p>When the ranges of each side are disjoint and the threshold is at least 0.5, the greedy step
 * alone is already maximum: if a range reaches IoU 0.5 with two disjoint ranges of the other
 * side, each shares at least half of it, so both lie inside it with IoU exactly 0.5 and overlap
 * nothing else. Every component of the candidate graph is then a star, where greedy takes the best
 * edge. Below 0.5 greedy alone can miss a match: with truth [0,9], [10,19] and predictions [6,15],
 * [16,40] at threshold 0.1, greedy pairs [6,15] with [10,19] and strands [16,40].
 */
final class ClipMatcher {

  private ClipMatcher() {}

  /** A matched pair, as indexes into the sorted true and predicted lists. */
  record Pair(int truth, int predicted, double iou) {}

  /** Maximum-cardinality matching; both lists must be sorted. */
  static List<Pair> match(List<FrameRange> truth, List<FrameRange> predicted, double threshold) {
    List<Pair> candidates = candidates(truth, predicted, threshold);
    int[] predictedOfTruth = greedy(truth.size(), predicted.size(), candidates);
    int[] truthOfPredicted = new int[predicted.size()];
    Arrays.fill(truthOfPredicted, -1);
    for (int t = 0; t < predictedOfTruth.length; t++) {
      if (predictedOfTruth[t] >= 0) {
        truthOfPredicted[predictedOfTruth[t]] = t;
      }
    }
    List<List<Pair>> neighbours = new ArrayList<>();
    for (int t = 0; t < truth.size(); t++) {
      neighbours.add(new ArrayList<>());
    }
    candidates.forEach(pair -> neighbours.get(pair.truth()).add(pair));

    // Kuhn: once no augmenting path starts at a free true clip, none will later, so one pass.
    for (int t = 0; t < truth.size(); t++) {
      if (predictedOfTruth[t] < 0) {
        augment(t, neighbours, predictedOfTruth, truthOfPredicted, new boolean[predicted.size()]);
      }
    }
    List<Pair> matches = new ArrayList<>();
    for (List<Pair> pairs : neighbours) {
      for (Pair pair : pairs) {
        if (predictedOfTruth[pair.truth()] == pair.predicted()) {
          matches.add(pair);
        }
      }
    }
    return matches;
  }

  /** The greedy step only, as predicted index per true index (-1 for none); for tests. */
  static int[] greedy(List<FrameRange> truth, List<FrameRange> predicted, double threshold) {
    return greedy(truth.size(), predicted.size(), candidates(truth, predicted, threshold));
  }

  private static int[] greedy(int truthCount, int predictedCount, List<Pair> candidates) {
    int[] predictedOfTruth = new int[truthCount];
    Arrays.fill(predictedOfTruth, -1);
    boolean[] taken = new boolean[predictedCount];
    for (Pair pair : candidates) {
      if (predictedOfTruth[pair.truth()] < 0 && !taken[pair.predicted()]) {
        predictedOfTruth[pair.truth()] = pair.predicted();
        taken[pair.predicted()] = true;
      }
    }
    return predictedOfTruth;
  }

  /** Candidate pairs by descending IoU, then by true index, then by predicted index. */
  private static List<Pair> candidates(
      List<FrameRange> truth, List<FrameRange> predicted, double threshold) {
    List<Pair> candidates = new ArrayList<>();
    for (int t = 0; t < truth.size(); t++) {
      FrameRange trueRange = truth.get(t);
      for (int p = 0; p < predicted.size(); p++) {
        FrameRange predictedRange = predicted.get(p);
        if (predictedRange.first() > trueRange.last()) {
          break; // sorted: no later prediction can overlap this true clip
        }
        double iou = trueRange.iou(predictedRange);
        if (iou >= threshold) {
          candidates.add(new Pair(t, p, iou));
        }
      }
    }
    candidates.sort(Comparator.comparingDouble(Pair::iou).reversed()
        .thenComparingInt(Pair::truth)
        .thenComparingInt(Pair::predicted));
    return candidates;
  }

  private static boolean augment(int truth, List<List<Pair>> neighbours, int[] predictedOfTruth,
      int[] truthOfPredicted, boolean[] visited) {
    for (Pair pair : neighbours.get(truth)) {
      int p = pair.predicted();
      if (visited[p]) {
        continue;
      }
      visited[p] = true;
      int holder = truthOfPredicted[p];
      if (holder < 0
          || augment(holder, neighbours, predictedOfTruth, truthOfPredicted, visited)) {
        predictedOfTruth[truth] = p;
        truthOfPredicted[p] = truth;
        return true;
      }
    }
    return false;
  }
}
