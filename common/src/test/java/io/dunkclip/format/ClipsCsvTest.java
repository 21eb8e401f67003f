package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClipsCsvTest {

  private static final String HEADER = "video,clip,start_frame,end_frame,start_sec,end_sec,score\n";

  private static List<ClipRow> read(String text) {
    return ClipsCsv.read(new StringReader(text), "clips.csv");
  }

  private static void assertFails(ThrowingCallable read, long line, String message) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.source()).isEqualTo("clips.csv");
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void readsRows() {
    assertThat(read(HEADER + "a.mp4,1,100,149,4.000,5.960,0.9731\na.mp4,2,300,300,12,12,1\n"))
        .containsExactly(
            new ClipRow("a.mp4", 1, FrameRange.of(100, 149), 4.0, 5.96, 0.9731),
            new ClipRow("a.mp4", 2, FrameRange.of(300, 300), 12.0, 12.0, 1.0));
  }

  @Test
  void readsAByteOrderMarkCrlfAndTrailingBlankLines() {
    String text = "\uFEFF" + HEADER.replace("\n", "\r\n") + "a.mp4,1,0,9,0.000,0.360,0.5000\r\n\r\n";
    assertThat(read(text)).containsExactly(
        new ClipRow("a.mp4", 1, FrameRange.of(0, 9), 0.0, 0.36, 0.5));
  }

  @Test
  void roundTripsThroughWriteAndRead() {
    List<ClipRow> rows = List.of(
        new ClipRow("a.mp4", 1, FrameRange.of(100, 149), 4.0, 5.96, 0.9731),
        new ClipRow("a.mp4", 2, FrameRange.of(300, 420), 12.012, 16.8, 1.0),
        new ClipRow("b, \"second\".mp4", 1, FrameRange.of(0, 0), 0.0, 0.0, 0.0));
    StringWriter out = new StringWriter();
    ClipsCsv.write(out, rows);

    assertThat(out.toString()).isEqualTo(HEADER
        + "a.mp4,1,100,149,4.000,5.960,0.9731\n"
        + "a.mp4,2,300,420,12.012,16.800,1.0000\n"
        + "\"b, \"\"second\"\".mp4\",1,0,0,0.000,0.000,0.0000\n");
    assertThat(read(out.toString())).isEqualTo(rows);
  }

  @Test
  void writesRoundedDecimalsWithADotWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      StringWriter out = new StringWriter();
      ClipsCsv.write(out, List.of(
          new ClipRow("a.mp4", 1, FrameRange.of(0, 9), 1.23456, 2.0004, 0.123456)));
      assertThat(out.toString()).endsWith("a.mp4,1,0,9,1.235,2.000,0.1235\n");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void negativeZeroIsWrittenAsZero() {
    StringWriter out = new StringWriter();
    ClipsCsv.write(out, List.of(new ClipRow("a.mp4", 1, FrameRange.of(0, 9), -0.0, -0.0, -0.0)));
    assertThat(out.toString()).endsWith("a.mp4,1,0,9,0.000,0.000,0.0000\n");
  }

  @Test
  void rejectsAWrongHeader() {
    assertFails(() -> read("video,clip,start_frame,end_frame,score\n"), 1,
        "clips.csv line 1: the first row must be the header"
            + " video,clip,start_frame,end_frame,start_sec,end_sec,score"
            + " (header=video,clip,start_frame,end_frame,score)");
  }

  @Test
  void rejectsAWrongNumberOfColumns() {
    assertFails(() -> read(HEADER + "a.mp4,1,0,9,0.0,0.36\n"), 2,
        "clips.csv line 2: expected 7 columns"
            + " video,clip,start_frame,end_frame,start_sec,end_sec,score but found 6 (columns=6)");
  }

  @ParameterizedTest
  @CsvSource(value = {"0", "-1", "x", "''", "2147483648", "1000"}, quoteCharacter = '\'')
  void rejectsABadClipNumber(String clip) {
    assertThatThrownBy(() -> read(HEADER + "a.mp4," + clip + ",0,9,0.0,0.36,0.5\n"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.getMessage()).startsWith("clips.csv line 2: clip must be a clip number")
              .endsWith("(clip=" + clip + ")");
        });
  }

  @Test
  void clipNumbersRunFrom1To999AsTheClipFileNamesHoldThem() {
    assertThat(read(HEADER + "a.mp4,999,0,9,0.0,0.36,0.5\n")).singleElement()
        .satisfies(row -> assertThat(row.clip()).isEqualTo(999));
    assertFails(() -> read(HEADER + "a.mp4,1,0,9,0.0,0.36,0.5\na.mp4,1000,20,29,1.0,1.36,0.5\n"), 3,
        "clips.csv line 3: clip must be a clip number from 1 to 999, the three digits of a clip file's name"
            + " (clip=1000)");
  }

  @Test
  void rejectsABadFrame() {
    assertFails(() -> read(HEADER + "a.mp4,1,0,nine,0.0,0.36,0.5\n"), 2,
        "clips.csv line 2: end_frame must be a frame number 0 or more, written with digits only"
            + " (end_frame=nine)");
  }

  @Test
  void rejectsAnEndFrameBeforeTheStart() {
    assertFails(() -> read(HEADER + "a.mp4,1,10,9,0.0,0.36,0.5\n"), 2,
        "clips.csv line 2: end_frame must not be before start_frame 10, both ends are inclusive"
            + " (end_frame=9)");
  }

  @ParameterizedTest
  @CsvSource(value = {"-1.0", "'1,5'", "NaN", "Infinity", "1e3", "''", "0x1p3", "1d"},
      quoteCharacter = '\'')
  void rejectsABadTime(String seconds) {
    String field = seconds.contains(",") ? "\"" + seconds + "\"" : seconds;
    assertFails(() -> read(HEADER + "a.mp4,1,0,9," + field + ",0.36,0.5\n"), 2,
        "clips.csv line 2: start_sec must be a time in seconds 0 or more, written as a decimal"
            + " number with '.' (start_sec=" + seconds + ")");
  }

  @Test
  void acceptsDecimalsWithoutLeadingOrTrailingDigits() {
    assertThat(read(HEADER + "a.mp4,1,0,9,.5,1.,0\n"))
        .containsExactly(new ClipRow("a.mp4", 1, FrameRange.of(0, 9), 0.5, 1.0, 0.0));
  }

  @Test
  void rejectsAnEndTimeBeforeTheStartTime() {
    assertFails(() -> read(HEADER + "a.mp4,1,0,9,4.000,3.999,0.5\n"), 2,
        "clips.csv line 2: end_sec must not be before start_sec 4.000 (end_sec=3.999)");
  }

  @Test
  void rejectsAScoreAboveOne() {
    assertFails(() -> read(HEADER + "a.mp4,1,0,9,0.0,0.36,1.0001\n"), 2,
        "clips.csv line 2: score must be a score between 0 and 1 (score=1.0001)");
  }

  @Test
  void rejectsANegativeScore() {
    assertFails(() -> read(HEADER + "a.mp4,1,0,9,0.0,0.36,-0.5\n"), 2,
        "clips.csv line 2: score must be a score between 0 and 1, written as a decimal number"
            + " with '.' (score=-0.5)");
  }

  @Test
  void rejectsADuplicateClipOfOneVideoNamingTheFirstLine() {
    String text = HEADER
        + "a.mp4,1,0,9,0.0,0.36,0.5\n"
        + "b.mp4,1,0,9,0.0,0.36,0.5\n"
        + "\n"
        + "a.mp4,1,20,29,0.8,1.16,0.5\n";
    assertFails(() -> read(text), 5,
        "clips.csv line 5: clip 1 of video a.mp4 is already on line 2; clip numbers must be"
            + " unique per video (clip=1)");
  }

  @Test
  void rejectsAVideoNameWithADirectory() {
    assertFails(() -> read(HEADER + "out/a.mp4,1,0,9,0.0,0.36,0.5\n"), 2,
        "clips.csv line 2: video must be a plain file name, without '/' or '\\'"
            + " (video=out/a.mp4)");
  }

  @Test
  void writeRejectsADuplicateClip() {
    ClipRow row = new ClipRow("a.mp4", 3, FrameRange.of(0, 9), 0.0, 0.36, 0.5);
    assertThatThrownBy(() -> ClipsCsv.write(new StringWriter(), List.of(row, row)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot write clips: clip numbers must be unique per video, video a.mp4 has"
            + " clip 3 twice (clip=3)");
  }

  @Test
  void clipRowRejectsBadValues() {
    FrameRange range = FrameRange.of(0, 9);
    assertThatThrownBy(() -> new ClipRow("a.mp4", 0, range, 0.0, 1.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip row: clips are numbered from 1 (clip=0)");
    assertThatThrownBy(() -> new ClipRow("a.mp4", 1, range, -1.0, 1.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip row: start time must be a finite number of seconds,"
            + " 0 or more (startSec=-1.0)");
    assertThatThrownBy(() -> new ClipRow("a.mp4", 1, range, 2.0, 1.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip row: end time must be finite and not before the start"
            + " time 2.0 (endSec=1.0)");
    assertThatThrownBy(() -> new ClipRow("a.mp4", 1, range, 0.0, Double.POSITIVE_INFINITY, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(endSec=Infinity)");
    assertThatThrownBy(() -> new ClipRow("a.mp4", 1, range, 0.0, 1.0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip row: score must be in [0, 1] (score=NaN)");
    assertThatThrownBy(() -> new ClipRow("", 1, range, 0.0, 1.0, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip row: the video must not be empty (video=)");
  }
}
