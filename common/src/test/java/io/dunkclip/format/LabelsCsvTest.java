package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsCsvTest {

  private static final String HEADER = "video,start_frame,end_frame,label\n";

  private static List<LabelRow> read(String text) {
    return LabelsCsv.read(new StringReader(text), "labels.csv");
  }

  private static void assertFails(ThrowingCallable read, long line, String message) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.source()).isEqualTo("labels.csv");
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void readsRowsWithTheirLines() {
    List<LabelRow> rows = read(HEADER + "a.mp4,0,99,0\na.mp4,100,150,1\nb.mp4,7,7,1\n");
    assertThat(rows).containsExactly(
        new LabelRow("a.mp4", FrameRange.of(0, 99), 0, 2),
        new LabelRow("a.mp4", FrameRange.of(100, 150), 1, 3),
        new LabelRow("b.mp4", FrameRange.of(7, 7), 1, 4));
  }

  @Test
  void headerOnlyMeansNoRows() {
    assertThat(read(HEADER)).isEmpty();
    assertThat(read("video,start_frame,end_frame,label")).isEmpty();
  }

  @Test
  void readsAByteOrderMarkAndCrlfLineEndings() {
    String text = "\uFEFFvideo,start_frame,end_frame,label\r\na.mp4,0,9,1\r\nb.mp4,3,4,0\r\n";
    assertThat(read(text)).containsExactly(
        new LabelRow("a.mp4", FrameRange.of(0, 9), 1, 2),
        new LabelRow("b.mp4", FrameRange.of(3, 4), 0, 3));
  }

  @Test
  void toleratesBlankLinesAndCountsThemInLineNumbers() {
    String text = HEADER + "\na.mp4,0,9,1\n\n   \nb.mp4,3,4,0\n\n\n";
    assertThat(read(text)).extracting(LabelRow::line).containsExactly(3L, 6L);
  }

  @Test
  void lineNumbersCountBlankCrlfLinesToo() {
    String text = HEADER.replace("\n", "\r\n") + "\r\n\r\na.mp4,0,9,1\r\nb.mp4,x,4,0\r\n";
    assertFails(() -> read(text), 5,
        "labels.csv line 5: start_frame must be a frame number 0 or more, written with digits"
            + " only (start_frame=x)");
  }

  @Test
  void lineNumbersArePhysicalLinesAfterAQuotedLineBreak() {
    String text = HEADER + "\"odd\nname.mp4\",0,9,1\nb.mp4,5,4,0\n";
    assertThat(read(text.replace("b.mp4,5,4,0\n", ""))).extracting(LabelRow::video)
        .containsExactly("odd\nname.mp4");
    assertFails(() -> read(text), 4,
        "labels.csv line 4: end_frame must not be before start_frame 5, both ends are inclusive"
            + " (end_frame=4)");
  }

  @Test
  void quotedFieldsMayHoldCommas() {
    assertThat(read(HEADER + "\"game, part 1.mp4\",0,9,1\n"))
        .extracting(LabelRow::video).containsExactly("game, part 1.mp4");
  }

  @Test
  void surroundingSpacesAreIgnored() {
    assertThat(read(HEADER + " a.mp4 , 0 ,9,  1\n"))
        .containsExactly(new LabelRow("a.mp4", FrameRange.of(0, 9), 1, 2));
  }

  @Test
  void rejectsAnEmptyFile() {
    assertFails(() -> read(""), 1,
        "labels.csv line 1: the file is empty, it needs at least the header"
            + " video,start_frame,end_frame,label (header=)");
    assertFails(() -> read("\n\n"), 1,
        "labels.csv line 1: the file is empty, it needs at least the header"
            + " video,start_frame,end_frame,label (header=)");
  }

  @Test
  void rejectsAMissingHeader() {
    assertFails(() -> read("a.mp4,0,9,1\n"), 1,
        "labels.csv line 1: the first row must be the header video,start_frame,end_frame,label"
            + " (header=a.mp4,0,9,1)");
  }

  @Test
  void rejectsAWrongHeaderOnItsLine() {
    assertFails(() -> read("\nvideo,start,end,label\n"), 2,
        "labels.csv line 2: the first row must be the header video,start_frame,end_frame,label"
            + " (header=video,start,end,label)");
  }

  @Test
  void rejectsTooFewColumns() {
    assertFails(() -> read(HEADER + "a.mp4,0,9,1\na.mp4,10,20\n"), 3,
        "labels.csv line 3: expected 4 columns video,start_frame,end_frame,label but found 3"
            + " (columns=3)");
  }

  @Test
  void rejectsTooManyColumns() {
    assertFails(() -> read(HEADER + "a.mp4,10,20,1,extra\n"), 2,
        "labels.csv line 2: expected 4 columns video,start_frame,end_frame,label but found 5"
            + " (columns=5)");
  }

  @ParameterizedTest
  @CsvSource(value = {"abc", "-1", "1.5", "''", "+3", "1e3", "99999999999999999999"},
      quoteCharacter = '\'')
  void rejectsABadStartFrame(String frame) {
    assertFails(() -> read(HEADER + "a.mp4,0,9,1\na.mp4," + frame + ",20,1\n"), 3,
        "labels.csv line 3: start_frame must be a frame number 0 or more, written with digits"
            + " only (start_frame=" + frame + ")");
  }

  @Test
  void rejectsABadEndFrame() {
    assertFails(() -> read(HEADER + "a.mp4,10,-20,1\n"), 2,
        "labels.csv line 2: end_frame must be a frame number 0 or more, written with digits"
            + " only (end_frame=-20)");
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    assertFails(() -> read(HEADER + "a.mp4,10,9,1\n"), 2,
        "labels.csv line 2: end_frame must not be before start_frame 10, both ends are"
            + " inclusive (end_frame=9)");
  }

  @Test
  void acceptsASingleFrameRange() {
    assertThat(read(HEADER + "a.mp4,10,10,1\n")).extracting(LabelRow::range)
        .containsExactly(FrameRange.of(10, 10));
  }

  @ParameterizedTest
  @CsvSource(value = {"2", "-1", "''", "yes", "1.0", "01"}, quoteCharacter = '\'')
  void rejectsALabelOtherThanZeroOrOne(String label) {
    assertFails(() -> read(HEADER + "a.mp4,0,9," + label + "\n"), 2,
        "labels.csv line 2: label must be 1 (player in frame) or 0 (no player) (label="
            + label + ")");
  }

  @Test
  void rejectsAnEmptyVideoName() {
    assertFails(() -> read(HEADER + "a.mp4,0,9,1\n,0,9,1\n"), 3,
        "labels.csv line 3: video must not be empty (video=)");
  }

  @ParameterizedTest
  @CsvSource(value = {"dir/a.mp4", "dir\\a.mp4", "/a.mp4", "..", "."}, quoteCharacter = '\'')
  void rejectsAVideoNameThatIsNotAPlainFileName(String video) {
    assertFails(() -> read(HEADER + video + ",0,9,1\n"), 2,
        "labels.csv line 2: video must be a plain file name, without '/' or '\\' (video="
            + video + ")");
  }

  @Test
  void rejectsAnUnterminatedQuoteOnTheLineWhereTheRowStarts() {
    assertThatThrownBy(() -> read(HEADER + "a.mp4,0,9,1\n\n\"b.mp4,0,9,1\nc.mp4,0,9,1\n"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.getMessage())
              .startsWith("labels.csv line 4: malformed CSV, check the quotes: ")
              .endsWith("(text=\"b.mp4,0,9,1)");
        });
  }

  @Test
  void rejectsTextAfterAClosingQuote() {
    assertThatThrownBy(() -> read(HEADER + "a.mp4,0,9,1\n\"b.mp4\"x,0,9,1\n"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).startsWith("labels.csv line 3: malformed CSV");
        });
  }

  @Test
  void writesWhatItReads() {
    List<LabelRow> rows = List.of(
        new LabelRow("a.mp4", FrameRange.of(0, 99), 0, 0),
        new LabelRow("game, \"final\".mp4", FrameRange.of(100, 150), 1, 0));
    StringWriter out = new StringWriter();
    LabelsCsv.write(out, rows);

    assertThat(out.toString()).isEqualTo(HEADER
        + "a.mp4,0,99,0\n"
        + "\"game, \"\"final\"\".mp4\",100,150,1\n");
    assertThat(read(out.toString())).containsExactly(
        new LabelRow("a.mp4", FrameRange.of(0, 99), 0, 2),
        new LabelRow("game, \"final\".mp4", FrameRange.of(100, 150), 1, 3));
  }

  @Test
  void writesJustTheHeaderForNoRows() {
    StringWriter out = new StringWriter();
    LabelsCsv.write(out, List.of());
    assertThat(out.toString()).isEqualTo(HEADER);
  }

  @Test
  void labelRowRejectsBadValues() {
    assertThatThrownBy(() -> new LabelRow("a.mp4", FrameRange.of(0, 1), 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create label row: label must be 0 (no player) or 1 (player in frame)"
            + " (label=2)");
    assertThatThrownBy(() -> new LabelRow("x/a.mp4", FrameRange.of(0, 1), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create label row: the video must be a plain file name, without '/'"
            + " or '\\' (video=x/a.mp4)");
    assertThatThrownBy(() -> new LabelRow(" a.mp4", FrameRange.of(0, 1), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create label row: the video must not start or end with whitespace"
            + " (video= a.mp4)");
    assertThatThrownBy(() -> new LabelRow("a.mp4", FrameRange.of(0, 1), 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create label row: line must be 1 or more, or 0 when not read from a"
            + " file (line=-1)");
  }
}
