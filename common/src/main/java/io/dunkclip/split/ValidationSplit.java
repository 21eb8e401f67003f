package io.dunkclip.split;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which labelled frames validate rather than train.
 *
 * <p>With two or more tapes, whole tapes are held out: {@code round(fraction * tapes)} of them (at least one, and
 * at least one tape left to train on), chosen by a seeded shuffle so reruns agree. With a single tape, the last
 * {@code fraction} of its frames form one contiguous validation block.
 *
 * @param validationTapes tapes held out whole
 * @param blockStartByTape for a single tape: the first frame of its validation block
 */
public record ValidationSplit(Set<String> validationTapes, Map<String, Long> blockStartByTape)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static ValidationSplit of(Map<String, Long> frameCountsByTape, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "Cannot split for validation: the fraction must be between 0 and 1 (validation-fraction=" + fraction + ")");
    }
    if (frameCountsByTape.isEmpty()) {
      throw new IllegalArgumentException("Cannot split for validation: there are no labelled tapes");
    }
    List<String> tapes = new ArrayList<>(new TreeSet<>(frameCountsByTape.keySet()));
    if (tapes.size() == 1) {
      String tape = tapes.get(0);
      long frames = frameCountsByTape.get(tape);
      long start = Math.max(1, Math.round(frames * (1 - fraction)));
      return new ValidationSplit(Set.of(), Map.of(tape, start));
    }
    Collections.shuffle(tapes, new Random(seed));
    int held = (int) Math.max(1, Math.min(tapes.size() - 1, Math.round(fraction * tapes.size())));
    return new ValidationSplit(Set.copyOf(tapes.subList(0, held)), Map.of());
  }

  public boolean isValidation(String tape, long frame) {
    if (validationTapes.contains(tape)) {
      return true;
    }
    Long blockStart = blockStartByTape.get(tape);
    return blockStart != null && frame >= blockStart;
  }

  public String describe() {
    if (!validationTapes.isEmpty()) {
      return "by tape: validating on " + new TreeSet<>(validationTapes);
    }
    return "by block: validating on frames from " + blockStartByTape;
  }
}
