package io.dunkclip.format;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV dialect of every table dunkclip writes, contracts (labels, clips) and side tables alike
 * ({@code _tapes.csv}, {@code _errors.csv}, the nightly ledger, render's manifest, train's metrics, the update
 * journal): commons-csv's default quoting (fields quoted only when they need it), a header row first, and every line
 * ending with {@code \n}. Readers take {@code \n} and {@code \r\n} alike: side tables written before this rule ended
 * their lines with {@code \r\n} and still read.
 */
public final class CsvFormats {
  /** How every table is written: lines end with {@code \n}. */
  public static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

  /** How a table with a header row is read: by column name; either line ending. */
  public static final CSVFormat READ_WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .build();

  /** How a table's rows are read as they are, the header row included, for readers that check it themselves. */
  public static final CSVFormat READ_ROWS = CSVFormat.DEFAULT;

  /**
   * How the contracts people edit (labels, clips) are read: values trimmed, blank lines skipped; the header row is
   * a row, checked by the reader ({@link CsvTable}) so a wrong one is reported with its line.
   */
  public static final CSVFormat READ_EDITED = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true)
      .build();

  private CsvFormats() {}

  /** A printer that has written {@code header}; the caller closes or flushes it. */
  public static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
    return new CSVPrinter(out, WRITE.builder().setHeader(header.toArray(String[]::new)).build());
  }

  /** A parser of a table whose first row is its header ({@link CSVParser#getHeaderNames()}). */
  public static CSVParser parser(Reader in) throws IOException {
    return READ_WITH_HEADER.parse(in);
  }
}
