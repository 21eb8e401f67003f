package io.dunkclip.jobs.tapes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Gives FFmpeg a local file for a tape. Local tapes are used in place; a tape on HDFS or S3 is copied once per
 * executor JVM into a cache keyed by its location, size and modification time, so the segments of one tape that run
 * on the same executor share one copy instead of fetching the tape once per segment.
 */
public final class LocalTapes {
  private static final ConcurrentHashMap<String, Path> CACHE = new ConcurrentHashMap<>();

  private LocalTapes() {}

  public static Path localFile(TapeRef tape, Configuration conf) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(tape.uri());
    if ("file".equals(path.toUri().getScheme())) {
      return Path.of(path.toUri());
    }
    String key = tape.uri() + "|" + tape.size() + "|" + tape.modificationTime();
    return CACHE.computeIfAbsent(key, k -> copy(tape, path, conf));
  }

  private static Path copy(TapeRef tape, org.apache.hadoop.fs.Path path, Configuration conf) {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dunkclip-tapes");
      Files.createDirectories(dir);
      String hash = UUID.nameUUIDFromBytes(tape.uri().getBytes(StandardCharsets.UTF_8)).toString();
      Path target = dir.resolve(hash + "-" + tape.name());
      Path partial = dir.resolve(hash + "-" + UUID.randomUUID() + ".part");
      FileSystem fs = path.getFileSystem(conf);
      try (InputStream in = fs.open(path)) {
        Files.copy(in, partial);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      target.toFile().deleteOnExit();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy tape " + tape.uri() + " to local disk for decoding: "
          + e.getMessage(), e);
    }
  }
}
