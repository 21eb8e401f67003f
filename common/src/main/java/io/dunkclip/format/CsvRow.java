package io.dunkclip.format;

import java.util.List;
import java.util.regex.Pattern;

/** One data row of a CSV file, with its physical line, and checked parsers for its fields. */
final class CsvRow {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

  private final String source;
  private final long line;
  private final List<String> header;
  private final List<String> values;

  CsvRow(String source, long line, List<String> header, List<String> values) {
    this.source = source;
    this.line = line;
    this.header = header;
    this.values = values;
  }

  long line() {
    return line;
  }

  String text(String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalStateException("No column " + column + " in " + header);
    }
    return values.get(index);
  }

  /** A video file name: not empty and without a directory part. */
  String video(String column) {
    String video = text(column);
    String problem = VideoNames.problem(video);
    if (problem != null) {
      throw error(column + " " + problem, column, video);
    }
    return video;
  }

  /** A whole number, 0 or more, written with digits only; {@code meaning} says what it is. */
  long wholeNumber(String column, String meaning) {
    String text = text(column);
    if (WHOLE_NUMBER.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        // Falls through to the same message: only the digits were fine.
      }
    }
    throw error(column + " must be " + meaning + ", written with digits only", column, text);
  }

  /** A decimal number, 0 or more, with '.' as the decimal point and no sign or exponent. */
  double decimal(String column, String meaning) {
    String text = text(column);
    if (DECIMAL.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    throw error(column + " must be " + meaning + ", written as a decimal number with '.'", column,
        text);
  }

  CsvFormatException error(String problem, String column, String value) {
    return new CsvFormatException(source, line, problem, column, value);
  }
}
