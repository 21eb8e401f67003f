package io.dunkclip.metrics;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a model is least sure: a tape cut into stretches of {@code window} frames (one per thumbnail of the labelling
 * page), ordered by how near their mean score lies to the threshold. Labelling those first teaches a model most: the
 * frames it already scores far from the threshold it gets right or wrong with conviction either way.
 */
public final class UnsureStretches {
  private UnsureStretches() {}

  /** Frames {@code frames} (inclusive) with their mean score. */
  public record Stretch(FrameRange frames, double meanScore) {
    public double distance(double threshold) {
      return Math.abs(meanScore - threshold);
    }
  }

  /**
   * The {@code limit} stretches nearest the threshold, nearest first (ties: earlier first). Stretches are frames
   * {@code 0..window-1}, {@code window..2*window-1}, ..., the last one shorter; a frame scored NaN (not scored) is left
   * out of its stretch's mean, and a stretch without a scored frame is left out.
   */
  public static List<Stretch> leastSure(float[] scores, double threshold, int window, int limit) {
    if (window < 1 || limit < 0) {
      throw new IllegalArgumentException("Cannot find unsure stretches: window must be 1 frame or more and limit 0 or"
          + " more (window=" + window + ", limit=" + limit + ")");
    }
    List<Stretch> stretches = new ArrayList<>();
    for (int first = 0; first < scores.length; first += window) {
      int last = (int) Math.min((long) first + window - 1, scores.length - 1);
      double sum = 0;
      int scored = 0;
      for (int f = first; f <= last; f++) {
        if (!Float.isNaN(scores[f])) {
          sum += scores[f];
          scored++;
        }
      }
      if (scored > 0) {
        stretches.add(new Stretch(FrameRange.of(first, last), sum / scored));
      }
    }
    stretches.sort(Comparator.<Stretch>comparingDouble(s -> s.distance(threshold))
        .thenComparingLong(s -> s.frames().first()));
    return List.copyOf(stretches.subList(0, Math.min(limit, stretches.size())));
  }
}
