package io.dunkclip.segment;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.interval.ScoreSmoothing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Detect's fast mode for one tape: from the keyframe scores of the coarse pass, the frames to score one by one
 * ({@link #initial}), then, round after round, the frames still missing before what was scored settles the clips
 * ({@link #missing}); fast mode stops when nothing is missing.
 *
 * <p><b>What it guarantees.</b> Scoring every frame, clips come from <em>detections</em>: runs of frames whose
 * smoothed score is at least the exit threshold and that reach the enter threshold, bridged across gaps of at most
 * {@code maxGapFrames}. Fast mode gives exactly the clips of scoring every frame whenever every detection that becomes
 * a clip spans (from its first to its last detected frame) a keyframe the coarse pass scores at least the seed
 * threshold (or could not score). A detection none of whose keyframes reaches it is not seen.
 *
 * <p><b>Why.</b> A smoothed score needs the raw scores of {@code h} frames on each side. In a stretch of consecutively
 * scored frames, the frames at least {@code h} from both of its ends (or at the tape's ends) are <em>exact</em>: their
 * smoothed score is the one scoring every frame gives them. A stretch is <em>settled</em> when (a) each run found in
 * it, and the frame just before and just after it, are exact, and (b) around each run found that reaches the enter
 * threshold, the {@code maxGapFrames + 1} frames on each side are exact too (the tape's ends stop both). By (a) every
 * run found is a run of scoring every frame, with the same scores; by (b) every run that scoring every frame would
 * bridge to a found one starts or ends on an exact frame at or above the exit threshold, so it is found as well.
 * {@link #initial} makes each seed keyframe and {@code maxGapFrames} frames on each side exact, so a detection spanning
 * a seed has a run found (the seed's own, or the one ending at most {@code maxGapFrames} before it), and from it,
 * run by run, all of the detection. Nothing else is found, so the detections found are exactly those holding a seed,
 * whole, and the clips follow. {@link #missing} asks for more frames wherever a stretch is not settled; frames asked
 * for once are never asked for again (decoding may fail there), so the rounds end.
 *
 * <p>The first windows also guess where each detection ends: a seed's window reaches over its neighbouring keyframes
 * that score at least the exit threshold to the first ones below it, plus {@code maxGapFrames + h} frames, so that
 * usually one round settles everything.
 */
public final class FastWindows {

  private FastWindows() {}

  /**
   * What fast mode needs to know of the clip settings of one tape.
   *
   * @param seedThreshold a keyframe scoring at least this opens a window
   * @param enterThreshold a run counts for a clip when its best smoothed score reaches this
   * @param exitThreshold a frame belongs to a run when its smoothed score is at least this
   * @param halfWindow {@code h}: the median smoothing's frames on each side of a frame, 0 for none
   * @param maxGapFrames runs at most this many frames apart are bridged into one detection
   */
  public record Rule(double seedThreshold, double enterThreshold, double exitThreshold, int halfWindow,
      long maxGapFrames) {
    public Rule {
      if (halfWindow < 0 || maxGapFrames < 0) {
        throw new IllegalArgumentException("Cannot plan fast mode: the smoothing half-window and the gap must be 0 or"
            + " more (half-window=" + halfWindow + ", max-gap-frames=" + maxGapFrames + ")");
      }
      if (Double.isNaN(seedThreshold) || Double.isNaN(enterThreshold) || Double.isNaN(exitThreshold)) {
        throw new IllegalArgumentException("Cannot plan fast mode: thresholds must be numbers (seed=" + seedThreshold
            + ", enter=" + enterThreshold + ", exit=" + exitThreshold + ")");
      }
    }

    /** Frames beyond a guessed end of a detection that bridging and smoothing need exact. */
    long reach() {
      return maxGapFrames + halfWindow;
    }
  }

  /**
   * Raw scores of consecutive frames from {@code first}.
   *
   * @param first frame of {@code scores[0]}
   * @param scores raw scores, no NaN
   */
  public record Stretch(long first, double[] scores) {
    public Stretch {
      Objects.requireNonNull(scores, "scores");
    }

    long last() {
      return first + scores.length - 1;
    }
  }

  /**
   * The first frames to score, sorted, disjoint and not touching, each starting on a keyframe or frame 0: around
   * every keyframe scoring at least the seed threshold or not scored (NaN), and the frames before the first keyframe.
   *
   * @param frameCount frames of the tape
   * @param keyframes keyframe frame numbers, strictly ascending, in {@code [0, frameCount)}
   * @param scores {@code scores[i]} is the coarse score of {@code keyframes[i]}; NaN when it was not scored
   */
  public static List<FrameRange> initial(long frameCount, long[] keyframes, double[] scores, Rule rule) {
    check(frameCount, keyframes, scores, rule);
    if (frameCount == 0) {
      return List.of();
    }
    if (keyframes.length == 0) {
      return List.of(FrameRange.of(0, frameCount - 1));
    }
    List<FrameRange> windows = new ArrayList<>();
    if (keyframes[0] > 0) {
      windows.add(FrameRange.of(0, keyframes[0] - 1)); // nothing scored there: score it all
    }
    int covered = -1; // keyframes up to this index lie in a window already planned from an earlier seed
    for (int i = 0; i < keyframes.length; i++) {
      if (i <= covered || scores[i] < rule.seedThreshold()) {
        continue;
      }
      int left = i;
      while (left > 0 && !(scores[left - 1] < rule.exitThreshold())) {
        left--;
      }
      int right = i;
      while (right + 1 < keyframes.length && !(scores[right + 1] < rule.exitThreshold())) {
        right++;
      }
      covered = right;
      long from = left > 0 ? keyframes[left - 1] - rule.reach() : 0;
      long to = right + 1 < keyframes.length ? keyframes[right + 1] + rule.reach() : frameCount - 1;
      windows.add(FrameRange.of(keyframeAtOrBefore(keyframes, Math.max(0, from)), Math.min(frameCount - 1, to)));
    }
    return joined(windows);
  }

  /**
   * The frames still to score before the stretches scored so far settle the clips (see the class comment), sorted,
   * disjoint and not touching; empty when they do. Frames in {@code attempted} are never asked for again.
   *
   * @param frameCount frames of the tape
   * @param keyframes as for {@link #initial}
   * @param scores as for {@link #initial}: where more frames are needed, they guess how far a detection reaches
   * @param scored the stretches scored, in any order, not overlapping (touching ones are joined here)
   * @param attempted every frame asked for so far, scored or not (decoding can fail)
   */
  public static List<FrameRange> missing(long frameCount, long[] keyframes, double[] scores, List<Stretch> scored,
      List<FrameRange> attempted, Rule rule) {
    check(frameCount, keyframes, scores, rule);
    Objects.requireNonNull(attempted, "attempted");
    int h = rule.halfWindow();
    List<FrameRange> wanted = new ArrayList<>();
    for (Stretch stretch : joinedStretches(scored, frameCount)) {
      long first = stretch.first();
      long last = stretch.last();
      long exactFirst = first == 0 ? 0 : first + h;
      long exactLast = last == frameCount - 1 ? last : last - h;
      double[] smoothed = ScoreSmoothing.median(stretch.scores(), h);
      long needFirst = Long.MAX_VALUE;
      long needLast = Long.MIN_VALUE;
      for (ScoreRun run : RunReducer.runs(first, smoothed, rule.exitThreshold())) {
        long margin = run.maxScore() >= rule.enterThreshold() ? rule.maxGapFrames() + 1 : 1;
        needFirst = Math.min(needFirst, Math.max(0, run.first() - margin));
        needLast = Math.max(needLast, Math.min(frameCount - 1, run.last() + margin));
      }
      if (needFirst < exactFirst) {
        long guess = guessBefore(keyframes, scores, first, rule);
        long from = keyframeAtOrBefore(keyframes, Math.max(0, Math.min(needFirst - h, guess)));
        wanted.add(FrameRange.of(from, first - 1));
      }
      if (needLast != Long.MIN_VALUE && needLast > exactLast) {
        long guess = guessAfter(keyframes, scores, last, frameCount, rule);
        wanted.add(FrameRange.of(last + 1, Math.min(frameCount - 1, Math.max(needLast + h, guess))));
      }
    }
    return subtract(joined(wanted), FrameRanges.coalesce(attempted));
  }

  /** The first keyframe before {@code frame} scoring below the exit threshold, less the reach; 0 when none. */
  private static long guessBefore(long[] keyframes, double[] scores, long frame, Rule rule) {
    int j = keyframes.length - 1;
    while (j >= 0 && keyframes[j] >= frame) {
      j--;
    }
    while (j >= 0 && !(scores[j] < rule.exitThreshold())) {
      j--;
    }
    return j >= 0 ? Math.max(0, keyframes[j] - rule.reach()) : 0;
  }

  /** The first keyframe after {@code frame} scoring below the exit threshold, plus the reach; else the tape's end. */
  private static long guessAfter(long[] keyframes, double[] scores, long frame, long frameCount, Rule rule) {
    int j = 0;
    while (j < keyframes.length && keyframes[j] <= frame) {
      j++;
    }
    while (j < keyframes.length && !(scores[j] < rule.exitThreshold())) {
      j++;
    }
    return j < keyframes.length ? Math.min(frameCount - 1, keyframes[j] + rule.reach()) : frameCount - 1;
  }

  private static long keyframeAtOrBefore(long[] keyframes, long frame) {
    int index = Arrays.binarySearch(keyframes, frame);
    if (index >= 0) {
      return frame;
    }
    int insertion = -index - 1;
    return insertion == 0 ? 0 : keyframes[insertion - 1];
  }

  /** Sorted ranges with overlapping and touching ones joined. */
  static List<FrameRange> joined(List<FrameRange> ranges) {
    List<FrameRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.naturalOrder());
    List<FrameRange> out = new ArrayList<>();
    for (FrameRange range : sorted) {
      FrameRange previous = out.isEmpty() ? null : out.get(out.size() - 1);
      if (previous != null && range.first() <= previous.last() + 1) {
        out.set(out.size() - 1, FrameRange.of(previous.first(), Math.max(previous.last(), range.last())));
      } else {
        out.add(range);
      }
    }
    return List.copyOf(out);
  }

  /** The stretches sorted, touching ones joined into one. */
  private static List<Stretch> joinedStretches(List<Stretch> scored, long frameCount) {
    List<Stretch> sorted = new ArrayList<>();
    for (Stretch stretch : Objects.requireNonNull(scored, "scored")) {
      if (stretch.scores().length == 0) {
        continue;
      }
      if (stretch.first() < 0 || stretch.last() >= frameCount) {
        throw new IllegalArgumentException("Cannot plan fast mode: a scored stretch lies outside the tape's frames 0.."
            + (frameCount - 1) + " (stretch " + stretch.first() + ".." + stretch.last() + ")");
      }
      sorted.add(stretch);
    }
    sorted.sort(Comparator.comparingLong(Stretch::first));
    List<Stretch> out = new ArrayList<>();
    for (Stretch stretch : sorted) {
      Stretch previous = out.isEmpty() ? null : out.get(out.size() - 1);
      if (previous != null && stretch.first() <= previous.last()) {
        throw new IllegalArgumentException("Cannot plan fast mode: scored stretches overlap (" + previous.first()
            + ".." + previous.last() + " and " + stretch.first() + ".." + stretch.last() + ")");
      }
      if (previous != null && stretch.first() == previous.last() + 1) {
        double[] both = Arrays.copyOf(previous.scores(), previous.scores().length + stretch.scores().length);
        System.arraycopy(stretch.scores(), 0, both, previous.scores().length, stretch.scores().length);
        out.set(out.size() - 1, new Stretch(previous.first(), both));
      } else {
        out.add(stretch);
      }
    }
    return out;
  }

  /** The frames of {@code ranges} outside {@code taken}; both sorted and disjoint. */
  private static List<FrameRange> subtract(List<FrameRange> ranges, List<FrameRange> taken) {
    List<FrameRange> out = new ArrayList<>();
    for (FrameRange range : ranges) {
      long next = range.first();
      for (FrameRange cut : taken) {
        if (cut.last() < next || cut.first() > range.last()) {
          continue;
        }
        if (cut.first() > next) {
          out.add(FrameRange.of(next, cut.first() - 1));
        }
        next = Math.max(next, cut.last() + 1);
      }
      if (next <= range.last()) {
        out.add(FrameRange.of(next, range.last()));
      }
    }
    return List.copyOf(out);
  }

  private static void check(long frameCount, long[] keyframes, double[] scores, Rule rule) {
    Objects.requireNonNull(keyframes, "keyframes");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(rule, "rule");
    if (frameCount < 0) {
      throw new IllegalArgumentException(
          "Cannot plan fast mode: the frame count must be 0 or more (frame-count=" + frameCount + ")");
    }
    if (keyframes.length != scores.length) {
      throw new IllegalArgumentException("Cannot plan fast mode: one score per keyframe is needed (keyframes="
          + keyframes.length + ", scores=" + scores.length + ")");
    }
    for (int i = 0; i < keyframes.length; i++) {
      if (keyframes[i] < 0 || keyframes[i] >= frameCount || (i > 0 && keyframes[i] <= keyframes[i - 1])) {
        throw new IllegalArgumentException("Cannot plan fast mode: keyframes must be strictly ascending frame"
            + " numbers below the frame count " + frameCount + " (keyframe[" + i + "]=" + keyframes[i] + ")");
      }
    }
  }
}
