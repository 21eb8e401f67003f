package io.dunkclip.video;

/**
 * A tape that cannot be read (or read to its end). Carries the tape's location and a reason a person can act on,
 * so the batch can report it and go on with the other tapes.
 */
public final class TapeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String tape;
  private final String reason;

  public TapeException(String tape, String reason) {
    this(tape, reason, null);
  }

  public TapeException(String tape, String reason, Throwable cause) {
    super("Cannot read tape " + tape + ": " + reason, cause);
    this.tape = tape;
    this.reason = reason;
  }

  /** The tape's location as the user gave it (a path or URI). */
  public String tape() {
    return tape;
  }

  /** Why it cannot be read, without the location. */
  public String reason() {
    return reason;
  }
}
