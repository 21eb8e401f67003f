package io.dunkclip.jobs.fs;

import io.dunkclip.dataset.LockOwner;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One writer of a dataset at a time: a lock file beside the dataset ({@code .NAME.lock}, hidden, so it is no part of
 * the dataset and survives the dataset being replaced as a whole), created atomically on the dataset's own
 * filesystem (a create that fails when the file exists: on HDFS the NameNode decides it, on local disks
 * {@code O_CREAT|O_EXCL}). It names its holder ({@link LockOwner}), which touches it every
 * {@link LockOwner#HEARTBEAT} and deletes it when done ({@link #close}).
 *
 * <p>A lock whose holder is gone ({@link LockOwner#staleReason}) is reclaimed without a race: the reclaimer first
 * creates {@code .NAME.lock.reclaim-<holder id>}, which only one process can, checks that the lock still names that
 * holder, deletes it and takes the lock as usual. A live lock refuses the run ({@link OutputRefusedException}: exit 2,
 * one line naming the holder and the lock file).
 */
public final class DatasetLock implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatasetLock.class);
  private static final int ATTEMPTS = 5;

  private final FileSystem fs;
  private final Path lock;
  private final LockOwner owner;
  private final ScheduledExecutorService heartbeat;

  private DatasetLock(FileSystem fs, Path lock, LockOwner owner) {
    this.fs = fs;
    this.lock = lock;
    this.owner = owner;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "dunkclip-lock-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    long period = LockOwner.HEARTBEAT.toMillis();
    heartbeat.scheduleAtFixedRate(this::touch, period, period, TimeUnit.MILLISECONDS);
  }

  /** The lock file of the dataset at {@code dataset} (qualified): a hidden sibling. */
  public static Path lockPath(Path dataset) {
    return new Path(dataset.getParent(), "." + dataset.getName() + ".lock");
  }

  /**
   * Takes the lock of the dataset at {@code dataset} for {@code command}, reclaiming a stale one; refuses with an
   * {@link OutputRefusedException} "Cannot {@code doing}: …" while another run holds it.
   *
   * @param doing what the caller cannot do while the lock is held, for the message ({@code write the extract output
   *     to frames})
   * @param setting the setting naming the dataset, for the message ({@code output=frames})
   */
  public static DatasetLock acquire(String command, String dataset, String doing, String setting,
      Configuration conf) {
    Path path = new Path(dataset);
    try {
      FileSystem fs = Outputs.withoutChecksumFiles(path.getFileSystem(conf));
      Path lock = lockPath(fs.makeQualified(path));
      LockOwner mine = new LockOwner(UUID.randomUUID().toString(), command, System.getProperty("user.name", ""),
          thisHost(), ProcessHandle.current().pid(), LocalProcesses.start(ProcessHandle.current()), Instant.now());
      byte[] text = mine.write().getBytes(StandardCharsets.UTF_8);
      fs.mkdirs(lock.getParent());
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (createNew(fs, lock, text)) {
          return new DatasetLock(fs, lock, mine);
        }
        Held held = read(fs, lock);
        if (held == null) {
          continue; // released meanwhile
        }
        Optional<String> stale = LockOwner.staleReason(held.owner(), held.touched(), Instant.now(), mine.host(),
            LocalProcesses::running);
        if (stale.isEmpty()) {
          throw new OutputRefusedException("Cannot " + doing + ": another run is writing it ("
              + held.owner().map(LockOwner::describe).orElse("a run that is taking the lock now") + "; lock "
              + Outputs.display(lock) + ") (" + setting + "); wait for that run to end and start this one again, or"
              + " delete " + Outputs.display(lock) + " if that run is gone");
        }
        reclaim(fs, lock, held, stale.get());
      }
      throw new OutputRefusedException("Cannot " + doing + ": its lock " + Outputs.display(lock) + " could not be"
          + " taken in " + ATTEMPTS + " tries (" + setting + "); if no other run is writing it, delete "
          + Outputs.display(lock) + " and any " + lock.getName() + ".reclaim-* beside it (left by a run killed while it"
          + " took over a stale lock), then start this run again");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot " + doing + ": cannot take its lock: " + e.getMessage() + " ("
          + setting + ")", e);
    }
  }

  /** Stops touching the lock and deletes it, unless another run has taken it over meanwhile. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Held held = read(fs, lock);
      if (held != null && held.owner().map(o -> o.id().equals(owner.id())).orElse(false)) {
        fs.delete(lock, false);
      } else {
        LOG.warn("Not deleting {}: it no longer names this run ({})", lock, owner.describe());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock " + Outputs.display(lock) + ": " + e.getMessage()
          + "; delete it by hand (lock=" + Outputs.display(lock) + ")", e);
    }
  }

  private void touch() {
    try {
      fs.setTimes(lock, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // Not fatal: another host may take the lock for stale after LockOwner.MAX_SILENCE, so say so.
      LOG.warn("Cannot touch the lock {}: {}; another host may take it for stale after {}", lock, e.toString(),
          LockOwner.MAX_SILENCE);
    }
  }

  /** A lock file as read: whom it names (if it names anyone) and when it was last touched. */
  private record Held(Optional<LockOwner> owner, Instant touched) {
    /** What identifies this lock: its holder's id, or for a file that names none, its time. */
    String identity() {
      return owner.map(LockOwner::id).orElse("unnamed-" + touched.toEpochMilli());
    }
  }

  /**
   * Deletes the stale lock {@code held}: only the process that creates the reclaim file for that holder may, and it
   * deletes the lock only while the lock still is that holder's.
   */
  private static void reclaim(FileSystem fs, Path lock, Held held, String reason) throws IOException {
    Path claim = new Path(lock.getParent(), lock.getName() + ".reclaim-" + held.identity());
    if (!createNew(fs, claim, ("reclaiming " + held.identity() + "\n").getBytes(StandardCharsets.UTF_8))) {
      pause(); // another run is reclaiming it: look again in a moment
      return;
    }
    try {
      Held now = read(fs, lock);
      if (now != null && now.identity().equals(held.identity())) {
        LOG.warn("Taking over the lock {} of {}: {}", Outputs.display(lock), held.owner().map(LockOwner::describe)
            .orElse("a run that never wrote it"), reason);
        fs.delete(lock, false);
      }
    } finally {
      fs.delete(claim, false);
    }
  }

  /** Reads the lock; null when there is none. */
  private static Held read(FileSystem fs, Path lock) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(lock);
      String text;
      try (InputStream in = fs.open(lock)) {
        text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      return new Held(LockOwner.parse(text), Instant.ofEpochMilli(status.getModificationTime()));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Creates {@code path} with {@code content}; false when it exists. Atomic: Hadoop's local filesystem checks and
   * then creates, so local files are created by {@code O_CREAT|O_EXCL} instead.
   */
  private static boolean createNew(FileSystem fs, Path path, byte[] content) throws IOException {
    if (fs instanceof RawLocalFileSystem local) {
      java.nio.file.Path file = local.pathToFile(path).toPath();
      OutputStream out;
      try {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
      write(fs, path, out, content);
      return true;
    }
    OutputStream out;
    try {
      out = fs.create(path, false);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
    write(fs, path, out, content);
    return true;
  }

  private static void write(FileSystem fs, Path path, OutputStream out, byte[] content) throws IOException {
    try (out) {
      out.write(content);
    } catch (IOException | RuntimeException e) {
      fs.delete(path, false);
      throw e;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a lock", e);
    }
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      LOG.warn("Cannot find this host's name ({}): locks are judged by their age only", e.getMessage());
      return "";
    }
  }
}
