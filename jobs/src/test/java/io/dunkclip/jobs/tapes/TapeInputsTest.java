package io.dunkclip.jobs.tapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeInputsTest {
  @TempDir Path dir;

  @Test
  void twoTapesWithOneFileNameAreRefusedNamingBoth() throws Exception {
    Files.createDirectories(dir.resolve("monday"));
    Files.createDirectories(dir.resolve("tuesday"));
    Files.write(dir.resolve("monday/tape-01.mp4"), new byte[] {1});
    Files.write(dir.resolve("tuesday/tape-01.mp4"), new byte[] {1});
    assertThatThrownBy(() -> TapeInputs.resolve(dir.resolve("*/tape-01.mp4").toString(), new Configuration()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same file name tape-01.mp4")
        .hasMessageContaining("monday/tape-01.mp4")
        .hasMessageContaining("tuesday/tape-01.mp4");
  }

  @Test
  void aDirectoryStandsForItsVideoFilesAndAGlobForExactlyItsMatches() throws Exception {
    Files.write(dir.resolve("a.mp4"), new byte[] {1});
    Files.write(dir.resolve("b.MOV"), new byte[] {1});
    Files.write(dir.resolve("labels.csv"), new byte[] {1});
    Files.createDirectories(dir.resolve("c.mp4"));
    List<TapeRef> fromDir = TapeInputs.resolve(dir.toString(), new Configuration());
    assertThat(fromDir).extracting(TapeRef::name).containsExactly("a.mp4", "b.MOV");
    List<TapeRef> fromGlob = TapeInputs.resolve(dir.resolve("*.mp4").toString(), new Configuration());
    assertThat(fromGlob).extracting(TapeRef::name).containsExactly("a.mp4", "c.mp4");
    assertThat(fromGlob.get(1).problem()).isEqualTo("is a directory, not a video file");
    assertThat(TapeInputs.resolve(dir.resolve("missing.mp4").toString(), new Configuration()).get(0).problem())
        .isEqualTo("no such file");
    assertThatThrownBy(() -> TapeInputs.resolve(dir.resolve("*.mkv").toString(), new Configuration()))
        .hasMessageContaining("matches nothing");
  }

  @Test
  void aPathThatExistsAsWrittenIsTakenLiterallyEvenWithGlobCharactersInItsName() throws Exception {
    Files.write(dir.resolve("dunk [1].mp4"), new byte[] {1});
    Files.write(dir.resolve("dunk 1.mp4"), new byte[] {1});
    Files.createDirectories(dir.resolve("week {3}"));
    Files.write(dir.resolve("week {3}/x.mp4"), new byte[] {1});
    // As a glob, "dunk [1].mp4" would match "dunk 1.mp4" only.
    assertThat(TapeInputs.resolve(dir.resolve("dunk [1].mp4").toString(), new Configuration()))
        .extracting(TapeRef::name).containsExactly("dunk [1].mp4");
    assertThat(TapeInputs.resolve(dir.resolve("week {3}").toString(), new Configuration()))
        .extracting(TapeRef::name).containsExactly("x.mp4");
    // A listed directory keeps such names as they are.
    assertThat(TapeInputs.resolve(dir.toString(), new Configuration()))
        .extracting(TapeRef::name).containsExactlyInAnyOrder("dunk 1.mp4", "dunk [1].mp4");
    // What does not exist as written is still a pattern.
    assertThat(TapeInputs.resolve(dir.resolve("dunk [0-9].mp4").toString(), new Configuration()))
        .extracting(TapeRef::name).containsExactly("dunk 1.mp4");
  }
}
