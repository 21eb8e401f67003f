package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineIndexTest {

  @Test
  void countsLfCrlfAndLoneCrAsLineBreaks() {
    LineIndex index = new LineIndex("a\nb\r\nc\rd");
    assertThat(index.lineAt(0)).isEqualTo(1);
    assertThat(index.lineAt(1)).isEqualTo(1); // the \n belongs to the line it ends
    assertThat(index.lineAt(2)).isEqualTo(2);
    assertThat(index.lineAt(4)).isEqualTo(2);
    assertThat(index.lineAt(5)).isEqualTo(3);
    assertThat(index.lineAt(7)).isEqualTo(4);
    assertThat(index.lineText(2)).isEqualTo("b");
    assertThat(index.lineText(4)).isEqualTo("d");
  }

  @Test
  void recordLineSkipsEmptyLinesBeforeTheRecord() {
    LineIndex index = new LineIndex("h\n\r\n\nx\n");
    assertThat(index.recordLine(2)).isEqualTo(4);
  }

  @Test
  void firstNonEmptyLineAfterSkipsEmptyLines() {
    LineIndex index = new LineIndex("h\n\n\nx\n");
    assertThat(index.firstNonEmptyLineAfter(1)).isEqualTo(4);
    // Past the last line with text: the last line.
    assertThat(index.firstNonEmptyLineAfter(4)).isEqualTo(5);
  }
}
