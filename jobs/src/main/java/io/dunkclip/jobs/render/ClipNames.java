package io.dunkclip.jobs.render;

import io.dunkclip.format.ClipsCsv;
import java.util.Locale;

/**
 * Clip file names: {@code <tape stem>-clip-NNN.mp4}. The stem is reduced to a safe character set so that no tape
 * name (slashes, "..", control characters) can put a file outside the output directory.
 */
public final class ClipNames {
  private ClipNames() {}

  public static String fileName(String video, int clip) {
    if (clip < 1 || clip > ClipsCsv.MAX_CLIP) {
      throw new IllegalArgumentException("Cannot name a clip file: clip numbers run from 1 to " + ClipsCsv.MAX_CLIP
          + " (clip=" + clip + ", video=" + video + ")");
    }
    return safeStem(video) + String.format(Locale.ROOT, "-clip-%03d.mp4", clip);
  }

  /** The highlight reel of a tape: {@code <tape stem>-reel.mp4}. */
  public static String reelFileName(String video) {
    return safeStem(video) + "-reel.mp4";
  }

  /** The name without its extension, reduced to characters that are safe in a file name (never empty or hidden). */
  public static String safeStem(String video) {
    int dot = video.lastIndexOf('.');
    String stem = dot > 0 ? video.substring(0, dot) : video;
    String safe = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    return safe.isEmpty() ? "tape" : safe;
  }
}
