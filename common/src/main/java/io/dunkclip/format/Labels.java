package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The label rows of a file, checked for contradictions and indexed by video.
 *
 * <p>Rows of one video may overlap when they agree on the label. A frame no row covers has label
 * 0, so a file may list only the positive ranges.
 */
public final class Labels implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<LabelRow> BY_RANGE =
      Comparator.comparing(LabelRow::range).thenComparingLong(LabelRow::line);

  private final Map<String, List<LabelRow>> rowsByVideo;
  private final Map<String, List<FrameRange>> positivesByVideo;

  private Labels(Map<String, List<LabelRow>> rowsByVideo,
      Map<String, List<FrameRange>> positivesByVideo) {
    this.rowsByVideo = rowsByVideo;
    this.positivesByVideo = positivesByVideo;
  }

  /**
   * Checks and indexes the rows.
   *
   * @param source the file the rows came from, used in error messages
   * @throws CsvFormatException if two rows of one video overlap with different labels; it points
   *     at the later of the two lines and names the other
   */
  public static Labels of(List<LabelRow> rows, String source) {
    Objects.requireNonNull(rows, "rows");
    Map<String, List<LabelRow>> byVideo = new TreeMap<>();
    for (LabelRow row : rows) {
      byVideo.computeIfAbsent(row.video(), video -> new ArrayList<>()).add(row);
    }
    Map<String, List<LabelRow>> rowsByVideo = new TreeMap<>();
    Map<String, List<FrameRange>> positivesByVideo = new TreeMap<>();
    for (Map.Entry<String, List<LabelRow>> entry : byVideo.entrySet()) {
      List<LabelRow> videoRows = new ArrayList<>(entry.getValue());
      videoRows.sort(BY_RANGE);
      requireConsistent(videoRows, source);
      List<FrameRange> positives = new ArrayList<>();
      for (LabelRow row : videoRows) {
        if (row.label() == 1) {
          positives.add(row.range());
        }
      }
      rowsByVideo.put(entry.getKey(), List.copyOf(videoRows));
      positivesByVideo.put(entry.getKey(), FrameRanges.coalesce(positives));
    }
    return new Labels(Collections.unmodifiableMap(rowsByVideo),
        Collections.unmodifiableMap(positivesByVideo));
  }

  /**
   * Rows sorted by first frame: a row contradicts an earlier row exactly when the earlier row with
   * the other label that reaches furthest reaches into it.
   */
  private static void requireConsistent(List<LabelRow> sortedRows, String source) {
    LabelRow[] furthestByLabel = new LabelRow[2];
    for (LabelRow row : sortedRows) {
      LabelRow other = furthestByLabel[1 - row.label()];
      if (other != null && other.range().last() >= row.range().first()) {
        LabelRow earlier = other.line() <= row.line() ? other : row;
        LabelRow later = earlier == other ? row : other;
        throw new CsvFormatException(source, later.line(),
            "frames " + describe(later) + " overlap frames " + describe(earlier) + " on line "
                + earlier.line() + " of the same video with a different label; fix one of the"
                + " two lines", "video", row.video());
      }
      LabelRow furthest = furthestByLabel[row.label()];
      if (furthest == null || row.range().last() > furthest.range().last()) {
        furthestByLabel[row.label()] = row;
      }
    }
  }

  private static String describe(LabelRow row) {
    return row.range().first() + "-" + row.range().last() + " labelled " + row.label();
  }

  /** The videos with at least one row, sorted. */
  public Set<String> videos() {
    return rowsByVideo.keySet();
  }

  /** The video's label-1 frames as sorted, coalesced ranges; empty for an unknown video. */
  public List<FrameRange> positives(String video) {
    return positivesByVideo.getOrDefault(video, List.of());
  }

  /** Every video's positives, by video name; videos whose rows are all 0 map to an empty list. */
  public Map<String, List<FrameRange>> positivesByVideo() {
    return positivesByVideo;
  }

  /** 1 if a label-1 row of the video covers the frame, else 0 (also for unknown videos). */
  public int label(String video, long frame) {
    if (frame < 0) {
      throw new IllegalArgumentException(
          "Cannot look up a label: frame numbers start at 0 (frame=" + frame + ")");
    }
    List<FrameRange> positives = positives(video);
    // Positives are sorted and disjoint: only the last one starting at or before the frame can
    // cover it.
    int low = 0;
    int high = positives.size() - 1;
    int candidate = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (positives.get(middle).first() <= frame) {
        candidate = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return candidate >= 0 && positives.get(candidate).contains(frame) ? 1 : 0;
  }

  /** The last frame any row of the video covers, whatever its label. */
  public long lastLabelledFrame(String video) {
    List<LabelRow> rows = rowsByVideo.get(video);
    if (rows == null) {
      throw new IllegalArgumentException(
          "Cannot find the last labelled frame: no label rows for this video (video="
              + video + ")");
    }
    long last = 0;
    for (LabelRow row : rows) {
      last = Math.max(last, row.range().last());
    }
    return last;
  }

  /** The first row (by range, then line) of the video that covers the frame, if any. */
  public Optional<LabelRow> rowCovering(String video, long frame) {
    for (LabelRow row : rowsByVideo.getOrDefault(video, List.of())) {
      if (row.range().contains(frame)) {
        return Optional.of(row);
      }
      if (row.range().first() > frame) {
        break;
      }
    }
    return Optional.empty();
  }
}
