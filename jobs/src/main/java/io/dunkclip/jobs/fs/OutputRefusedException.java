package io.dunkclip.jobs.fs;


/**
 * A command refused its output before doing any work ({@link OutputGuard}): the output is an input or holds one, is a
 * file, holds what the command cannot prove it wrote, or cannot be written. A usage error: the command line exits 2
 * with this one-line message, which names the path and the fix.
 */
public final class OutputRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OutputRefusedException(String message) {
    super(message);
  }
}
