package io.dunkclip.jobs.tapes;

import java.io.Serializable;

/** One Spark task's share of a tape: frames {@code first..last}, inclusive. */
public record TapeSegment(TapeRef tape, long first, long last) implements Serializable {
  private static final long serialVersionUID = 1L;
}
