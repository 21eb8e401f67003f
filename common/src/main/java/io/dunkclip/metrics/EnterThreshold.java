package io.dunkclip.metrics;

import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The clip-level operating point: the enter threshold of detect's hysteresis (a run of frames scoring at least the
 * exit threshold becomes a clip only when some frame of it reaches the enter threshold), chosen on the validation
 * tapes after the frame-level threshold ({@link OperatingPoint}) has fixed the exit threshold.
 *
 * <p>Which clips the validation tapes give changes only where the enter threshold passes a run's best score. Over
 * those steps, take the highest one with the best clip F1 (IoU {@link #IOU}) and the middle of it: halfway between
 * the weakest peak it keeps and the strongest peak below that (or the exit threshold). So a short, weak run of a ball
 * or a shadow is dropped when the validation tapes show one, and otherwise the enter threshold keeps as much margin
 * below the weakest true clip's peak as above the exit threshold.
 */
public final class EnterThreshold {
  /** Temporal IoU at which a clip matches a labelled one, as evaluate's default. */
  public static final double IOU = 0.5;

  private EnterThreshold() {}

  /**
   * A validation tape: every frame's score in order, its labelled clips, and the clip policy's frame counts at its
   * frame rate.
   */
  public record Tape(double[] scores, List<FrameRange> truth, long minFrames, long maxGapFrames) {
    public Tape {
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(truth, "truth");
    }
  }

  /**
   * The chosen enter threshold and its step {@code (stepLow, stepHigh]}.
   *
   * @param clipF1 the validation clip F1 at the chosen threshold, the best of all steps
   */
  public record Choice(double enter, double stepLow, double stepHigh, double clipF1) {}

  /** The choice for {@code tapes} at {@code exit}; with no run above {@code exit} at all, the enter is the exit. */
  public static Choice choose(List<Tape> tapes, double exit) {
    List<List<ScoreRun>> runs = new ArrayList<>();
    TreeSet<Double> peaks = new TreeSet<>();
    for (Tape tape : tapes) {
      List<ScoreRun> tapeRuns = RunReducer.runs(0, tape.scores(), exit);
      runs.add(tapeRuns);
      tapeRuns.forEach(run -> peaks.add(run.maxScore()));
    }
    if (peaks.isEmpty()) {
      return new Choice(exit, exit, exit, clipF1(tapes, runs, exit, exit));
    }
    // Steps in ascending order: enter in (previous peak, peak] keeps the runs peaking at >= peak; above the highest
    // peak (when it is below 1) no run is kept, the step (highest peak, 1].
    List<Double> steps = new ArrayList<>(peaks);
    if (peaks.last() < 1.0) {
      steps.add(1.0);
    }
    int best = -1;
    double bestF1 = -1;
    for (int k = 0; k < steps.size(); k++) {
      double enter = k < peaks.size() ? steps.get(k) : Math.nextUp(peaks.last());
      double f1 = clipF1(tapes, runs, enter, exit);
      if (f1 >= bestF1) { // >=: among equals the higher step wins
        bestF1 = f1;
        best = k;
      }
    }
    double high = steps.get(best);
    double low = best == 0 ? exit : steps.get(best - 1);
    return new Choice(Math.max(exit, (low + high) / 2), low, high, bestF1);
  }

  private static double clipF1(List<Tape> tapes, List<List<ScoreRun>> runs, double enter, double exit) {
    Map<String, List<FrameRange>> truth = new LinkedHashMap<>();
    Map<String, List<FrameRange>> predicted = new LinkedHashMap<>();
    for (int i = 0; i < tapes.size(); i++) {
      Tape tape = tapes.get(i);
      ClipPolicy policy = new ClipPolicy(enter, exit, tape.minFrames(), tape.maxGapFrames(), 0, 0);
      List<FrameRange> clips = new ArrayList<>();
      for (Clip clip : ClipBuilder.clips(runs.get(i), tape.scores().length, policy)) {
        clips.add(clip.range());
      }
      truth.put(String.valueOf(i), tape.truth());
      predicted.put(String.valueOf(i), clips);
    }
    return Evaluator.evaluate(truth, predicted, IOU).clips().f1();
  }
}
