package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.render.ClipNames;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A tape's name in the output's directories and ledger files: its file name reduced to {@code [A-Za-z0-9._-]}, plus
 * a hash of the real name when reducing changed it, so two tapes never share a key ("a b.mp4" and "a_b.mp4").
 */
final class TapeKeys {
  private TapeKeys() {}

  static String key(String video) {
    String safe = video.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    if (safe.equals(video)) {
      return safe;
    }
    String hash = UUID.nameUUIDFromBytes(video.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    return (safe.isEmpty() ? ClipNames.safeStem(video) : safe) + "-" + hash;
  }
}
