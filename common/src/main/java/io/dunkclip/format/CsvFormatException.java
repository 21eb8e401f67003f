package io.dunkclip.format;

/**
 * A CSV file that cannot be used as it is, with the line to fix.
 *
 * <p>The message reads {@code "<source> line <n>: <what is wrong> (<column>=<value>)"}.
 */
public final class CsvFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;

  /**
   * @param source the file's name or path, as the user knows it
   * @param line 1-based physical line of the file; the header is line 1 unless blank lines precede
   *     it
   * @param problem what is wrong and, where it helps, what would be right
   * @param column the column (or other item) that is wrong
   * @param value the offending value as found in the file
   */
  public CsvFormatException(
      String source, long line, String problem, String column, String value) {
    this(source, line, problem, column, value, null);
  }

  public CsvFormatException(
      String source, long line, String problem, String column, String value, Throwable cause) {
    super(source + " line " + line + ": " + problem + " (" + column + "=" + value + ")", cause);
    this.source = source;
    this.line = line;
  }

  /** The file's name or path, as given to the reader. */
  public String source() {
    return source;
  }

  /** 1-based physical line of the file where the problem is. */
  public long line() {
    return line;
  }
}
