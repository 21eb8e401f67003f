package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The labels file: header {@code video,start_frame,end_frame,label}, one row per labelled range.
 * Frames are inclusive at both ends; label 1 means a player is in frame, 0 means not.
 */
public final class LabelsCsv {

  public static final List<String> HEADER = List.of("video", "start_frame", "end_frame", "label");

  private LabelsCsv() {}

  /**
   * The rows of a labels file, in file order.
   *
   * @param source the file's name or path, used in error messages
   * @throws CsvFormatException naming the line, column and value of the first bad row
   */
  public static List<LabelRow> read(Reader in, String source) {
    List<LabelRow> rows = new ArrayList<>();
    for (CsvRow row : CsvTable.read(in, source, HEADER)) {
      String video = row.video("video");
      long start = row.wholeNumber("start_frame", "a frame number 0 or more");
      long end = row.wholeNumber("end_frame", "a frame number 0 or more");
      if (end < start) {
        throw row.error("end_frame must not be before start_frame " + start
            + ", both ends are inclusive", "end_frame", row.text("end_frame"));
      }
      String label = row.text("label");
      if (!label.equals("0") && !label.equals("1")) {
        throw row.error("label must be 1 (player in frame) or 0 (no player)", "label", label);
      }
      rows.add(new LabelRow(video, FrameRange.of(start, end), Integer.parseInt(label),
          row.line()));
    }
    return Collections.unmodifiableList(rows);
  }

  /** Writes the header and the rows, in the given order; the writer is flushed, not closed. */
  public static void write(Writer out, List<LabelRow> rows) {
    List<List<String>> values = new ArrayList<>(rows.size());
    for (LabelRow row : rows) {
      values.add(List.of(
          row.video(),
          Long.toString(row.range().first()),
          Long.toString(row.range().last()),
          Integer.toString(row.label())));
    }
    CsvTable.write(out, HEADER, values);
  }
}
