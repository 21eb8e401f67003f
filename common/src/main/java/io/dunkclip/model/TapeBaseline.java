package io.dunkclip.model;

import java.util.Collection;

/**
 * Scores relative to a tape's own empty court. A fixed camera gives every tape an empty scene, its background; the
 * model's score of that picture is how the model rates "nobody here" on this tape. On tapes it was not trained on, a
 * model's scores for the empty court drift as a whole (measured on unseen sample tapes: empty frames at 0.21 and 0.29
 * where the validation tape's sat at 0.15, while players still scored far above each tape's own level), and one
 * threshold for all tapes then either swallows a tape's empty court or misses another's players. The model's score of
 * the background tracked the median score of the tape's empty frames within 0.02 on every tape measured.
 *
 * <p>So each tape's scores are moved, in logit space, by the distance between the model's score of that tape's
 * background and the reference level: the mean logit of its validation tapes' backgrounds, stored in the model. On the
 * validation tapes themselves the move is (about) nothing, so thresholds calibrated there keep their meaning; on an
 * unseen tape a frame that scores like its empty court scores like the validation tapes' empty court. The move is
 * monotone within a tape, so it never reorders one tape's frames; it only lines tapes up with each other.
 *
 * <p>A background marked unreliable (most samples busy: the median may hold a person) is not used as the empty
 * level: its tape keeps the model's raw scores.
 */
public final class TapeBaseline {
  /** Probabilities are kept this far from 0 and 1 before taking logits, so a saturated score stays finite. */
  static final double EDGE = 1e-6;

  private TapeBaseline() {}

  /**
   * A tape's empty level as a model saw it: its raw score of the tape's background, and the logit offset added to the
   * tape's scores (0: raw scores).
   */
  public record Level(double backgroundScore, double offset) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** How the report and logs put it. */
    public String describe() {
      String score = String.format(java.util.Locale.ROOT, "%.3f", backgroundScore);
      if (offset == 0) {
        return "the model scores this empty court " + score + "; scores as the model gives them";
      }
      return String.format(java.util.Locale.ROOT, "the model scores this empty court %s; this tape's scores are moved"
          + " by %+.2f (logit) to the validation tapes' empty level", score, offset);
    }
  }

  /** {@code log(p / (1 - p))}, with {@code p} kept within [{@link #EDGE}, 1 - {@link #EDGE}]. */
  public static double logit(double p) {
    double clamped = Math.min(1 - EDGE, Math.max(EDGE, p));
    return Math.log(clamped / (1 - clamped));
  }

  /** {@code 1 / (1 + exp(-x))}. */
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * The reference level: the mean logit of {@code backgroundScores} (the model's scores of reliable validation
   * backgrounds). Null when there are none: the model then scores raw.
   */
  public static Double reference(Collection<? extends Number> backgroundScores) {
    if (backgroundScores.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Number score : backgroundScores) {
      sum += logit(score.doubleValue());
    }
    return sum / backgroundScores.size();
  }

  /**
   * The logit offset for a tape whose background the model scores {@code backgroundScore}: {@code reference -
   * logit(backgroundScore)}; 0 when there is no reference (an older model) or the background is unreliable.
   */
  public static double offset(Double reference, double backgroundScore, boolean reliable) {
    if (reference == null || !reliable) {
      return 0;
    }
    return reference - logit(backgroundScore);
  }

  /** {@code score} moved by {@code offset} in logit space; unchanged when {@code offset} is 0. */
  public static float shift(float score, double offset) {
    if (offset == 0) {
      return score;
    }
    return (float) sigmoid(logit(score) + offset);
  }
}
