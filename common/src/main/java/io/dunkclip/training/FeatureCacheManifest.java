package io.dunkclip.training;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The manifest of a committed feature cache, written last into its directory: the key it was built for, the tapes
 * whose frames it holds (each with a fingerprint of that tape's frame files, which a re-extract of the tape changes),
 * and every data file with its length. A cache is trusted only when its manifest parses, names the same key and the
 * same fingerprints as the run's, and every listed file is there with its length: a half-copied or tampered cache
 * (on stores without an atomic rename) then fails the check instead of being read.
 *
 * <p>Format: text lines, {@code key.NAME=VALUE} for the key's fields, {@code tape=NAME FINGERPRINT},
 * {@code file=NAME LENGTH} and {@code rows=N}; names are URL-encoded (so they hold no space or line break).
 *
 * @param key the key's fields ({@link FeatureCacheKey#fields})
 * @param tapes tape name to the fingerprint of its frame files
 * @param files data file name (relative to the cache directory) to its length in bytes
 * @param rows cached (frame, view) rows
 */
public record FeatureCacheManifest(Map<String, String> key, SortedMap<String, String> tapes,
    SortedMap<String, Long> files, long rows) {
  /** The manifest's file name inside the cache directory (leading underscore: Spark's readers skip it). */
  public static final String FILE_NAME = "_manifest.txt";

  public FeatureCacheManifest {
    key = Map.copyOf(key);
    tapes = new TreeMap<>(tapes);
    files = new TreeMap<>(files);
  }

  public static FeatureCacheManifest of(FeatureCacheKey key, Map<String, String> tapes, Map<String, Long> files,
      long rows) {
    return new FeatureCacheManifest(key.fields(), new TreeMap<>(tapes), new TreeMap<>(files), rows);
  }

  /** Whether this cache was built for {@code wanted} and holds exactly the frames of {@code wantedTapes}. */
  public boolean serves(FeatureCacheKey wanted, Map<String, String> wantedTapes) {
    return key.equals(wanted.fields()) && tapes.equals(new TreeMap<>(wantedTapes));
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(key).forEach((name, value) -> text.append("key.").append(name).append('=').append(value)
        .append('\n'));
    tapes.forEach((name, print) -> text.append("tape=").append(encode(name)).append(' ').append(print).append('\n'));
    files.forEach((name, length) -> text.append("file=").append(encode(name)).append(' ').append(length)
        .append('\n'));
    text.append("rows=").append(rows).append('\n');
    return text.toString();
  }

  /** Parses {@link #text}; {@code source} names the file in the error of a damaged manifest. */
  public static FeatureCacheManifest parse(String text, String source) {
    Map<String, String> key = new TreeMap<>();
    SortedMap<String, String> tapes = new TreeMap<>();
    SortedMap<String, Long> files = new TreeMap<>();
    Long rows = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw damaged(source, i, line);
      }
      String name = line.substring(0, equals);
      String value = line.substring(equals + 1);
      try {
        if (name.startsWith("key.") && name.length() > 4) {
          key.put(name.substring(4), value);
        } else if (name.equals("tape") || name.equals("file")) {
          String[] parts = value.split(" ", -1);
          if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw damaged(source, i, line);
          }
          if (name.equals("tape")) {
            tapes.put(decode(parts[0]), parts[1]);
          } else {
            files.put(decode(parts[0]), Long.parseLong(parts[1]));
          }
        } else if (name.equals("rows")) {
          rows = Long.parseLong(value);
        } else {
          throw damaged(source, i, line);
        }
      } catch (NumberFormatException e) {
        throw damaged(source, i, line);
      }
    }
    if (rows == null || key.isEmpty()) {
      throw new IllegalArgumentException("Cannot read the feature cache manifest " + source + ": it has no "
          + (rows == null ? "rows" : "key") + " line (cut off?); it will be built again");
    }
    return new FeatureCacheManifest(key, tapes, files, rows);
  }

  private static IllegalArgumentException damaged(String source, int index, String line) {
    return new IllegalArgumentException("Cannot read the feature cache manifest " + source + ": line " + (index + 1)
        + " is not a manifest line (" + line + "); it will be built again");
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static String decode(String name) {
    return URLDecoder.decode(name, StandardCharsets.UTF_8);
  }
}
