package io.dunkclip.jobs.cli;

import io.dunkclip.format.CsvFormatException;
import io.dunkclip.jobs.fs.OutputRefusedException;
import io.dunkclip.video.TapeException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code dunkclip <command> [options]}. Exit status: 0 all good, 1 the command failed (message on stderr), 2 bad
 * usage (an unknown option, or an output refused before any work: {@link OutputRefusedException}), 3 it finished but
 * some tapes or clips failed (listed, and in the errors output), 4 the quickstart's clips did not match the sample
 * truth, 5 nothing done: no tape could be read (or a nightly run in which every tape it tried failed).
 */
@Command(name = "dunkclip", mixinStandardHelpOptions = true, version = "dunkclip 0.1.0",
    description = "Cut one clip per dunk out of long half-court tapes, on Spark.",
    subcommands = {Commands.Sample.class, Commands.Extract.class, LabelCommand.class, Commands.Train.class,
        Commands.Detect.class, Commands.Render.class, Commands.Report.class, Commands.Evaluate.class,
        Commands.Quickstart.class, Commands.Nightly.class})
public final class DunkclipCli implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DunkclipCli.class);
  /** Exit status of bad usage: picocli's for what it parses, and ours for values a command refuses before work. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
        + spec.subcommands().keySet());
  }

  /** Runs a command line and returns its exit status; {@link #main} is the only place that exits. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new DunkclipCli());
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      Throwable cause = error;
      if (cause instanceof UsageException || cause instanceof OutputRefusedException) {
        cmd.getErr().println("dunkclip " + cmd.getCommandName() + ": " + cause.getMessage());
        LOG.debug("Bad usage", cause);
        return USAGE;
      }
      if (isUserError(cause)) {
        cmd.getErr().println("dunkclip " + cmd.getCommandName() + ": " + cause.getMessage());
        LOG.debug("Command failed", cause);
      } else {
        LOG.error("dunkclip {} failed", cmd.getCommandName(), cause);
        cmd.getErr().println("dunkclip " + cmd.getCommandName() + ": failed: " + cause);
      }
      return 1;
    });
    return commandLine.execute(args);
  }

  static boolean isUserError(Throwable error) {
    return error instanceof IllegalArgumentException || error instanceof CsvFormatException
        || error instanceof UncheckedIOException || error instanceof TapeException;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
