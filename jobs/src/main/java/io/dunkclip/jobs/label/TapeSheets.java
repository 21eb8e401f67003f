package io.dunkclip.jobs.label;

import io.dunkclip.jobs.tapes.TapeError;
import java.io.Serializable;

/**
 * What one Spark task did for one tape: the sheets and thumbnails it wrote, and the error that stopped it early, or
 * null.
 */
record TapeSheets(String tape, int sheets, long thumbnails, TapeError error) implements Serializable {
  private static final long serialVersionUID = 1L;
}
