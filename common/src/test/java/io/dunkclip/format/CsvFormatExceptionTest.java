package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvFormatExceptionTest {

  @Test
  void messageNamesSourceLineProblemColumnAndValue() {
    CsvFormatException e = new CsvFormatException(
        "gs://bucket/labels.csv", 12, "label must be 0 or 1", "label", "2");

    assertThat(e.getMessage())
        .isEqualTo("gs://bucket/labels.csv line 12: label must be 0 or 1 (label=2)");
    assertThat(e.source()).isEqualTo("gs://bucket/labels.csv");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.getCause()).isNull();
  }

  @Test
  void keepsItsCause() {
    IllegalStateException cause = new IllegalStateException("parser");
    CsvFormatException e = new CsvFormatException("a.csv", 3, "broken", "text", "x", cause);
    assertThat(e.getCause()).isSameAs(cause);
  }
}
