package io.dunkclip.jobs.render;

import io.dunkclip.format.ClipsCsv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Clip file names: {@code <stem>-clip-NNN.mp4}. The stem is the tape's name without its extension, reduced to a
 * safe character set so that no tape name (slashes, "..", control characters) can put a file outside the output
 * directory.
 *
 * <p>Distinct tapes can reduce to one stem ({@code same.mp4} and {@code same.mov}, {@code a b.mp4} and
 * {@code a_b.mp4}). {@link #stems} is the one rule for that: a tape whose stem no other tape of the run shares keeps
 * it; each tape that shares one gets {@code <stem>-<8 hex digits of a hash of its full name>}, e.g.
 * {@code same-59502352-clip-001.mp4}, the same in every run.
 */
public final class ClipNames {
  private ClipNames() {}

  /** Stem {@link #safeStem} of the video: right when no other tape of the run shares it (see {@link #stems}). */
  public static String fileName(String video, int clip) {
    return clipFileName(safeStem(video), video, clip);
  }

  /** The file of clip {@code clip} of a tape whose stem (from {@link #stems}) is {@code stem}. */
  public static String clipFileName(String stem, String video, int clip) {
    if (clip < 1 || clip > ClipsCsv.MAX_CLIP) {
      throw new IllegalArgumentException("Cannot name a clip file: clip numbers run from 1 to " + ClipsCsv.MAX_CLIP
          + " (clip=" + clip + ", video=" + video + ")");
    }
    return stem + String.format(Locale.ROOT, "-clip-%03d.mp4", clip);
  }

  /** The highlight reel of a tape whose stem (from {@link #stems}) is {@code stem}: {@code <stem>-reel.mp4}. */
  public static String reelFileName(String stem) {
    return stem + "-reel.mp4";
  }

  /**
   * The stem of each tape's files, for tapes written side by side: {@link #safeStem} unless another tape of
   * {@code videos} has the same one; then that stem plus {@code -} and {@link #nameHash} of the tape's name. Any
   * stems that still coincide (a tape really named like another's hashed stem) are hashed too, so every tape gets
   * its own stem.
   *
   * @return each distinct video of {@code videos}, in their order, and its stem
   */
  public static Map<String, String> stems(Collection<String> videos) {
    Map<String, String> stems = new LinkedHashMap<>();
    for (String video : videos) {
      stems.put(video, safeStem(video));
    }
    while (true) {
      Map<String, List<String>> shared = shared(stems);
      if (shared.isEmpty()) {
        return stems;
      }
      for (List<String> group : shared.values()) {
        List<String> plain = new ArrayList<>();
        for (String video : group) {
          if (!stems.get(video).equals(hashedStem(video))) {
            plain.add(video);
          }
        }
        if (plain.isEmpty()) {
          throw new IllegalStateException("Cannot name clip files: tapes " + group + " have the same name hash "
              + stems.get(group.get(0)));
        }
        plain.forEach(video -> stems.put(video, hashedStem(video)));
      }
    }
  }

  /**
   * The stems that more than one of {@code videos} reduces to (by {@link #safeStem}), each with those videos in
   * name order: tapes that cannot write side by side under their plain stems. Empty when all stems differ.
   */
  public static Map<String, List<String>> sharedStems(Collection<String> videos) {
    Map<String, String> plain = new LinkedHashMap<>();
    for (String video : videos) {
      plain.put(video, safeStem(video));
    }
    return shared(plain);
  }

  private static Map<String, List<String>> shared(Map<String, String> stems) {
    Map<String, TreeSet<String>> byStem = new TreeMap<>();
    stems.forEach((video, stem) -> byStem.computeIfAbsent(stem, s -> new TreeSet<>()).add(video));
    Map<String, List<String>> shared = new TreeMap<>();
    byStem.forEach((stem, group) -> {
      if (group.size() > 1) {
        shared.put(stem, List.copyOf(group));
      }
    });
    return shared;
  }

  private static String hashedStem(String video) {
    return safeStem(video) + "-" + nameHash(video);
  }

  /** 8 hex digits of a name-based UUID of the tape's name: stable across runs and machines. */
  public static String nameHash(String video) {
    return UUID.nameUUIDFromBytes(video.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
  }

  /** The name without its extension, reduced to characters that are safe in a file name (never empty or hidden). */
  public static String safeStem(String video) {
    int dot = video.lastIndexOf('.');
    String stem = dot > 0 ? video.substring(0, dot) : video;
    String safe = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    return safe.isEmpty() ? "tape" : safe;
  }
}
