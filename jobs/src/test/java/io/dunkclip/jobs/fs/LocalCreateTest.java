package io.dunkclip.jobs.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Outputs#create} on a local disk writes through the JDK (no {@code chmod} process per file), and what it
 * writes reads back through Hadoop's checksummed local filesystem exactly as if Hadoop had written it.
 */
class LocalCreateTest {
  @TempDir Path dir;

  private final FileSystem checksummed = local();

  @Test
  void writesAFileInNewFoldersThatHadoopReadsBack() throws IOException {
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("a/b/batch-1.bin").toUri());
    try (OutputStream out = Outputs.create(checksummed, file, true)) {
      out.write("first".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(read(file)).isEqualTo("first");
    assertThat(dir.resolve("a/b/.batch-1.bin.crc")).doesNotExist();
  }

  @Test
  void overwritingAFileHadoopWroteDropsItsChecksumSoTheNewBytesRead() throws IOException {
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("scores.csv").toUri());
    try (OutputStream out = checksummed.create(file, true)) {
      out.write("old bytes, longer than the new".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(dir.resolve(".scores.csv.crc")).exists();

    try (OutputStream out = Outputs.create(checksummed, file, true)) {
      out.write("new".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(dir.resolve(".scores.csv.crc")).doesNotExist();
    assertThat(read(file)).isEqualTo("new");
  }

  @Test
  void withoutOverwriteAnExistingFileIsRefusedAndKept() throws IOException {
    Path existing = Files.writeString(dir.resolve("lock"), "mine");
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(existing.toUri());

    assertThatThrownBy(() -> Outputs.create(checksummed, file, false)).isInstanceOf(IOException.class);
    assertThat(existing).hasContent("mine");
  }

  @Test
  void aRelativePathIsTheSameFileHadoopWouldWrite() throws IOException {
    org.apache.hadoop.fs.Path relative = new org.apache.hadoop.fs.Path("target/local-create-" + System.nanoTime());
    org.apache.hadoop.fs.Path qualified = checksummed.makeQualified(relative);
    try {
      try (OutputStream out = Outputs.create(checksummed, relative, true)) {
        out.write("here".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(read(qualified)).isEqualTo("here");
    } finally {
      checksummed.delete(qualified, false);
    }
  }

  private String read(org.apache.hadoop.fs.Path file) throws IOException {
    try (InputStream in = checksummed.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static FileSystem local() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
