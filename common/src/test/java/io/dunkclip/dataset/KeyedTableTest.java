package io.dunkclip.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyedTableTest {
  private static final List<String> OLD_HEADER = List.of("video", "frames");
  private static final List<String> NEW_HEADER = List.of("video", "frames", "fit");

  private static KeyedTable table(List<String> header, List<List<String>> rows) {
    return new KeyedTable(header, rows);
  }

  @Test
  void rowsOfReplacedKeysComeFromTheRunAndTheOthersStayInOrderUnchanged() {
    KeyedTable old = table(NEW_HEADER, List.of(List.of("a", "10", "pad"), List.of("b", "20", "pad"),
        List.of("c", "30", "pad")));
    KeyedTable run = table(NEW_HEADER, List.of(List.of("b", "21", "pad"), List.of("d", "40", "pad"),
        List.of("c", "0", "pad")));

    KeyedTable merged = old.replaceRows(run, "video", Set.of("b", "d"), Map.of());

    assertThat(merged.rows()).containsExactly(List.of("a", "10", "pad"), List.of("c", "30", "pad"),
        List.of("b", "21", "pad"), List.of("d", "40", "pad"));
  }

  @Test
  void keptRowsOfAnOlderTableGetTheNewColumnsFromTheGivenValues() {
    KeyedTable old = table(OLD_HEADER, List.of(List.of("a", "10")));
    KeyedTable run = table(NEW_HEADER, List.of(List.of("b", "5", "stretch")));

    KeyedTable merged = old.replaceRows(run, "video", Set.of("b"), Map.of("fit", "stretch"));

    assertThat(merged.header()).isEqualTo(NEW_HEADER);
    assertThat(merged.rows()).containsExactly(List.of("a", "10", "stretch"), List.of("b", "5", "stretch"));
    assertThatThrownBy(() -> old.replaceRows(run, "video", Set.of("b"), Map.of()))
        .hasMessageContaining("has no column fit and no value was given for it");
  }

  @Test
  void rowsOfTheWrongWidthAndMissingKeyColumnsAreRefused() {
    assertThatThrownBy(() -> table(OLD_HEADER, List.of(List.of("a"))))
        .hasMessageContaining("has 1 values but the header [video, frames] has 2 columns");
    KeyedTable noKey = table(List.of("name"), List.of());
    assertThatThrownBy(() -> noKey.replaceRows(noKey, "video", Set.of(), Map.of()))
        .hasMessageContaining("Cannot find the column video in the header [name]");
  }

  /**
   * Every small case: the merge agrees with a naive model (per key, whose rows survive) and merging the same run into
   * the result again changes nothing, which is what makes a rerun of an interrupted update safe.
   */
  @Test
  void mergingMatchesANaiveModelAndIsIdempotentOnEverySmallCase() {
    List<String> keys = List.of("a", "b", "c");
    List<List<List<String>>> tables = new ArrayList<>();
    // Tables of up to three rows over keys a..c, rows may repeat a key (errors of one tape in two segments).
    for (int n = 0; n <= 3; n++) {
      for (int code = 0; code < Math.pow(3, n); code++) {
        List<List<String>> rows = new ArrayList<>();
        int c = code;
        for (int i = 0; i < n; i++) {
          rows.add(List.of(keys.get(c % 3), "v" + i));
          c /= 3;
        }
        tables.add(rows);
      }
    }
    int checked = 0;
    for (List<List<String>> oldRows : tables) {
      for (List<List<String>> runRows : tables) {
        for (int mask = 0; mask < 8; mask++) {
          Set<String> fromRun = new HashSet<>();
          for (int k = 0; k < 3; k++) {
            if ((mask & (1 << k)) != 0) {
              fromRun.add(keys.get(k));
            }
          }
          KeyedTable old = table(OLD_HEADER, oldRows);
          KeyedTable run = table(OLD_HEADER, runRows.stream().map(r -> List.of(r.get(0), "new-" + r.get(1)))
              .toList());
          KeyedTable merged = old.replaceRows(run, "video", fromRun, Map.of());
          for (String key : keys) {
            List<List<String>> expected = (fromRun.contains(key) ? run : old).rows().stream()
                .filter(r -> r.get(0).equals(key)).toList();
            assertThat(merged.rows().stream().filter(r -> r.get(0).equals(key)).toList())
                .as("rows of %s, old=%s run=%s fromRun=%s", key, oldRows, runRows, fromRun)
                .isEqualTo(expected);
          }
          assertThat(merged.replaceRows(run, "video", fromRun, Map.of())).isEqualTo(merged);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(40 * 40 * 8);
  }
}
