package io.dunkclip.jobs.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Commits outputs so that no reader (or rerun) ever sees a half-written result under its final name: everything is
 * written to a hidden temporary sibling ({@code .name.tmp-<id>}) and renamed into place at the end. On HDFS and local
 * disks the final rename is atomic; object stores (S3) have no atomic rename, which is why files there are written in
 * one piece by the S3A committer-free path below and directories are replaced as a whole.
 */
public final class Outputs {
  /**
   * A hidden {@code .NAME.tmp-*} or {@code .NAME.old-*} sibling of an output in which nothing changed for this long is
   * a killed run's leftover, deleted by the next run that writes NAME (a live run writes into its own within minutes).
   */
  public static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(24);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outputs.class);

  private Outputs() {}

  /** Something that writes a file's bytes. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Something that writes a directory (a Spark dataset and the files beside it) at a path that does not exist yet. */
  @FunctionalInterface
  public interface DirectoryWriter<R> {
    R write(String directory) throws IOException;
  }

  /**
   * Writes the directory {@code target} atomically, replacing any earlier one: {@code writer} fills a hidden sibling,
   * which then takes {@code target}'s place. When the writer fails the half-written sibling is deleted and the
   * failure passes on unchanged. Returns what the writer returned.
   */
  public static <R> R writeDirectory(String target, Configuration conf, DirectoryWriter<R> writer) {
    Path path = new Path(target);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      Path temp = freshTemporarySibling(fs, qualified);
      try {
        R result = writer.write(temp.toString());
        replace(fs, conf, temp, qualified);
        return result;
      } catch (Exception e) {
        // Exception, not only IOException and RuntimeException: a failed Spark job throws SparkException, which is
        // checked but undeclared. Rethrown as it is (precise rethrow keeps the declared types).
        deleteAfterFailure(fs, temp, e);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the half-written hidden {@code temp} after {@code failure}: it is unreachable under its hidden name, so
   * remove it rather than leave it to pile up. A failure to delete is added to {@code failure}, which the caller
   * rethrows.
   */
  public static void deleteAfterFailure(FileSystem fs, Path temp, Exception failure) {
    try {
      fs.delete(temp, true);
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  /** Writes {@code target} atomically, replacing any earlier file of that name. */
  public static void writeFile(String target, Configuration conf, Writer writer) {
    Path path = new Path(target);
    try {
      FileSystem fs = withoutChecksumFiles(path.getFileSystem(conf));
      Path temp = temporarySibling(fs.makeQualified(path));
      fs.mkdirs(temp.getParent());
      try (OutputStream out = create(fs, temp, true)) {
        writer.write(out);
      } catch (IOException | RuntimeException e) {
        fs.delete(temp, false);
        throw e;
      }
      replace(fs, conf, temp, fs.makeQualified(path));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * On local disks Hadoop writes a {@code .name.crc} beside every file; a folder of clips a person opens should hold
   * the clips, so single files go through the raw local filesystem (HDFS and S3 keep their own checksums).
   */
  public static FileSystem withoutChecksumFiles(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /**
   * Opens {@code path} on {@code fs} for writing, replacing any file there when {@code overwrite}, creating its
   * folders. On a local disk it writes through the JDK: without Hadoop's native library (not shipped here) Hadoop's
   * local filesystem sets every new file's permissions by starting a {@code chmod} process, which was the largest
   * cost of exporting a training epoch's minibatches (one file each) after the fitting itself. The file gets the
   * permissions the process's umask gives, as with Hadoop, and no {@code .crc} sibling; an old one is deleted so that
   * Hadoop's checksummed reader does not check the new bytes against it. Elsewhere (HDFS, S3) Hadoop writes it.
   */
  public static OutputStream create(FileSystem fs, Path path, boolean overwrite) throws IOException {
    Path qualified = fs.makeQualified(path);
    if (!"file".equals(qualified.toUri().getScheme())) {
      return fs.create(qualified, overwrite);
    }
    java.nio.file.Path file = Paths.get(qualified.toUri());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    return overwrite ? Files.newOutputStream(file)
        : Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /**
   * Deletes the hidden {@code .NAME.tmp-*} and {@code .NAME.old-*} siblings of {@code target} in which no file or
   * folder was modified for {@link #ABANDONED_AFTER} before {@code now}: what killed runs left. Others are kept (a
   * run may be writing them).
   */
  public static void deleteAbandonedSiblings(FileSystem fs, Path target, long now) throws IOException {
    Path parent = target.getParent();
    if (parent == null || !fs.exists(parent)) {
      return;
    }
    String tmp = "." + target.getName() + ".tmp-";
    String old = "." + target.getName() + ".old-";
    for (org.apache.hadoop.fs.FileStatus sibling : fs.listStatus(parent)) {
      String name = sibling.getPath().getName();
      if ((name.startsWith(tmp) || name.startsWith(old))
          && newestModification(fs, sibling) < now - ABANDONED_AFTER.toMillis()) {
        LOG.info("Removing {}: left by a killed run (nothing in it changed for {} hours)", sibling.getPath(),
            ABANDONED_AFTER.toHours());
        fs.delete(sibling.getPath(), true);
      }
    }
  }

  private static long newestModification(FileSystem fs, org.apache.hadoop.fs.FileStatus status) throws IOException {
    long newest = status.getModificationTime();
    if (status.isDirectory()) {
      for (org.apache.hadoop.fs.FileStatus child : fs.listStatus(status.getPath())) {
        newest = Math.max(newest, newestModification(fs, child));
      }
    }
    return newest;
  }

  /**
   * A hidden name beside {@code target} to write into, after deleting the siblings killed runs left there
   * ({@link #deleteAbandonedSiblings}): what every command that writes a directory through a hidden sibling calls.
   */
  public static Path freshTemporarySibling(FileSystem fs, Path target) throws IOException {
    deleteAbandonedSiblings(fs, target, System.currentTimeMillis());
    return temporarySibling(target);
  }

  /** A path as the user wrote it, for messages: local files without their {@code file:} scheme. */
  public static String display(Path path) {
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
  }

  /** A hidden name beside {@code target} that Spark and Hadoop readers skip (leading dot). */
  public static Path temporarySibling(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Moves {@code temp} (file or directory) to {@code target}, replacing what was there. A directory that already
   * exists is first moved aside and deleted after the swap, so a reader sees either the old or the new result.
   */
  public static void replace(FileSystem fs, Configuration conf, Path temp, Path target) throws IOException {
    if (fs.getFileStatus(temp).isFile()) {
      FileContext context = FileContext.getFileContext(target.toUri(), conf);
      context.rename(temp, target, Options.Rename.OVERWRITE);
      return;
    }
    Path old = null;
    if (fs.exists(target)) {
      old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
      if (!fs.rename(target, old)) {
        throw new IOException("could not move the previous " + target + " aside");
      }
    }
    if (!fs.rename(temp, target)) {
      throw new IOException("could not rename " + temp + " to " + target);
    }
    if (old != null) {
      fs.delete(old, true);
    }
  }

  public static void mkdirs(String dir, Configuration conf) {
    Path path = new Path(dir);
    try {
      path.getFileSystem(conf).mkdirs(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Joins a directory (any Hadoop URI or local path) and a child name. */
  public static String child(String dir, String name) {
    return new Path(new Path(dir), name).toString();
  }
}
