package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.render.ClipNames;

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
    return (safe.isEmpty() ? ClipNames.safeStem(video) : safe) + "-" + ClipNames.nameHash(video);
  }
}
