package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clips file: header {@code video,clip,start_frame,end_frame,start_sec,end_sec,score}, one row
 * per clip. Clips are numbered from 1 to {@value #MAX_CLIP} within each video (the three digits of a
 * clip file's name); frames are inclusive at both ends.
 * Seconds are written with 3 decimals and scores with 4, always with '.' as decimal point.
 */
public final class ClipsCsv {

  public static final List<String> HEADER =
      List.of("video", "clip", "start_frame", "end_frame", "start_sec", "end_sec", "score");

  /** The highest clip number of a video: clip files are named with three digits. */
  public static final int MAX_CLIP = 999;

  private ClipsCsv() {}

  /**
   * The rows of a clips file, in file order.
   *
   * @param source the file's name or path, used in error messages
   * @throws CsvFormatException naming the line, column and value of the first bad row
   */
  public static List<ClipRow> read(Reader in, String source) {
    List<ClipRow> rows = new ArrayList<>();
    Map<String, Map<Integer, Long>> lineByClipByVideo = new HashMap<>();
    for (CsvRow row : CsvTable.read(in, source, HEADER)) {
      String video = row.video("video");
      long clip = row.wholeNumber("clip", "a clip number 1 or more");
      if (clip < 1 || clip > MAX_CLIP) {
        throw row.error("clip must be a clip number from 1 to " + MAX_CLIP
            + ", the three digits of a clip file's name", "clip", row.text("clip"));
      }
      long start = row.wholeNumber("start_frame", "a frame number 0 or more");
      long end = row.wholeNumber("end_frame", "a frame number 0 or more");
      if (end < start) {
        throw row.error("end_frame must not be before start_frame " + start
            + ", both ends are inclusive", "end_frame", row.text("end_frame"));
      }
      double startSec = row.decimal("start_sec", "a time in seconds 0 or more");
      double endSec = row.decimal("end_sec", "a time in seconds 0 or more");
      if (endSec < startSec) {
        throw row.error("end_sec must not be before start_sec " + row.text("start_sec"),
            "end_sec", row.text("end_sec"));
      }
      double score = row.decimal("score", "a score between 0 and 1");
      if (score > 1.0) {
        throw row.error("score must be a score between 0 and 1", "score", row.text("score"));
      }
      Long firstLine = lineByClipByVideo.computeIfAbsent(video, v -> new HashMap<>())
          .putIfAbsent((int) clip, row.line());
      if (firstLine != null) {
        throw row.error("clip " + clip + " of video " + video + " is already on line "
            + firstLine + "; clip numbers must be unique per video", "clip", row.text("clip"));
      }
      rows.add(new ClipRow(video, (int) clip, FrameRange.of(start, end), startSec, endSec,
          score));
    }
    return Collections.unmodifiableList(rows);
  }

  /**
   * Writes the header and the rows, in the given order; the writer is flushed, not closed.
   *
   * @throws IllegalArgumentException if a (video, clip) pair repeats, which could not be read back
   */
  public static void write(Writer out, List<ClipRow> rows) {
    Map<String, Map<Integer, ClipRow>> seen = new HashMap<>();
    List<List<String>> values = new ArrayList<>(rows.size());
    for (ClipRow row : rows) {
      if (seen.computeIfAbsent(row.video(), v -> new HashMap<>())
          .putIfAbsent(row.clip(), row) != null) {
        throw new IllegalArgumentException(
            "Cannot write clips: clip numbers must be unique per video, video " + row.video()
                + " has clip " + row.clip() + " twice (clip=" + row.clip() + ")");
      }
      values.add(List.of(
          row.video(),
          Integer.toString(row.clip()),
          Long.toString(row.range().first()),
          Long.toString(row.range().last()),
          String.format(Locale.ROOT, "%.3f", row.startSec()),
          String.format(Locale.ROOT, "%.3f", row.endSec()),
          String.format(Locale.ROOT, "%.4f", row.score())));
    }
    CsvTable.write(out, HEADER, values);
  }
}
