package io.dunkclip.format;

import java.util.Arrays;

/** Maps character positions of a text to 1-based physical line numbers. */
final class LineIndex {

  private final String text;
  /** Start position of each line; \n, \r\n and a lone \r each end a line, as in commons-csv. */
  private final int[] lineStarts;

  LineIndex(String text) {
    this.text = text;
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.length()
          || text.charAt(i + 1) != '\n'));
      if (lineBreak) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  /** The line of the character at {@code position}. */
  long lineAt(long position) {
    int index = Arrays.binarySearch(lineStarts, (int) position);
    return index >= 0 ? index + 1 : -index - 1;
  }

  /**
   * The line a record starts on, given the position commons-csv reports for it. That position
   * lies before any empty lines the parser skipped on the way to the record, so skip them here.
   */
  long recordLine(long position) {
    int p = (int) position;
    while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
      p++;
    }
    return lineAt(p);
  }

  /** The first line after {@code line} that is not empty, or the last line if there is none. */
  long firstNonEmptyLineAfter(long line) {
    for (long candidate = line + 1; candidate <= lineStarts.length; candidate++) {
      if (!lineText(candidate).isEmpty()) {
        return candidate;
      }
    }
    return lineStarts.length;
  }

  /** The text of a line, without its line break. */
  String lineText(long line) {
    int start = lineStarts[(int) line - 1];
    int end = line < lineStarts.length ? lineStarts[(int) line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }
}
