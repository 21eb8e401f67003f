package io.dunkclip.metrics;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares predicted clips with labelled clips, video by video.
 *
 * <p>Frame level: per video, the frames covered by the union of the true ranges against those
 * covered by the union of the predicted ranges. A video present on one side only still counts
 * (all its frames are false negatives, or all false positives).
 *
 * <p>Clip level: per video, true and predicted clips are matched one to one; a pair can match when
 * its IoU is at or above the threshold. The matching has maximum cardinality: candidate pairs are
 * taken greedily by descending IoU, as standard temporal-detection tools do, and then grown along
 * augmenting paths. When each side's ranges are disjoint and the threshold is at least 0.5, the
 * greedy step alone is already maximum, so this equals plain greedy matching; below 0.5 it can
 * find matches greedy misses. Each range in the lists is one clip (ranges are not coalesced).
 */
public final class Evaluator {

  private Evaluator() {}

  /**
   * Frame-level and clip-level counts, boundary errors and the matched pairs.
   *
   * @param truthByVideo the labelled clips of each video
   * @param predictedByVideo the predicted clips of each video
   * @param iouThreshold a pair can match when its IoU is at least this, in (0, 1]
   */
  public static Evaluation evaluate(
      Map<String, List<FrameRange>> truthByVideo,
      Map<String, List<FrameRange>> predictedByVideo,
      double iouThreshold) {
    Objects.requireNonNull(truthByVideo, "truthByVideo");
    Objects.requireNonNull(predictedByVideo, "predictedByVideo");
    if (!(iouThreshold > 0.0 && iouThreshold <= 1.0)) {
      // At 0 every pair of clips would match, even clips that share no frame.
      throw new IllegalArgumentException(
          "Cannot evaluate clips: the IoU threshold must be in (0, 1] (iou-threshold="
              + iouThreshold + ")");
    }
    Set<String> videos = new TreeSet<>(truthByVideo.keySet());
    videos.addAll(predictedByVideo.keySet());

    Counts frames = Counts.ZERO;
    Counts clips = Counts.ZERO;
    List<ClipMatch> matches = new ArrayList<>();
    for (String video : videos) {
      List<FrameRange> truth = sorted(truthByVideo.get(video), "truth", video);
      List<FrameRange> predicted = sorted(predictedByVideo.get(video), "predicted", video);

      long bothFrames = FrameRanges.intersectionLength(truth, predicted);
      frames = frames.plus(new Counts(
          bothFrames,
          FrameRanges.unionLength(predicted) - bothFrames,
          FrameRanges.unionLength(truth) - bothFrames));

      List<ClipMatcher.Pair> pairs = ClipMatcher.match(truth, predicted, iouThreshold);
      clips = clips.plus(new Counts(
          pairs.size(), predicted.size() - pairs.size(), truth.size() - pairs.size()));
      for (ClipMatcher.Pair pair : pairs) {
        matches.add(new ClipMatch(truth.get(pair.truth()), predicted.get(pair.predicted()),
            pair.iou()));
      }
    }

    double startError = 0.0;
    double endError = 0.0;
    for (ClipMatch match : matches) {
      startError += Math.abs(match.truth().first() - match.predicted().first());
      endError += Math.abs(match.truth().last() - match.predicted().last());
    }
    double meanStart = matches.isEmpty() ? Double.NaN : startError / matches.size();
    double meanEnd = matches.isEmpty() ? Double.NaN : endError / matches.size();
    return new Evaluation(frames, clips, meanStart, meanEnd, matches);
  }

  private static List<FrameRange> sorted(List<FrameRange> ranges, String side, String video) {
    if (ranges == null) {
      return List.of();
    }
    List<FrameRange> sorted = new ArrayList<>(ranges.size());
    for (FrameRange range : ranges) {
      sorted.add(Objects.requireNonNull(range, () -> "null " + side + " range for video " + video));
    }
    sorted.sort(null);
    return sorted;
  }
}
