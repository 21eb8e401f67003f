package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Later labels files override earlier ones frame by frame: checked against a per-frame oracle. */
class LabelFilesTest {
  private static final int FRAMES = 4;

  private static LabelRow row(String video, long first, long last, int label) {
    return new LabelRow(video, FrameRange.of(first, last), label, 0);
  }

  /** The rule spelled out per frame: later files' rows overwrite the frame's label. */
  private static Map<String, TreeMap<Long, Integer>> oracle(List<List<LabelRow>> files) {
    Map<String, TreeMap<Long, Integer>> labels = new TreeMap<>();
    for (List<LabelRow> file : files) {
      Map<String, TreeMap<Long, Integer>> thisFile = new TreeMap<>();
      for (LabelRow row : file) {
        for (long f = row.range().first(); f <= row.range().last(); f++) {
          thisFile.computeIfAbsent(row.video(), v -> new TreeMap<>()).put(f, row.label());
        }
      }
      thisFile.forEach((video, frames) -> labels.computeIfAbsent(video, v -> new TreeMap<>()).putAll(frames));
    }
    return labels;
  }

  private static Map<String, TreeMap<Long, Integer>> perFrame(List<LabelRow> rows) {
    Map<String, TreeMap<Long, Integer>> labels = new TreeMap<>();
    for (LabelRow row : rows) {
      for (long f = row.range().first(); f <= row.range().last(); f++) {
        Integer before = labels.computeIfAbsent(row.video(), v -> new TreeMap<>()).put(f, row.label());
        assertThat(before).as("merged rows overlap at %s frame %d", row.video(), f).isNull();
      }
    }
    return labels;
  }

  private static void checkAgainstOracle(List<List<LabelRow>> files) {
    List<LabelRow> merged = LabelFiles.merge(files);
    assertThat(perFrame(merged)).as("files %s", files).isEqualTo(oracle(files));
    // The fewest rows: sorted, and no two neighbours of one video with one label touch.
    for (int i = 1; i < merged.size(); i++) {
      LabelRow a = merged.get(i - 1);
      LabelRow b = merged.get(i);
      if (a.video().equals(b.video())) {
        assertThat(a.range().last()).isLessThan(b.range().first());
        assertThat(a.label() == b.label() && a.range().last() + 1 == b.range().first()).as("%s then %s", a, b)
            .isFalse();
      } else {
        assertThat(a.video()).isLessThan(b.video());
      }
    }
  }

  /** Every file of up to two rows over frames 0..3 (rows that contradict each other excluded), in every pair. */
  @Example
  void everyPairOfSmallFilesMergesAsThePerFrameRuleSays() {
    List<LabelRow> rows = new ArrayList<>();
    for (int first = 0; first < FRAMES; first++) {
      for (int last = first; last < FRAMES; last++) {
        rows.add(row("a.mp4", first, last, 0));
        rows.add(row("a.mp4", first, last, 1));
      }
    }
    List<List<LabelRow>> files = new ArrayList<>();
    files.add(List.of());
    for (LabelRow a : rows) {
      files.add(List.of(a));
      for (LabelRow b : rows) {
        if (a.label() == b.label() || !a.range().overlaps(b.range())) {
          files.add(List.of(a, b));
        }
      }
    }
    int checked = 0;
    for (List<LabelRow> earlier : files) {
      for (List<LabelRow> later : files) {
        checkAgainstOracle(List.of(earlier, later));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50_000);
  }

  @Property(tries = 2000)
  void manyFilesOfSeveralVideosMergeAsThePerFrameRuleSays(@ForAll("files") List<List<LabelRow>> files) {
    checkAgainstOracle(files);
  }

  @Provide
  Arbitrary<List<List<LabelRow>>> files() {
    Arbitrary<LabelRow> row = Combinators.combine(Arbitraries.of("a.mp4", "b.mp4"),
        Arbitraries.longs().between(0, 12), Arbitraries.longs().between(0, 5), Arbitraries.integers().between(0, 1))
        .as((video, first, length, label) -> row(video, first, first + length, label));
    // One label per file keeps every file free of contradictions, as validation requires.
    Arbitrary<List<LabelRow>> file = Combinators.combine(row.list().ofMaxSize(4), Arbitraries.integers().between(0, 1))
        .as((rows, label) -> rows.stream().map(r -> row(r.video(), r.range().first(), r.range().last(), label))
            .toList());
    return file.list().ofMinSize(1).ofMaxSize(5);
  }

  @Example
  void aCorrectionTurnsPartOfARangeAroundAndKeepsTheRest() {
    List<LabelRow> labels = List.of(row("a.mp4", 0, 99, 0), row("a.mp4", 40, 60, 1));
    List<LabelRow> corrections = List.of(row("a.mp4", 50, 70, 0), row("a.mp4", 10, 12, 1));

    assertThat(LabelFiles.merge(List.of(labels.subList(0, 1), labels.subList(1, 2), corrections))).containsExactly(
        row("a.mp4", 0, 9, 0), row("a.mp4", 10, 12, 1), row("a.mp4", 13, 39, 0), row("a.mp4", 40, 49, 1),
        row("a.mp4", 50, 99, 0));
  }

  @Example
  void everyProblemOfEveryFileIsNamedWithItsFileAndLine() {
    List<LabelRow> first = List.of(new LabelRow("a.mp4", FrameRange.of(0, 9), 0, 2),
        new LabelRow("x.mp4", FrameRange.of(0, 1), 1, 3));
    List<LabelRow> second = List.of(new LabelRow("a.mp4", FrameRange.of(5, 12), 1, 2));
    assertThatThrownBy(() -> LabelFiles.validate(List.of(new LabelFiles.LabelFile("labels.csv", first),
        new LabelFiles.LabelFile("corrections.csv", second)), Map.of("a.mp4", 10L), false))
        .isInstanceOfSatisfying(LabelProblemsException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("labels.csv line 3: unknown tape x.mp4; known: a.mp4\n"
              + "corrections.csv line 2: end_frame 12 is past the last frame 9 of a.mp4");
          assertThat(e.source()).isEqualTo("labels.csv + corrections.csv");
          assertThat(e.line()).isEqualTo(3);
        });
  }

  @Example
  void fullCoverageIsJudgedOnTheFilesTogether() {
    List<LabelRow> first = List.of(new LabelRow("a.mp4", FrameRange.of(0, 5), 0, 2));
    List<LabelRow> second = List.of(new LabelRow("a.mp4", FrameRange.of(4, 8), 1, 2));
    List<LabelFiles.LabelFile> files = List.of(new LabelFiles.LabelFile("l.csv", first),
        new LabelFiles.LabelFile("c.csv", second));
    assertThatThrownBy(() -> LabelFiles.validate(files, Map.of("a.mp4", 10L), true))
        .hasMessage("l.csv + c.csv: a.mp4 frame 9 is not labelled (no row covers it)");
    Labels labels = LabelFiles.validate(files, Map.of("a.mp4", 9L), true);
    assertThat(labels.positives("a.mp4")).containsExactly(FrameRange.of(4, 8));
  }

  @Example
  void oneFileIsCheckedExactlyAsBefore() {
    List<LabelRow> rows = List.of(new LabelRow("a.mp4", FrameRange.of(0, 5), 0, 2),
        new LabelRow("a.mp4", FrameRange.of(4, 8), 1, 3));
    assertThatThrownBy(() -> LabelFiles.validate(List.of(new LabelFiles.LabelFile("l.csv", rows)),
        Map.of("a.mp4", 10L), false)).hasMessageStartingWith("l.csv line 3: frames 4..8 of a.mp4 are labelled 1");
  }
}
