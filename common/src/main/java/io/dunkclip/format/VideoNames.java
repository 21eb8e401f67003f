package io.dunkclip.format;

/** The rule for video names in CSV files: a plain file name, so it cannot point elsewhere. */
final class VideoNames {

  private VideoNames() {}

  /** What is wrong with the name, completing "video ...", or null if it is fine. */
  static String problem(String video) {
    if (video == null || video.isEmpty()) {
      return "must not be empty";
    }
    if (video.indexOf('/') >= 0 || video.indexOf('\\') >= 0
        || video.equals(".") || video.equals("..")) {
      return "must be a plain file name, without '/' or '\\'";
    }
    if (!video.trim().equals(video)) {
      // CSV values are trimmed on reading, so such a name would not read back the same.
      return "must not start or end with whitespace";
    }
    return null;
  }

  /** Throws IllegalArgumentException naming the action if the name breaks the rule. */
  static void require(String action, String video) {
    String problem = problem(video);
    if (problem != null) {
      throw new IllegalArgumentException(
          "Cannot " + action + ": the video " + problem + " (video=" + video + ")");
    }
  }
}
