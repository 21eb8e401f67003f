package io.dunkclip.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Result of comparing predicted clips with labelled clips over a set of videos.
 *
 * @param frames frame-level counts: a frame is positive when some range of its side covers it
 * @param clips clip-level counts: a matched pair is a true positive, an unmatched prediction a
 *     false positive, an unmatched true clip a false negative
 * @param meanStartErrorFrames mean of {@code |truth.first - predicted.first|} over the matches, NaN
 *     when there are none
 * @param meanEndErrorFrames mean of {@code |truth.last - predicted.last|} over the matches, NaN
 *     when there are none
 * @param matches the matched pairs, by video name and then by true clip
 */
public record Evaluation(
    Counts frames,
    Counts clips,
    double meanStartErrorFrames,
    double meanEndErrorFrames,
    List<ClipMatch> matches) {

  public Evaluation {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(clips, "clips");
    matches = List.copyOf(matches);
  }
}
