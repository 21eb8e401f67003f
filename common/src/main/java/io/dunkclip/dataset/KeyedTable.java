package io.dunkclip.dataset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CSV table held as text, one key column naming what each row is about ({@code video} in {@code _tapes.csv} and
 * {@code _errors.csv}). Values are kept exactly as read, so rows a merge keeps are written back unchanged.
 *
 * @param header the column names, in file order
 * @param rows each row's values in header order
 */
public record KeyedTable(List<String> header, List<List<String>> rows) {
  public KeyedTable {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("Cannot hold the row " + row + ": it has " + row.size()
            + " values but the header " + header + " has " + header.size() + " columns");
      }
    }
  }

  /** The position of {@code column}, or -1 when the table has no such column. */
  public int indexOf(String column) {
    return header.indexOf(column);
  }

  /** The distinct values of {@code column}, in row order. */
  public Set<String> values(String column) {
    int index = required(column);
    Set<String> values = new LinkedHashSet<>();
    rows.forEach(row -> values.add(row.get(index)));
    return values;
  }

  /**
   * This table with the rows about {@code fromRun} keys taken from {@code run} instead: first every row of this table
   * whose key is not in {@code fromRun}, in this table's order and unchanged; then every row of {@code run} whose key
   * is in {@code fromRun}, in {@code run}'s order. Merging the same run into the result again gives the result, so a
   * rerun of an interrupted update writes what one uninterrupted update writes.
   *
   * <p>The result has {@code run}'s header (a newer writer may have added columns at the end). A kept row that lacks
   * one of them takes its value from {@code missing}, which must then have one: a column the older table did not
   * record, whose value the caller has checked to be the same for the whole dataset.
   */
  public KeyedTable replaceRows(KeyedTable run, String key, Set<String> fromRun, Map<String, String> missing) {
    int ownKey = required(key);
    int runKey = run.required(key);
    List<List<String>> merged = new ArrayList<>();
    for (List<String> row : rows) {
      if (!fromRun.contains(row.get(ownKey))) {
        merged.add(inHeader(row, run.header, missing));
      }
    }
    for (List<String> row : run.rows) {
      if (fromRun.contains(row.get(runKey))) {
        merged.add(row);
      }
    }
    return new KeyedTable(run.header, merged);
  }

  private List<String> inHeader(List<String> row, List<String> target, Map<String, String> missing) {
    List<String> values = new ArrayList<>(target.size());
    for (String column : target) {
      int index = header.indexOf(column);
      if (index >= 0) {
        values.add(row.get(index));
      } else if (missing.containsKey(column)) {
        values.add(Objects.requireNonNull(missing.get(column), column));
      } else {
        throw new IllegalArgumentException("Cannot keep the row " + row + ": the table " + header
            + " has no column " + column + " and no value was given for it");
      }
    }
    return values;
  }

  private int required(String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("Cannot find the column " + column + " in the header " + header);
    }
    return index;
  }
}
