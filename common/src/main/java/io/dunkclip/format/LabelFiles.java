package io.dunkclip.format;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Several labels files taken as one, so a first labelling and later corrections (from the report page) train
 * together without editing the first file.
 *
 * <p>The rule: files apply in the order given. Where a row of a later file covers a frame, its label replaces what
 * every earlier file said about that frame; a frame only earlier files cover keeps their label; a frame no file covers
 * is 0, as in a single file. Inside one file the single-file rule stays: rows that overlap must agree.
 */
public final class LabelFiles {
  private LabelFiles() {}

  /** One labels file: its rows in file order and its name or path, as the user knows it. */
  public record LabelFile(String source, List<LabelRow> rows) {
    public LabelFile {
      Objects.requireNonNull(source, "source");
      rows = List.copyOf(rows);
    }
  }

  /**
   * The labels the files say together, by the rule above: per video, the fewest rows (label runs of equal label
   * become one), sorted by video and first frame, with line 0 (they come from no single line). Each file must be
   * free of conflicts on its own ({@link LabelValidation} checks it).
   */
  public static List<LabelRow> merge(List<List<LabelRow>> files) {
    Map<String, List<List<FrameRange>>[]> byVideo = new TreeMap<>();
    for (int f = 0; f < files.size(); f++) {
      for (LabelRow row : files.get(f)) {
        @SuppressWarnings("unchecked")
        List<List<FrameRange>>[] perLabel = byVideo.computeIfAbsent(row.video(), v -> new List[] {
            emptyLists(files.size()), emptyLists(files.size())});
        perLabel[row.label()].get(f).add(row.range());
      }
    }
    List<LabelRow> merged = new ArrayList<>();
    for (Map.Entry<String, List<List<FrameRange>>[]> entry : byVideo.entrySet()) {
      List<List<FrameRange>>[] perLabel = entry.getValue();
      // From the last file back: a file's ranges count only where no later file has spoken.
      List<FrameRange> claimed = List.of();
      List<List<FrameRange>> kept = List.of(new ArrayList<>(), new ArrayList<>());
      for (int f = files.size() - 1; f >= 0; f--) {
        List<FrameRange> fileRanges = new ArrayList<>();
        for (int label = 0; label < 2; label++) {
          List<FrameRange> ranges = FrameRanges.coalesce(perLabel[label].get(f));
          kept.get(label).addAll(minus(ranges, claimed));
          fileRanges.addAll(ranges);
        }
        fileRanges.addAll(claimed);
        claimed = FrameRanges.coalesce(fileRanges);
      }
      List<LabelRow> rows = new ArrayList<>();
      for (int label = 0; label < 2; label++) {
        for (FrameRange range : FrameRanges.coalesce(kept.get(label))) {
          rows.add(new LabelRow(entry.getKey(), range, label, 0));
        }
      }
      rows.sort(Comparator.comparing(LabelRow::range));
      merged.addAll(rows);
    }
    return List.copyOf(merged);
  }

  /**
   * Every file checked against the tapes, then merged. With one file this is {@link LabelValidation#validate}; with
   * several, each file's problems are named with its own name and line, and frames no file covers (when
   * {@code requireFullCoverage}) with all the names.
   *
   * @throws LabelProblemsException listing every problem of every file
   */
  public static Labels validate(List<LabelFile> files, Map<String, Long> frameCounts, boolean requireFullCoverage) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("Cannot read labels: no labels file given; pass --labels CSV");
    }
    if (files.size() == 1) {
      return LabelValidation.validate(files.get(0).rows(), frameCounts, requireFullCoverage, files.get(0).source());
    }
    Map<String, List<LabelProblem>> problems = new LinkedHashMap<>();
    List<List<LabelRow>> rows = new ArrayList<>();
    for (LabelFile file : files) {
      List<LabelProblem> found = LabelValidation.problems(file.rows(), frameCounts, false);
      if (!found.isEmpty()) {
        problems.computeIfAbsent(file.source(), s -> new ArrayList<>()).addAll(found);
      }
      rows.add(file.rows());
    }
    String together = names(files);
    if (!problems.isEmpty()) {
      throw LabelProblemsException.ofFiles(problems);
    }
    List<LabelRow> merged = merge(rows);
    if (requireFullCoverage) {
      List<LabelProblem> gaps = LabelValidation.problems(merged, frameCounts, true);
      if (!gaps.isEmpty()) {
        throw new LabelProblemsException(together, gaps);
      }
    }
    return Labels.of(merged, together);
  }

  /** "a.csv + corrections.csv": the files as one source, in the order they apply. */
  public static String names(List<LabelFile> files) {
    return String.join(" + ", files.stream().map(LabelFile::source).toList());
  }

  private static List<List<FrameRange>> emptyLists(int count) {
    List<List<FrameRange>> lists = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }

  /** The frames of sorted, disjoint {@code ranges} that sorted, disjoint {@code taken} does not hold. */
  static List<FrameRange> minus(List<FrameRange> ranges, List<FrameRange> taken) {
    List<FrameRange> left = new ArrayList<>();
    int t = 0;
    for (FrameRange range : ranges) {
      long next = range.first();
      while (t < taken.size() && taken.get(t).last() < next) {
        t++;
      }
      int u = t;
      while (next <= range.last() && u < taken.size() && taken.get(u).first() <= range.last()) {
        FrameRange cut = taken.get(u);
        if (cut.first() > next) {
          left.add(FrameRange.of(next, cut.first() - 1));
        }
        next = Math.max(next, cut.last() + 1);
        u++;
      }
      if (next <= range.last()) {
        left.add(FrameRange.of(next, range.last()));
      }
    }
    return left;
  }
}
