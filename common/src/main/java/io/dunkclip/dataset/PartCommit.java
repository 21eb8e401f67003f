package io.dunkclip.dataset;

import java.util.List;

/**
 * Which renames of one part (a tape's partition directory) an update still owes, judged only from what exists, so
 * the same rule finishes a commit the first time and after a crash at any point. A part moves in three steps:
 * the live copy is renamed aside to a hidden name, the staged copy is renamed in, the aside copy is deleted. A reader
 * therefore sees the old part, then briefly none, then the new one: never both.
 */
public final class PartCommit {
  private PartCommit() {}

  /**
   * The hidden name the live copy of {@code part} has while it is being replaced: Spark, Hadoop and the frames
   * readers skip names that start with a dot.
   */
  public static String asideName(String part) {
    return "." + part + ".replaced";
  }

  /** One filesystem step of replacing a part. */
  public enum Step {
    /** Rename the live part to its hidden aside name. */
    MOVE_ASIDE,
    /** Rename the staged part to the live name. */
    MOVE_IN,
    /** Delete the aside copy (the old rows). */
    DELETE_ASIDE
  }

  /**
   * The steps still due for {@code part}, in order, given whether its staged copy, its live copy and its aside copy
   * exist now. Throws when the three cannot come from these steps (a part deleted or copied by hand): guessing there
   * could drop the only copy of a tape's frames.
   */
  public static List<Step> remaining(String part, boolean staged, boolean live, boolean aside) {
    if (staged && !aside) {
      return live ? List.of(Step.MOVE_ASIDE, Step.MOVE_IN, Step.DELETE_ASIDE) : List.of(Step.MOVE_IN);
    }
    if (staged && !live) {
      return List.of(Step.MOVE_IN, Step.DELETE_ASIDE);
    }
    if (!staged && live) {
      return aside ? List.of(Step.DELETE_ASIDE) : List.of();
    }
    throw new IllegalStateException("Cannot finish the update of part " + part + ": found staged=" + staged
        + " live=" + live + " aside=" + aside + ", which no step of an update leaves; compare the staged, live and"
        + " aside copies by hand, keep one as the live part and delete the update journal");
  }
}
