package io.dunkclip.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The one CSV rule: written lines end with \n, quoted only as needed; \r\n from older versions still reads. */
class CsvFormatsTest {
  @Test
  void tablesAreWrittenWithAHeaderAndLfLineEndings() throws Exception {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = CsvFormats.printer(out, List.of("video", "reason"))) {
      csv.printRecord("a.mp4", "plain");
      csv.printRecord("b,1.mp4", "two\nlines");
    }
    assertThat(out.toString()).isEqualTo("video,reason\na.mp4,plain\n\"b,1.mp4\",\"two\nlines\"\n");
  }

  @Test
  void crlfAndLfTablesReadTheSame() throws Exception {
    String lf = "video,reason\na.mp4,plain\n\"b,1.mp4\",\"two\nlines\"\n";
    String crlf = "video,reason\r\na.mp4,plain\r\n\"b,1.mp4\",\"two\nlines\"\r\n";
    for (String text : List.of(lf, crlf)) {
      try (CSVParser parser = CsvFormats.parser(new StringReader(text))) {
        assertThat(parser.getHeaderNames()).containsExactly("video", "reason");
        assertThat(parser.stream().map(CSVRecord::toList).toList())
            .containsExactly(List.of("a.mp4", "plain"), List.of("b,1.mp4", "two\nlines"));
      }
    }
  }
}
