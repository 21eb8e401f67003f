package io.dunkclip.format;

import io.dunkclip.format.LabelProblem.Kind;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Checks label rows against the tapes they describe, before anything trains on them, and reports every problem at
 * once with the line to fix.
 *
 * <p>The problems, each as a {@link LabelProblem}:
 *
 * <ul>
 *   <li>{@link Kind#UNKNOWN_TAPE}: a tape not among the known tapes; reported once, on the first row that names it
 *       (the text lists its other lines).
 *   <li>{@link Kind#PAST_END}: a row of a known tape whose {@code end_frame} is past the tape's last frame.
 *   <li>{@link Kind#CONFLICT}: a row that overlaps an earlier row (in file order) of the same tape with the other
 *       label; reported on the later row, naming every earlier row it contradicts. A file has no conflict exactly when
 *       no frame gets both labels, which is when {@link Labels#of} accepts it.
 *   <li>{@link Kind#NOT_COVERED}, only when full coverage is required: each longest run of frames of a known tape
 *       that has rows, which no row covers. Tapes without any row are not training tapes and are not checked.
 * </ul>
 *
 * <p>Order: problems of rows by row (file order), for one row in the order above; then the frames not covered, by
 * tape name and first frame. Ranges are inclusive at both ends, as everywhere in the labels format.
 */
public final class LabelValidation {

  /** Names of known tapes spelled out in an "unknown tape" problem. */
  static final int MAX_KNOWN_LISTED = 10;
  /** Other rows named in one problem. */
  static final int MAX_LINES_LISTED = 5;

  private LabelValidation() {}

  /**
   * Every problem of {@code rows}, in the order described above; empty when the rows can be used.
   *
   * @param rows label rows in file order (as {@link LabelsCsv#read} returns them)
   * @param frameCounts the known tapes and how many frames each has (frames 0 to count - 1)
   * @param requireFullCoverage also report frames of labelled tapes that no row covers
   */
  public static List<LabelProblem> problems(
      List<LabelRow> rows, Map<String, Long> frameCounts, boolean requireFullCoverage) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(frameCounts, "frameCounts");
    frameCounts.forEach((video, frames) -> {
      if (frames == null || frames < 0) {
        throw new IllegalArgumentException("Cannot check labels: a tape's frame count must be 0 or more (video="
            + video + ", frames=" + frames + ")");
      }
    });
    Map<String, List<Integer>> rowsByVideo = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      rowsByVideo.computeIfAbsent(rows.get(i).video(), video -> new ArrayList<>()).add(i);
    }
    List<List<LabelProblem>> byRow = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      byRow.add(new ArrayList<>(0));
    }
    for (Map.Entry<String, List<Integer>> entry : rowsByVideo.entrySet()) {
      Long frames = frameCounts.get(entry.getKey());
      if (frames == null) {
        int first = entry.getValue().get(0);
        byRow.get(first).add(unknownTape(rows, entry.getValue(), frameCounts));
      } else {
        for (int i : entry.getValue()) {
          LabelRow row = rows.get(i);
          if (row.range().last() >= frames) {
            byRow.get(i).add(pastEnd(row, frames));
          }
        }
      }
      addConflicts(rows, entry.getValue(), byRow);
    }
    List<LabelProblem> problems = new ArrayList<>();
    byRow.forEach(problems::addAll);
    if (requireFullCoverage) {
      for (String video : new TreeSet<>(rowsByVideo.keySet())) {
        Long frames = frameCounts.get(video);
        if (frames != null) {
          addGaps(video, frames, rows, rowsByVideo.get(video), problems);
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The rows as {@link Labels} when they have no problem.
   *
   * @param source the labels file's name or path, used in the message
   * @throws LabelProblemsException listing every problem, the first problem's line first
   */
  public static Labels validate(List<LabelRow> rows, Map<String, Long> frameCounts, boolean requireFullCoverage,
      String source) {
    List<LabelProblem> problems = problems(rows, frameCounts, requireFullCoverage);
    if (!problems.isEmpty()) {
      throw new LabelProblemsException(source, problems);
    }
    return Labels.of(rows, source);
  }

  private static LabelProblem unknownTape(List<LabelRow> rows, List<Integer> indices,
      Map<String, Long> frameCounts) {
    LabelRow first = rows.get(indices.get(0));
    StringBuilder text = new StringBuilder("unknown tape ").append(first.video());
    if (indices.size() > 1) {
      List<Long> others = new ArrayList<>();
      for (int i : indices.subList(1, indices.size())) {
        others.add(rows.get(i).line());
      }
      text.append(" (also on ").append(others.size() == 1 ? "line " : "lines ")
          .append(listed(others.stream().map(String::valueOf).toList(), MAX_LINES_LISTED)).append(')');
    }
    List<String> known = new ArrayList<>(new TreeSet<>(frameCounts.keySet()));
    text.append("; known: ").append(known.isEmpty() ? "none" : listed(known, MAX_KNOWN_LISTED));
    return new LabelProblem(Kind.UNKNOWN_TAPE, first.line(), first.video(), first.range(), text.toString());
  }

  private static LabelProblem pastEnd(LabelRow row, long frames) {
    String text = frames == 0
        ? "end_frame " + row.range().last() + " is past the end of " + row.video() + ", which has no frames"
        : "end_frame " + row.range().last() + " is past the last frame " + (frames - 1) + " of " + row.video();
    return new LabelProblem(Kind.PAST_END, row.line(), row.video(), row.range(), text);
  }

  /**
   * Adds a conflict to every row of one video that overlaps an earlier row with the other label. Rows are visited in
   * order of first frame, and for each only the rows that can reach it are looked at, so a file of disjoint ranges
   * costs a sort, not a comparison of every pair.
   */
  private static void addConflicts(List<LabelRow> rows, List<Integer> indices, List<List<LabelProblem>> byRow) {
    List<Integer> sorted = new ArrayList<>(indices);
    sorted.sort(Comparator.<Integer>comparingLong(i -> rows.get(i).range().first())
        .thenComparingInt(i -> i));
    long[] reach = new long[sorted.size()]; // reach[p]: furthest last frame of sorted rows 0..p
    for (int p = 0; p < sorted.size(); p++) {
      long last = rows.get(sorted.get(p)).range().last();
      reach[p] = p == 0 ? last : Math.max(reach[p - 1], last);
    }
    for (int p = 0; p < sorted.size(); p++) {
      int index = sorted.get(p);
      LabelRow row = rows.get(index);
      List<Integer> earlier = new ArrayList<>();
      for (int q = p - 1; q >= 0 && reach[q] >= row.range().first(); q--) {
        addIfContradicts(rows, index, sorted.get(q), earlier);
      }
      for (int q = p + 1; q < sorted.size() && rows.get(sorted.get(q)).range().first() <= row.range().last(); q++) {
        addIfContradicts(rows, index, sorted.get(q), earlier);
      }
      if (!earlier.isEmpty()) {
        earlier.sort(Comparator.naturalOrder());
        byRow.get(index).add(conflict(rows, row, earlier));
      }
    }
  }

  private static void addIfContradicts(List<LabelRow> rows, int index, int other, List<Integer> earlier) {
    LabelRow row = rows.get(index);
    LabelRow candidate = rows.get(other);
    if (other < index && candidate.label() != row.label() && candidate.range().overlaps(row.range())) {
      earlier.add(other);
    }
  }

  private static LabelProblem conflict(List<LabelRow> rows, LabelRow row, List<Integer> earlier) {
    List<String> others = new ArrayList<>();
    for (int i : earlier) {
      LabelRow other = rows.get(i);
      others.add(other.line() + " (" + frames(other.range()) + ")");
    }
    boolean one = row.range().length() == 1;
    String text = frames(row.range()) + " of " + row.video() + (one ? " is" : " are") + " labelled " + row.label()
        + ", but " + (others.size() == 1 ? "line " : "lines ") + listed(others, MAX_LINES_LISTED)
        + (others.size() == 1 ? " labels " : " label ") + (one ? "it " : "some of them ") + (1 - row.label());
    return new LabelProblem(Kind.CONFLICT, row.line(), row.video(), row.range(), text);
  }

  private static void addGaps(String video, long frames, List<LabelRow> rows, List<Integer> indices,
      List<LabelProblem> problems) {
    if (frames == 0) {
      return;
    }
    List<FrameRange> covered = new ArrayList<>();
    for (int i : indices) {
      FrameRange range = rows.get(i).range();
      if (range.first() < frames) {
        covered.add(FrameRange.of(range.first(), Math.min(range.last(), frames - 1)));
      }
    }
    long next = 0; // first frame not yet known to be covered
    for (FrameRange range : FrameRanges.coalesce(covered)) {
      if (range.first() > next) {
        problems.add(gap(video, FrameRange.of(next, range.first() - 1)));
      }
      next = range.last() + 1;
    }
    if (next < frames) {
      problems.add(gap(video, FrameRange.of(next, frames - 1)));
    }
  }

  private static LabelProblem gap(String video, FrameRange gap) {
    String text = video + " " + frames(gap) + (gap.length() == 1
        ? " is not labelled (no row covers it)"
        : " are not labelled (no row covers them)");
    return new LabelProblem(Kind.NOT_COVERED, 0, video, gap, text);
  }

  /** "frame 7" or "frames 3..9". */
  static String frames(FrameRange range) {
    return range.length() == 1 ? "frame " + range.first() : "frames " + range.first() + ".." + range.last();
  }

  /** "a", "a and b", "a, b and c", or "a, b, c and 4 more" past {@code max} items. */
  static String listed(List<String> items, int max) {
    if (items.size() > max) {
      return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
