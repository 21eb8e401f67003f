package io.dunkclip.format;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a whole CSV file with a required header into rows that know their physical line, and
 * writes rows with a header. Shared by the readers and writers of this package.
 */
final class CsvTable {

  private static final int MAX_QUOTED_TEXT = 80;

  private CsvTable() {}

  /**
   * The data rows of the file, after checking the header and the number of columns. The file is
   * read into memory whole: label and clip files are small, and having the text lets errors point
   * at physical lines even when blank lines or quoted line breaks make them differ from records.
   */
  static List<CsvRow> read(Reader in, String source, List<String> header) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    String text = readAll(in, source);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    LineIndex lines = new LineIndex(text);
    List<CsvRow> rows = new ArrayList<>();
    boolean headerSeen = false;
    long lastEndLine = 0;
    try (CSVParser parser = CSVParser.parse(text, CsvFormats.READ_EDITED)) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          // A quoting error: point at the line where the broken record starts.
          long line = lines.firstNonEmptyLineAfter(lastEndLine);
          throw new CsvFormatException(source, line,
              "malformed CSV, check the quotes: " + e.getCause().getMessage(), "text",
              shorten(lines.lineText(line)), e);
        }
        lastEndLine = parser.getCurrentLineNumber();
        long line = lines.recordLine(record.getCharacterPosition());
        List<String> values = record.toList();
        if (values.size() == 1 && values.get(0).isEmpty()) {
          continue; // a line of spaces only
        }
        if (!headerSeen) {
          if (!values.equals(header)) {
            throw new CsvFormatException(source, line,
                "the first row must be the header " + String.join(",", header), "header",
                String.join(",", values));
          }
          headerSeen = true;
          continue;
        }
        if (values.size() != header.size()) {
          throw new CsvFormatException(source, line,
              "expected " + header.size() + " columns " + String.join(",", header)
                  + " but found " + values.size(), "columns", String.valueOf(values.size()));
        }
        rows.add(new CsvRow(source, line, header, values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + source + ": " + e.getMessage(), e);
    }
    if (!headerSeen) {
      throw new CsvFormatException(source, 1,
          "the file is empty, it needs at least the header " + String.join(",", header),
          "header", "");
    }
    return rows;
  }

  /** Writes the header and the rows, one line each ({@link CsvFormats#WRITE}). */
  static void write(Writer out, List<String> header, List<List<String>> rows) {
    Objects.requireNonNull(out, "out");
    try {
      CSVPrinter printer = new CSVPrinter(out, CsvFormats.WRITE);
      printer.printRecord(header);
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
      // Not closed: the caller owns the writer.
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write CSV: " + e.getMessage(), e);
    }
  }

  private static String readAll(Reader in, String source) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
    }
    return text.toString();
  }

  private static String shorten(String text) {
    return text.length() <= MAX_QUOTED_TEXT ? text : text.substring(0, MAX_QUOTED_TEXT) + "...";
  }
}
