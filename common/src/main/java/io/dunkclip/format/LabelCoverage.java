package io.dunkclip.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Clips that run past what a labels file covers. Frames no label row covers count as 0, so a clip frame after a
 * video's last labelled frame (or of a video with no label rows) is a false positive when clips are evaluated, and
 * the labels may simply stop before the tape does: {@link #beyondLabels} names those clips so that evaluate can say
 * so rather than count them silently.
 */
public final class LabelCoverage {
  private LabelCoverage() {}

  /**
   * A clip with frames after the last frame the labels cover for its video.
   *
   * @param lastLabelledFrame the video's last frame any label row covers; -1 when no row names the video
   */
  public record Overrun(ClipRow clip, long lastLabelledFrame) {
    public Overrun {
      Objects.requireNonNull(clip, "clip");
    }

    /** How many of the clip's frames lie after the last labelled frame. */
    public long framesPast() {
      return clip.range().last() - Math.max(lastLabelledFrame, clip.range().first() - 1);
    }

    /** One line for the user; {@code labels} names the labels file. */
    public String describe(String labels) {
      String clipText = "clip " + clip.clip() + " of " + clip.video() + " (frames " + clip.range().first() + "-"
          + clip.range().last() + ")";
      if (lastLabelledFrame < 0) {
        return clipText + " has no label rows in " + labels + ": its " + framesPast() + " frames count as false"
            + " positives (frames no row covers are 0); label " + clip.video() + " or leave its clips out";
      }
      return clipText + " runs past the last frame " + labels + " covers for " + clip.video() + " ("
          + lastLabelledFrame + "): its " + framesPast() + " frames after it count as false positives (frames no row"
          + " covers are 0); label the rest of " + clip.video() + " if they were never checked";
    }
  }

  /** The clips with frames past their video's last labelled frame, in the order given. */
  public static List<Overrun> beyondLabels(Labels labels, List<ClipRow> clips) {
    List<Overrun> overruns = new ArrayList<>();
    for (ClipRow clip : clips) {
      long last = labels.videos().contains(clip.video()) ? labels.lastLabelledFrame(clip.video()) : -1;
      if (clip.range().last() > last) {
        overruns.add(new Overrun(clip, last));
      }
    }
    return overruns;
  }
}
