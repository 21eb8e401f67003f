package io.dunkclip.jobs.cli;

/**
 * A command line the command cannot run with — an option value or setting it refuses before any work: exit status 2
 * (bad usage), reported in one line that names the value and the fix.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
