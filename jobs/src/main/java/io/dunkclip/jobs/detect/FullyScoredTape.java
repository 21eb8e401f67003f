package io.dunkclip.jobs.detect;

import java.util.Locale;

/**
 * A tape that {@code detect --fast} scored frame by frame in full: its keyframes are further apart than fast mode
 * trusts ({@link DetectConfig#fastMaxKeyframeSeconds()}), so a whole clip could lie between two keyframes and never be
 * decoded.
 *
 * @param video the tape's name
 * @param keyframeSeconds its longest keyframe interval, in seconds (the whole tape when it has one keyframe)
 * @param limitSeconds the longest interval fast mode trusts for this run's clip settings
 */
public record FullyScoredTape(String video, double keyframeSeconds, double limitSeconds) implements
    java.io.Serializable {

  /** One line for the log, the command's output and the report. */
  public String describe() {
    return String.format(Locale.ROOT, "%s was scored in full, not in fast mode: its keyframes are up to %.1f s apart,"
        + " more than the %.1f s fast mode needs so that every clip holds one", video, keyframeSeconds, limitSeconds);
  }
}
