package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * SHA-256 of tape files, one Spark task per tape (the driver never reads a tape). Only tapes that are new or whose
 * size or modification time changed are checksummed: reading every archive tape every night would cost as much I/O
 * as decoding them.
 */
final class Checksums {
  private Checksums() {}

  /** A tape's checksum, or why its bytes could not be read. */
  record Checksum(String video, String sha256, String error) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static Map<String, Checksum> compute(JavaSparkContext sc, List<TapeRef> tapes, HadoopConf conf) {
    Map<String, Checksum> byVideo = new LinkedHashMap<>();
    if (tapes.isEmpty()) {
      return byVideo;
    }
    sc.setJobDescription("dunkclip: nightly checksums of " + tapes.size() + " new or changed tape(s)");
    for (Checksum checksum : sc.parallelize(tapes, tapes.size()).map(tape -> checksum(tape, conf)).collect()) {
      byVideo.put(checksum.video(), checksum);
    }
    return byVideo;
  }

  private static Checksum checksum(TapeRef tape, HadoopConf conf) {
    Path path = new Path(tape.uri());
    try (InputStream in = path.getFileSystem(conf.get()).open(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
      return new Checksum(tape.name(), HexFormat.of().formatHex(digest.digest()), null);
    } catch (IOException e) {
      return new Checksum(tape.name(), "", "cannot be read: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
