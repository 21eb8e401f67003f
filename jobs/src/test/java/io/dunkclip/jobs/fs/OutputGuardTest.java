package io.dunkclip.jobs.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whose output a directory is: the marker, an older version's own tables, or nothing a command writes. */
class OutputGuardTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private OutputGuard.Claim extract(Path output) {
    return OutputGuard.Claim.of("extract", "output", output.toString(), true).provenBy("_tapes.csv");
  }

  @Test
  void aNewOrEmptyDirectoryOrOneMarkedByTheSameCommandMayBeWritten() throws IOException {
    assertThatCode(() -> OutputGuard.check(extract(dir.resolve("new/frames")), conf)).doesNotThrowAnyException();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatCode(() -> OutputGuard.check(extract(empty), conf)).doesNotThrowAnyException();

    Path frames = Files.createDirectories(dir.resolve("frames"));
    Files.writeString(frames.resolve("part-0.parquet"), "rows");
    OutputGuard.mark(frames.toString(), "extract", conf);
    assertThat(frames.resolve(OutputGuard.MARKER)).content().contains("\"command\" : \"extract\"");
    assertThat(frames.resolve("." + OutputGuard.MARKER + ".crc")).doesNotExist();
    assertThatCode(() -> OutputGuard.check(extract(frames), conf)).doesNotThrowAnyException();
    assertThatThrownBy(() -> OutputGuard.check(OutputGuard.Claim.of("detect", "output", frames.toString(), false),
        conf)).isInstanceOf(OutputRefusedException.class)
        .hasMessage("Cannot write the detect output to " + frames + ": it holds the output of dunkclip extract ("
            + OutputGuard.MARKER + "), not of detect (output=" + frames + "); choose another --output");
  }

  @Test
  void anUnmarkedDirectoryIsProvenOnlyByTheCommandsOwnTables() throws IOException {
    Path old = Files.createDirectories(dir.resolve("old-frames"));
    Files.writeString(old.resolve("_tapes.csv"), "video,frames\n");
    assertThatCode(() -> OutputGuard.check(extract(old), conf)).doesNotThrowAnyException();

    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> OutputGuard.check(extract(other), conf)).isInstanceOf(OutputRefusedException.class)
        .hasMessage("Cannot write the extract output to " + other + ": it holds files that dunkclip extract did not"
            + " write (no " + OutputGuard.MARKER + " in it) (output=" + other + "); choose a new or empty --output, or"
            + " move what is in " + other + " elsewhere first");
  }

  @Test
  void aCommandThatWritesOnlySomeEntriesMayShareADirectoryThatHoldsNoneOfThem() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("bench"));
    OutputGuard.Claim quickstart = OutputGuard.Claim.of("quickstart", "workdir", work.toString(), false)
        .writingOnly("tapes", "frames");
    assertThatCode(() -> OutputGuard.check(quickstart, conf)).doesNotThrowAnyException();
    Files.createDirectories(work.resolve("tapes"));
    assertThatThrownBy(() -> OutputGuard.check(quickstart, conf)).isInstanceOf(OutputRefusedException.class)
        .hasMessageContaining("did not write");
  }

  @Test
  void theOutputAndTheInputsMustNotOverlap() throws IOException {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    Files.writeString(tapes.resolve("a.mp4"), "tape");
    OutputGuard.Claim besides = extract(dir.resolve("frames")).reading("input", tapes + "/*.mp4");
    assertThatCode(() -> OutputGuard.check(besides, conf)).doesNotThrowAnyException();
    OutputGuard.Claim beside = extract(tapes.resolve("frames")).reading("input", tapes + "/*.mp4");
    assertThatCode(() -> OutputGuard.check(beside, conf)).as("a glob's matches, not its folder")
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> OutputGuard.check(extract(tapes.resolve("frames")).reading("input", tapes.toString()),
        conf)).hasMessageContaining("it lies inside the input " + tapes + " (output=" + tapes.resolve("frames")
            + ", input=" + tapes + "); choose an --output outside the inputs");
    assertThatThrownBy(() -> OutputGuard.check(extract(dir).reading("input", tapes + "/*.mp4"), conf))
        .hasMessageContaining("it holds the input " + tapes.resolve("a.mp4"));
  }
}
