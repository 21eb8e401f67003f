package io.dunkclip.dataset;

import io.dunkclip.format.CsvFormats;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * What an update of a dataset is about to change, written (atomically) before the first change: once the journal
 * exists the update is decided, and whoever finds it finishes it; without it the dataset is untouched. A CSV of
 * {@code kind,name} rows: one {@code staging} row (the directory holding the new copies), a {@code part} row per
 * directory that replaces the live one of the same name ({@link PartCommit}), a {@code file} row per file that
 * replaces the live one.
 *
 * @param staging the staging directory (a full URI or path)
 * @param parts names of the part directories to move from {@code staging} into the dataset
 * @param files names of the files to move from {@code staging} into the dataset, after the parts
 */
public record UpdateJournal(String staging, List<String> parts, List<String> files) {
  private static final List<String> HEADER = List.of("kind", "name");
  private static final String STAGING = "staging";
  private static final String PART = "part";
  private static final String FILE = "file";

  public UpdateJournal {
    Objects.requireNonNull(staging, "staging");
    parts = List.copyOf(parts);
    files = List.copyOf(files);
  }

  public void write(Writer out) {
    try {
      CSVPrinter csv = new CSVPrinter(out, CsvFormats.WRITE);
      csv.printRecord(HEADER);
      csv.printRecord(STAGING, staging);
      for (String part : parts) {
        csv.printRecord(PART, part);
      }
      for (String file : files) {
        csv.printRecord(FILE, file);
      }
      // Not closed: the caller owns the writer.
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the update journal: " + e.getMessage(), e);
    }
  }

  /** Reads a journal {@link #write} wrote; {@code source} names it in errors. */
  public static UpdateJournal read(Reader in, String source) {
    String staging = null;
    List<String> parts = new ArrayList<>();
    List<String> files = new ArrayList<>();
    try {
      List<CSVRecord> records = CsvFormats.READ_ROWS.parse(in).getRecords();
      if (records.isEmpty() || !records.get(0).toList().equals(HEADER)) {
        throw new IllegalArgumentException("Cannot read the update journal " + source + ": it must start with the"
            + " header " + String.join(",", HEADER) + "; delete it only after checking the dataset by hand");
      }
      for (CSVRecord record : records.subList(1, records.size())) {
        String kind = record.get(0);
        String name = record.get(1);
        switch (kind) {
          case STAGING -> staging = name;
          case PART -> parts.add(name);
          case FILE -> files.add(name);
          default -> throw new IllegalArgumentException("Cannot read the update journal " + source + ": unknown"
              + " kind " + kind + " on line " + record.getRecordNumber() + " (kinds: staging, part, file)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the update journal " + source + ": " + e.getMessage(), e);
    }
    if (staging == null) {
      throw new IllegalArgumentException("Cannot read the update journal " + source + ": it has no staging row");
    }
    return new UpdateJournal(staging, parts, files);
  }
}
