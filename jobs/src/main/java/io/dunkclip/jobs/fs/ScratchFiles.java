package io.dunkclip.jobs.fs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Local scratch space of one run in one JVM: {@code <java.io.tmpdir>/dunkclip-scratch/<host>-<pid>-<run id>/}. Each
 * file is deleted by its user in a finally; the folder of a JVM that has ended (a killed run included) is deleted by
 * the next run on the same host that opens its own: a folder of this host whose process no longer runs is provably
 * abandoned. Folders of other hosts (a shared temp directory) are left alone.
 */
public final class ScratchFiles {
  /** Where every run's scratch folder goes. */
  public static final String ROOT_NAME = "dunkclip-scratch";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScratchFiles.class);

  private ScratchFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("java.io.tmpdir"), ROOT_NAME);
  }

  /** This JVM's scratch folder for run {@code runId}, created if needed, after removing abandoned ones. */
  public static synchronized Path runDir(String runId) {
    Path root = root();
    String host = host();
    Path dir = root.resolve(host + "-" + ProcessHandle.current().pid() + "-" + runId);
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Files.createDirectories(root);
      sweep(root, host);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch folder " + dir + ": " + e.getMessage()
          + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + ")", e);
    }
  }

  /** Deletes the scratch folder of {@code runId} in this JVM, if any (at the end of a run, in a finally). */
  public static void deleteRunDir(String runId) {
    deleteTree(root().resolve(host() + "-" + ProcessHandle.current().pid() + "-" + runId));
  }

  private static void sweep(Path root, String host) throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(host + "-")) {
          continue;
        }
        String rest = name.substring(host.length() + 1);
        int dash = rest.indexOf('-');
        if (dash <= 0 || !rest.substring(0, dash).matches("\\d+")) {
          continue;
        }
        long pid = Long.parseLong(rest.substring(0, dash));
        if (!LocalProcesses.running(pid, "")) {
          LOG.info("Removing the scratch folder of an ended run (pid {} no longer runs): {}", pid, dir);
          deleteTree(dir);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Only disk space in the temp directory: the run's own result is not affected. Said, not hidden.
      LOG.warn("Could not delete scratch folder {}", dir, e);
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.]", "_");
    } catch (IOException e) {
      LOG.debug("No host name; scratch folders are named for localhost", e);
      return "localhost";
    }
  }
}
