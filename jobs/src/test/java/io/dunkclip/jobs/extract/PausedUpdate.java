package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.cli.DunkclipCli;
import io.dunkclip.jobs.fs.JournaledCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dunkclip command line, run in a child JVM by a test that kills it: after commit step N of an
 * {@code extract --update} it writes a marker file and waits for good, so the test's {@code kill -9} lands exactly
 * between two steps. Arguments: N, the marker file, then the command line.
 */
public final class PausedUpdate {
  private PausedUpdate() {}

  public static void main(String[] args) throws InterruptedException {
    int pauseAfter = Integer.parseInt(args[0]);
    Path marker = Path.of(args[1]);
    AtomicInteger steps = new AtomicInteger();
    JournaledCommit.afterStep = () -> {
      if (steps.incrementAndGet() == pauseAfter) {
        try {
          Files.writeString(marker, "paused after commit step " + pauseAfter);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write the marker " + marker + ": " + e.getMessage(), e);
        }
        waitForTheKill();
      }
    };
    DunkclipCli.main(Arrays.copyOfRange(args, 2, args.length));
  }

  private static void waitForTheKill() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to be killed", e);
    }
  }
}
