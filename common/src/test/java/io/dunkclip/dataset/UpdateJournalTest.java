package io.dunkclip.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateJournalTest {
  @Test
  void aJournalReadsBackAsWrittenWhateverTheNamesHoldAndIsPlainCsv() {
    UpdateJournal journal = new UpdateJournal("hdfs://nn:8020/data/.frames.tmp-1",
        List.of("video=a.mp4", "video=with, comma \"and\" quotes.mp4"), List.of("_tapes.csv", "_errors.csv"));
    StringWriter text = new StringWriter();
    journal.write(text);

    assertThat(text.toString()).startsWith("kind,name\nstaging,hdfs://nn:8020/data/.frames.tmp-1\npart,video=a.mp4\n");
    assertThat(UpdateJournal.read(new StringReader(text.toString()), "j")).isEqualTo(journal);
  }

  @Test
  void aFileThatIsNotAJournalIsRefusedWithItsName() {
    assertThatThrownBy(() -> UpdateJournal.read(new StringReader("video,frames\n"), "frames/_update.journal"))
        .hasMessageContaining("Cannot read the update journal frames/_update.journal: it must start with the header");
    assertThatThrownBy(() -> UpdateJournal.read(new StringReader("kind,name\npart,x\n"), "j"))
        .hasMessageContaining("it has no staging row");
    assertThatThrownBy(() -> UpdateJournal.read(new StringReader("kind,name\nstaging,s\nmove,x\n"), "j"))
        .hasMessageContaining("unknown kind move");
  }
}
