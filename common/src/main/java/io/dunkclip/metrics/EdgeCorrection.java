package io.dunkclip.metrics;

import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far inside the labelled clips the detected ones begin and end, measured on the validation tapes, so detect can
 * widen its clips by as much. A frame classifier is sure of a player only once enough of them is in the picture,
 * while a person labelling marks the first frame anything of them shows: measured on unseen sample tapes, every
 * detected clip began 1-3 frames after its label and ended 2-4 frames before it. How much depends on the model and on
 * the labelling habit, so it is measured, like the thresholds, on the validation tapes with the thresholds chosen.
 *
 * <p>Rule: the clips detect would find there (its clip policy without padding) are matched to the labelled clips at
 * IoU {@link EnterThreshold#IOU}; for each match, how many seconds the detected start lies after the labelled start
 * and the detected end before the labelled end. Each correction is the lower median of those, and never negative (a
 * model that starts early is left as it is rather than trimmed). No match, no correction.
 */
public final class EdgeCorrection {
  private EdgeCorrection() {}

  /**
   * The corrections and what they were measured on.
   *
   * @param beforeSeconds to add before each detected clip
   * @param afterSeconds to add after each detected clip
   * @param matches the matched validation clips measured
   */
  public record Correction(double beforeSeconds, double afterSeconds, int matches) {
    public static final Correction NONE = new Correction(0, 0, 0);
  }

  /**
   * The correction for clips found at {@code enter} and {@code exit} in {@code tapes}, whose frame rates are
   * {@code framesPerSecond} (same order).
   */
  public static Correction measure(List<EnterThreshold.Tape> tapes, double[] framesPerSecond, double enter,
      double exit) {
    if (framesPerSecond.length != tapes.size()) {
      throw new IllegalArgumentException("Cannot measure clip edges: " + tapes.size() + " tape(s) but "
          + framesPerSecond.length + " frame rate(s)");
    }
    List<Double> late = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    for (int i = 0; i < tapes.size(); i++) {
      EnterThreshold.Tape tape = tapes.get(i);
      double fps = framesPerSecond[i];
      if (!(fps > 0)) {
        throw new IllegalArgumentException("Cannot measure clip edges: tape " + i + " has no frame rate (fps="
            + fps + ")");
      }
      ClipPolicy policy = new ClipPolicy(enter, exit, tape.minFrames(), tape.maxGapFrames(), 0, 0);
      List<FrameRange> found = new ArrayList<>();
      for (Clip clip : ClipBuilder.clips(RunReducer.runs(0, tape.scores(), exit), tape.scores().length, policy)) {
        found.add(clip.range());
      }
      Map<String, List<FrameRange>> truth = new TreeMap<>();
      truth.put("tape", tape.truth());
      Map<String, List<FrameRange>> predicted = new TreeMap<>();
      predicted.put("tape", found);
      for (ClipMatch match : Evaluator.evaluate(truth, predicted, EnterThreshold.IOU).matches()) {
        late.add((match.predicted().first() - match.truth().first()) / fps);
        early.add((match.truth().last() - match.predicted().last()) / fps);
      }
    }
    if (late.isEmpty()) {
      return Correction.NONE;
    }
    return new Correction(Math.max(0, lowerMedian(late)), Math.max(0, lowerMedian(early)), late.size());
  }

  /** The lower of the two middle values (the middle one for an odd count). */
  static double lowerMedian(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((sorted.size() - 1) / 2);
  }
}
