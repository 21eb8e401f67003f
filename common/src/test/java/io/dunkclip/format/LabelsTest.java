package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LabelsTest {

  private static LabelRow row(String video, long first, long last, int label, long line) {
    return new LabelRow(video, FrameRange.of(first, last), label, line);
  }

  @Example
  void positivesAreCoalescedAndSorted() {
    Labels labels = Labels.of(List.of(
        row("a.mp4", 50, 60, 1, 2),
        row("a.mp4", 0, 9, 1, 3),
        row("a.mp4", 10, 12, 1, 4),
        row("a.mp4", 55, 70, 1, 5),
        row("a.mp4", 13, 49, 0, 6)), "labels.csv");

    assertThat(labels.positives("a.mp4"))
        .containsExactly(FrameRange.of(0, 12), FrameRange.of(50, 70));
  }

  @Example
  void uncoveredFramesAndUnknownVideosAreZero() {
    Labels labels = Labels.of(List.of(row("a.mp4", 10, 19, 1, 2), row("a.mp4", 30, 30, 1, 3)),
        "labels.csv");

    assertThat(labels.label("a.mp4", 9)).isZero();
    assertThat(labels.label("a.mp4", 10)).isEqualTo(1);
    assertThat(labels.label("a.mp4", 19)).isEqualTo(1);
    assertThat(labels.label("a.mp4", 20)).isZero();
    assertThat(labels.label("a.mp4", 30)).isEqualTo(1);
    assertThat(labels.label("a.mp4", 31)).isZero();
    assertThat(labels.label("other.mp4", 10)).isZero();
    assertThat(labels.positives("other.mp4")).isEmpty();
  }

  @Example
  void videosAreSortedAndIncludeAllNegativeOnes() {
    Labels labels = Labels.of(List.of(
        row("b.mp4", 0, 9, 1, 2), row("a.mp4", 0, 99, 0, 3)), "labels.csv");

    assertThat(labels.videos()).containsExactly("a.mp4", "b.mp4");
    assertThat(labels.positivesByVideo()).isEqualTo(Map.of(
        "a.mp4", List.of(), "b.mp4", List.of(FrameRange.of(0, 9))));
  }

  @Example
  void overlappingRowsMayAgree() {
    Labels labels = Labels.of(List.of(row("a.mp4", 0, 9, 0, 2), row("a.mp4", 5, 20, 0, 3)),
        "labels.csv");
    assertThat(labels.lastLabelledFrame("a.mp4")).isEqualTo(20);
  }

  @Example
  void rejectsOverlappingRowsWithDifferentLabelsNamingBothLines() {
    List<LabelRow> rows = List.of(
        row("a.mp4", 0, 10, 0, 4),
        row("b.mp4", 5, 20, 1, 6),
        row("a.mp4", 10, 20, 1, 9));
    assertThatThrownBy(() -> Labels.of(rows, "labels.csv"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(9);
          assertThat(e.getMessage()).isEqualTo("labels.csv line 9: frames 10-20 labelled 1"
              + " overlap frames 0-10 labelled 0 on line 4 of the same video with a different"
              + " label; fix one of the two lines (video=a.mp4)");
        });
  }

  @Example
  void reportsTheLaterLineEvenWhenItHoldsTheEarlierRange() {
    List<LabelRow> rows = List.of(row("a.mp4", 50, 60, 1, 2), row("a.mp4", 0, 50, 0, 7));
    assertThatThrownBy(() -> Labels.of(rows, "labels.csv"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(7);
          assertThat(e.getMessage()).contains("frames 0-50 labelled 0 overlap frames 50-60"
              + " labelled 1 on line 2");
        });
  }

  @Example
  void findsAConflictHiddenBehindALongEarlierRow() {
    // The long 0-row spans past two 1-rows; the second 1-row still conflicts with it.
    List<LabelRow> rows = List.of(
        row("a.mp4", 0, 100, 0, 2), row("a.mp4", 200, 300, 1, 3), row("a.mp4", 90, 95, 1, 4));
    assertThatThrownBy(() -> Labels.of(rows, "labels.csv"))
        .isInstanceOfSatisfying(CsvFormatException.class,
            e -> assertThat(e.line()).isEqualTo(4));
  }

  @Example
  void touchingRowsWithDifferentLabelsAreFine() {
    Labels labels = Labels.of(List.of(row("a.mp4", 0, 9, 0, 2), row("a.mp4", 10, 19, 1, 3)),
        "labels.csv");
    assertThat(labels.label("a.mp4", 9)).isZero();
    assertThat(labels.label("a.mp4", 10)).isEqualTo(1);
  }

  @Example
  void rowCoveringFindsTheRow() {
    Labels labels = Labels.of(List.of(row("a.mp4", 0, 9, 0, 2), row("a.mp4", 10, 19, 1, 3)),
        "labels.csv");
    assertThat(labels.rowCovering("a.mp4", 12)).contains(row("a.mp4", 10, 19, 1, 3));
    assertThat(labels.rowCovering("a.mp4", 20)).isEmpty();
    assertThat(labels.rowCovering("b.mp4", 0)).isEmpty();
  }

  @Example
  void lastLabelledFrameOfAnUnknownVideoIsAnError() {
    Labels labels = Labels.of(List.of(), "labels.csv");
    assertThatThrownBy(() -> labels.lastLabelledFrame("a.mp4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find the last labelled frame: no label rows for this video"
            + " (video=a.mp4)");
  }

  @Example
  void rejectsANegativeFrame() {
    Labels labels = Labels.of(List.of(), "labels.csv");
    assertThatThrownBy(() -> labels.label("a.mp4", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot look up a label: frame numbers start at 0 (frame=-1)");
  }

  @Example
  void survivesJavaSerialization() throws Exception {
    Labels labels = Labels.of(List.of(row("a.mp4", 3, 9, 1, 2)), "labels.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(labels);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Labels copy = (Labels) in.readObject();
      assertThat(copy.positivesByVideo()).isEqualTo(labels.positivesByVideo());
      assertThat(copy.label("a.mp4", 5)).isEqualTo(1);
    }
  }

  /** Random rows of one video: accepted exactly when no frame gets both labels. */
  @Property(tries = 500)
  void labelsMatchMarkingFramesOneByOne(@ForAll("rows") List<LabelRow> rows) {
    int[] seen = new int[64]; // bit 0: labelled 0, bit 1: labelled 1
    for (LabelRow row : rows) {
      for (long frame = row.range().first(); frame <= row.range().last(); frame++) {
        seen[(int) frame] |= 1 << row.label();
      }
    }
    boolean conflict = false;
    for (int bits : seen) {
      conflict |= bits == 3;
    }

    if (conflict) {
      assertThatThrownBy(() -> Labels.of(rows, "labels.csv"))
          .isInstanceOf(CsvFormatException.class);
      return;
    }
    Labels labels = Labels.of(rows, "labels.csv");
    List<FrameRange> expectedPositives = new ArrayList<>();
    for (int frame = 0; frame < seen.length; frame++) {
      assertThat(labels.label("a.mp4", frame)).isEqualTo(seen[frame] == 2 ? 1 : 0);
      boolean positive = seen[frame] == 2;
      boolean extends_ = !expectedPositives.isEmpty()
          && expectedPositives.get(expectedPositives.size() - 1).last() == frame - 1;
      if (positive && extends_) {
        FrameRange last = expectedPositives.remove(expectedPositives.size() - 1);
        expectedPositives.add(FrameRange.of(last.first(), frame));
      } else if (positive) {
        expectedPositives.add(FrameRange.of(frame, frame));
      }
    }
    assertThat(labels.positives("a.mp4")).isEqualTo(expectedPositives);
  }

  @Provide
  Arbitrary<List<LabelRow>> rows() {
    Arbitrary<LabelRow> row = Combinators.combine(
        Arbitraries.longs().between(0, 50), Arbitraries.longs().between(1, 12),
        Arbitraries.integers().between(0, 1))
        .as((first, length, label) -> row("a.mp4", first, first + length - 1, label, 0));
    return row.list().ofMaxSize(6).map(list -> {
      List<LabelRow> numbered = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        LabelRow r = list.get(i);
        numbered.add(new LabelRow(r.video(), r.range(), r.label(), i + 2));
      }
      return numbered;
    });
  }
}
