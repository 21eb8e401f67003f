package io.dunkclip.jobs.tapes;

import java.io.Serializable;

/**
 * A tape that failed, with the reason, for the job's errors output. Failures are reported and counted, never
 * skipped silently.
 *
 * @param stage where it failed: {@code list}, {@code probe}, {@code decode}, {@code render}
 * @param framesDone frames processed before the failure (frames before damage are kept)
 */
public record TapeError(String tape, String uri, String stage, String reason, long framesDone)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A tape of the input that cannot be read at all (missing, not a file): stage {@code list}, its problem. */
  public static TapeError unlisted(TapeRef tape) {
    return new TapeError(tape.name(), tape.uri(), "list", tape.problem(), 0);
  }

  public String describe() {
    return tape + " (" + uri + "): " + reason;
  }
}
