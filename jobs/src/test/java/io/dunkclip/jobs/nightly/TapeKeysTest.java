package io.dunkclip.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tape keys name directories and ledger files: safe, and never shared by two tape names. */
class TapeKeysTest {
  @Test
  void safeNamesAreTheirOwnKey() {
    assertThat(TapeKeys.key("court-a_2024.mp4")).isEqualTo("court-a_2024.mp4");
  }

  @Test
  void unsafeNamesAreReducedAndKeptApart() {
    assertThat(TapeKeys.key("a b.mp4")).startsWith("a_b.mp4-").isNotEqualTo(TapeKeys.key("a_b.mp4"));
    assertThat(TapeKeys.key("a b.mp4")).isEqualTo(TapeKeys.key("a b.mp4"));
    assertThat(TapeKeys.key("../up.mp4")).doesNotContain("/").doesNotStartWith(".");
    assertThat(TapeKeys.key(".hidden.mp4")).doesNotStartWith(".");
  }
}
