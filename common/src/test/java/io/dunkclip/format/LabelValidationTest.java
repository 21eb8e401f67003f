package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.format.LabelProblem.Kind;
import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LabelValidationTest {

  private static final String SOURCE = "labels.csv";

  private static LabelRow row(String video, long first, long last, int label, long line) {
    return new LabelRow(video, FrameRange.of(first, last), label, line);
  }

  private static List<String> messages(List<LabelRow> rows, Map<String, Long> frames, boolean full) {
    return LabelValidation.problems(rows, frames, full).stream().map(p -> p.describe(SOURCE)).toList();
  }

  // ---- the messages, one kind at a time ----

  @Example
  void aRangePastTheEndOfItsTapeNamesTheLastFrame() {
    assertThat(messages(List.of(row("tape-02.mp4", 850, 900, 1, 7)), Map.of("tape-02.mp4", 900L), false))
        .containsExactly("labels.csv line 7: end_frame 900 is past the last frame 899 of tape-02.mp4");
  }

  @Example
  void aRangeOfATapeWithoutFramesIsPastItsEnd() {
    assertThat(messages(List.of(row("empty.mp4", 0, 0, 0, 2)), Map.of("empty.mp4", 0L), true))
        .containsExactly("labels.csv line 2: end_frame 0 is past the end of empty.mp4, which has no frames");
  }

  @Example
  void anUnknownTapeIsReportedOnceOnItsFirstLineWithTheKnownTapes() {
    List<LabelRow> rows = List.of(row("a.mp4", 0, 9, 0, 2), row("x.mp4", 0, 5, 0, 3), row("x.mp4", 6, 9, 1, 8),
        row("x.mp4", 10, 12, 0, 12));
    assertThat(messages(rows, Map.of("b.mp4", 10L, "a.mp4", 10L), false))
        .containsExactly("labels.csv line 3: unknown tape x.mp4 (also on lines 8 and 12); known: a.mp4 and b.mp4");
    assertThat(messages(List.of(row("x.mp4", 0, 5, 0, 3), row("x.mp4", 6, 9, 0, 4)), Map.of("a.mp4", 10L), false))
        .containsExactly("labels.csv line 3: unknown tape x.mp4 (also on line 4); known: a.mp4");
    assertThat(messages(List.of(row("x.mp4", 0, 5, 0, 3)), Map.of(), false))
        .containsExactly("labels.csv line 3: unknown tape x.mp4; known: none");
  }

  @Example
  void manyKnownTapesAreShortened() {
    Map<String, Long> known = new TreeMap<>();
    for (int i = 1; i <= 13; i++) {
      known.put(String.format("t%02d.mp4", i), 5L);
    }
    assertThat(messages(List.of(row("x.mp4", 0, 5, 0, 3)), known, false)).containsExactly(
        "labels.csv line 3: unknown tape x.mp4; known: t01.mp4, t02.mp4, t03.mp4, t04.mp4, t05.mp4, t06.mp4,"
            + " t07.mp4, t08.mp4, t09.mp4, t10.mp4 and 3 more");
  }

  @Example
  void aConflictIsReportedOnTheLaterLineNamingTheEarlierOnes() {
    List<LabelRow> rows = List.of(
        row("a.mp4", 0, 10, 0, 4),
        row("b.mp4", 5, 20, 1, 6),
        row("a.mp4", 10, 20, 1, 9),
        row("a.mp4", 12, 12, 0, 10),
        row("a.mp4", 30, 30, 1, 11),
        row("a.mp4", 25, 40, 0, 12));
    assertThat(messages(rows, Map.of("a.mp4", 100L, "b.mp4", 100L), false)).containsExactly(
        "labels.csv line 9: frames 10..20 of a.mp4 are labelled 1, but line 4 (frames 0..10) labels some of them 0",
        "labels.csv line 10: frame 12 of a.mp4 is labelled 0, but line 9 (frames 10..20) labels it 1",
        "labels.csv line 12: frames 25..40 of a.mp4 are labelled 0, but line 11 (frame 30) labels some of them 1");
  }

  @Example
  void aRowContradictingSeveralEarlierRowsNamesThemAll() {
    List<LabelRow> rows = List.of(row("a.mp4", 0, 3, 1, 2), row("a.mp4", 8, 9, 1, 3), row("a.mp4", 5, 6, 0, 4),
        row("a.mp4", 0, 9, 0, 5));
    assertThat(messages(rows, Map.of("a.mp4", 10L), false)).containsExactly(
        "labels.csv line 5: frames 0..9 of a.mp4 are labelled 0, but lines 2 (frames 0..3) and 3 (frames 8..9)"
            + " label some of them 1");
  }

  @Example
  void overlappingRowsThatAgreeAndTouchingRowsAreFine() {
    List<LabelRow> rows = List.of(row("a.mp4", 0, 9, 0, 2), row("a.mp4", 5, 12, 0, 3), row("a.mp4", 13, 19, 1, 4));
    assertThat(LabelValidation.problems(rows, Map.of("a.mp4", 20L), true)).isEmpty();
  }

  @Example
  void framesNoRowCoversAreReportedOnlyWhenFullCoverageIsRequired() {
    List<LabelRow> rows = List.of(row("tape-01.mp4", 0, 404, 0, 2), row("tape-01.mp4", 578, 899, 1, 3),
        row("tape-01.mp4", 901, 950, 0, 4));
    Map<String, Long> frames = Map.of("tape-01.mp4", 1000L, "other.mp4", 50L);
    assertThat(messages(rows, frames, false)).isEmpty();
    assertThat(messages(rows, frames, true)).containsExactly(
        "labels.csv: tape-01.mp4 frames 405..577 are not labelled (no row covers them)",
        "labels.csv: tape-01.mp4 frame 900 is not labelled (no row covers it)",
        "labels.csv: tape-01.mp4 frames 951..999 are not labelled (no row covers them)");
  }

  @Example
  void gapsComeAfterRowProblemsByTapeName() {
    List<LabelRow> rows = List.of(row("b.mp4", 2, 9, 0, 2), row("a.mp4", 0, 3, 1, 3), row("a.mp4", 0, 12, 0, 4));
    List<LabelProblem> problems = LabelValidation.problems(rows, Map.of("a.mp4", 10L, "b.mp4", 10L), true);
    assertThat(problems).extracting(LabelProblem::kind, LabelProblem::line, LabelProblem::video)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.PAST_END, 4L, "a.mp4"),
            org.assertj.core.groups.Tuple.tuple(Kind.CONFLICT, 4L, "a.mp4"),
            org.assertj.core.groups.Tuple.tuple(Kind.NOT_COVERED, 0L, "b.mp4"));
    assertThat(problems.get(2).frames()).isEqualTo(FrameRange.of(0, 1));
  }

  // ---- the exception ----

  @Example
  void validateListsEveryProblemFirstLineFirst() {
    List<LabelRow> rows = List.of(row("tape-01.mp4", 0, 404, 0, 2), row("x.mp4", 0, 9, 1, 3),
        row("tape-02.mp4", 0, 900, 0, 7));
    Map<String, Long> frames = Map.of("tape-01.mp4", 578L, "tape-02.mp4", 900L);
    assertThatThrownBy(() -> LabelValidation.validate(rows, frames, true, SOURCE))
        .isInstanceOfSatisfying(LabelProblemsException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.source()).isEqualTo(SOURCE);
          assertThat(e.problems()).hasSize(3);
          assertThat(e.getMessage()).isEqualTo(String.join("\n",
              "labels.csv line 3: unknown tape x.mp4; known: tape-01.mp4 and tape-02.mp4",
              "labels.csv line 7: end_frame 900 is past the last frame 899 of tape-02.mp4",
              "labels.csv: tape-01.mp4 frames 405..577 are not labelled (no row covers them)"));
        })
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void theMessageListsAtMostTwentyProblems() {
    List<LabelRow> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(row("a.mp4", 10 * i, 10 * i + 20, 0, i + 2));
    }
    LabelProblemsException e = new LabelProblemsException(SOURCE,
        LabelValidation.problems(rows, Map.of("a.mp4", 5L), false));
    assertThat(e.problems()).hasSize(25);
    assertThat(e.getMessage().split("\n")).hasSize(21);
    assertThat(e.getMessage()).startsWith("labels.csv line 2: end_frame 20 is past the last frame 4 of a.mp4\n")
        .endsWith("\n... and 5 more problems in labels.csv");
  }

  @Example
  void validateReturnsTheLabelsWhenAllIsWell() {
    Labels labels = LabelValidation.validate(List.of(row("a.mp4", 0, 4, 0, 2), row("a.mp4", 5, 9, 1, 3)),
        Map.of("a.mp4", 10L, "b.mp4", 3L), true, SOURCE);
    assertThat(labels.videos()).containsExactly("a.mp4");
    assertThat(labels.positives("a.mp4")).containsExactly(FrameRange.of(5, 9));
  }

  @Example
  void rejectsANegativeFrameCount() {
    assertThatThrownBy(() -> LabelValidation.problems(List.of(), Map.of("a.mp4", -1L), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot check labels: a tape's frame count must be 0 or more (video=a.mp4, frames=-1)");
  }

  @Example
  void anExceptionWithoutProblemsIsAMistake() {
    assertThatThrownBy(() -> new LabelProblemsException(SOURCE, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot report label problems: there are none (source=labels.csv)");
  }

  // ---- against a naive model ----

  /** Known tapes of the exhaustive cases: a has frames 0..2, b frame 0, c none; x is unknown. */
  private static final Map<String, Long> SMALL_TAPES = Map.of("a.mp4", 3L, "b.mp4", 1L, "c.mp4", 0L);

  /** Every list of up to three rows over a small universe, both settings, against the naive model. */
  @Example
  void everyListOfUpToThreeSmallRowsMatchesTheNaiveModel() {
    List<LabelRow> universe = new ArrayList<>();
    for (int label = 0; label <= 1; label++) {
      for (long first = 0; first <= 3; first++) {
        for (long last = first; last <= 3; last++) {
          universe.add(row("a.mp4", first, last, label, 0));
        }
      }
      for (long first = 0; first <= 1; first++) {
        for (long last = first; last <= 1; last++) {
          universe.add(row("b.mp4", first, last, label, 0));
        }
      }
      universe.add(row("c.mp4", 0, 0, label, 0));
      universe.add(row("x.mp4", 1, 2, label, 0));
    }
    int cases = 0;
    List<List<LabelRow>> lists = new ArrayList<>();
    lists.add(List.of());
    for (int length = 1; length <= 3; length++) {
      List<List<LabelRow>> longer = new ArrayList<>();
      for (List<LabelRow> list : lists) {
        if (list.size() == length - 1) {
          for (LabelRow next : universe) {
            List<LabelRow> extended = new ArrayList<>(list);
            extended.add(next);
            longer.add(extended);
          }
        }
      }
      lists.addAll(longer);
    }
    for (List<LabelRow> list : lists) {
      List<LabelRow> numbered = numbered(list);
      assertMatchesModel(numbered, SMALL_TAPES, false);
      assertMatchesModel(numbered, SMALL_TAPES, true);
      cases++;
    }
    assertThat(cases).isEqualTo(1 + 30 + 30 * 30 + 30 * 30 * 30);
  }

  @Property(tries = 1000)
  void randomRowsMatchTheNaiveModel(@ForAll("rows") List<LabelRow> rows, @ForAll("frameCounts") Map<String, Long>
      frames, @ForAll boolean full) {
    assertMatchesModel(rows, frames, full);
  }

  @Provide
  Arbitrary<List<LabelRow>> rows() {
    Arbitrary<LabelRow> row = Combinators.combine(
        Arbitraries.of("a.mp4", "b.mp4", "x.mp4"), Arbitraries.longs().between(0, 24),
        Arbitraries.longs().between(1, 10), Arbitraries.integers().between(0, 1))
        .as((video, first, length, label) -> row(video, first, first + length - 1, label, 0));
    return row.list().ofMaxSize(9).map(LabelValidationTest::numbered);
  }

  @Provide
  Arbitrary<Map<String, Long>> frameCounts() {
    return Combinators.combine(Arbitraries.longs().between(0, 30), Arbitraries.longs().between(0, 30))
        .as((a, b) -> Map.of("a.mp4", a, "b.mp4", b));
  }

  /** Lines as in a file with a header: row i is on line i + 2. */
  private static List<LabelRow> numbered(List<LabelRow> rows) {
    List<LabelRow> numbered = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      LabelRow r = rows.get(i);
      numbered.add(new LabelRow(r.video(), r.range(), r.label(), i + 2));
    }
    return numbered;
  }

  record Expected(Kind kind, long line, String video, FrameRange frames) {}

  private static void assertMatchesModel(List<LabelRow> rows, Map<String, Long> frames, boolean full) {
    List<LabelProblem> actual = LabelValidation.problems(rows, frames, full);
    List<Expected> expected = new ArrayList<>();
    List<List<Long>> partners = new ArrayList<>();
    boolean anyConflict = false;
    for (int i = 0; i < rows.size(); i++) {
      LabelRow row = rows.get(i);
      Long count = frames.get(row.video());
      boolean firstOfVideo = true;
      for (int j = 0; j < i; j++) {
        firstOfVideo &= !rows.get(j).video().equals(row.video());
      }
      if (count == null && firstOfVideo) {
        expected.add(new Expected(Kind.UNKNOWN_TAPE, row.line(), row.video(), row.range()));
        partners.add(List.of());
      }
      if (count != null && row.range().last() > count - 1) {
        expected.add(new Expected(Kind.PAST_END, row.line(), row.video(), row.range()));
        partners.add(List.of());
      }
      List<Long> contradicted = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        LabelRow other = rows.get(j);
        boolean shareAFrame = false;
        for (long f = row.range().first(); f <= row.range().last(); f++) {
          shareAFrame |= other.range().contains(f);
        }
        if (other.video().equals(row.video()) && other.label() != row.label() && shareAFrame) {
          contradicted.add(other.line());
        }
      }
      if (!contradicted.isEmpty()) {
        expected.add(new Expected(Kind.CONFLICT, row.line(), row.video(), row.range()));
        partners.add(contradicted);
        anyConflict = true;
      }
    }
    if (full) {
      TreeSet<String> videos = new TreeSet<>();
      rows.forEach(r -> videos.add(r.video()));
      for (String video : videos) {
        Long count = frames.get(video);
        if (count == null) {
          continue;
        }
        long runStart = -1;
        for (long f = 0; f <= count; f++) {
          boolean covered = f == count;
          for (LabelRow r : rows) {
            covered |= r.video().equals(video) && r.range().contains(f);
          }
          if (!covered && runStart < 0) {
            runStart = f;
          } else if (covered && runStart >= 0) {
            expected.add(new Expected(Kind.NOT_COVERED, 0, video, FrameRange.of(runStart, f - 1)));
            partners.add(List.of());
            runStart = -1;
          }
        }
      }
    }

    List<Expected> found = actual.stream().map(p -> new Expected(p.kind(), p.line(), p.video(), p.frames())).toList();
    // Plain comparisons first: the exhaustive test runs this some 55,000 times.
    if (!found.equals(expected)) {
      assertThat(found).as("rows %s, frames %s, full %s", rows, frames, full).containsExactlyElementsOf(expected);
    }
    for (int k = 0; k < actual.size(); k++) {
      for (long line : partners.get(k)) {
        if (!actual.get(k).text().contains(" " + line + " (frame")) {
          assertThat(actual.get(k).text()).as("names contradicted line %s", line).contains(" " + line + " (frame");
        }
      }
    }
    // No conflict exactly when Labels accepts the rows.
    boolean accepted;
    try {
      Labels.of(rows, SOURCE);
      accepted = true;
    } catch (CsvFormatException e) {
      accepted = false;
    }
    if (accepted == anyConflict) {
      assertThat(accepted).as("Labels.of accepts %s", rows).isEqualTo(!anyConflict);
    }
  }
}
