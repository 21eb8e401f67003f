package io.dunkclip.jobs.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed runs leave is cleaned up by the next run when provably abandoned: hidden {@code .NAME.tmp-*} siblings
 * untouched for a day, and scratch folders of processes that no longer run.
 */
class AbandonedLeftoversTest {
  @TempDir Path dir;

  @Test
  void writingAnOutputDeletesItsHiddenSiblingsUntouchedForADayAndKeepsLiveOnesAndOthers() throws Exception {
    Path stale = Files.createDirectories(dir.resolve(".scores.tmp-killed/_temporary"));
    Files.writeString(stale.resolve("part-0"), "half\n");
    FileTime dayAndMore = FileTime.from(Instant.now().minus(Duration.ofHours(25)));
    for (Path p : new Path[] {stale.resolve("part-0"), stale, stale.getParent()}) {
      Files.setLastModifiedTime(p, dayAndMore);
    }
    Path live = Files.createDirectories(dir.resolve(".scores.tmp-live"));
    Files.writeString(live.resolve("part-0"), "being written\n");
    Path other = Files.createDirectories(dir.resolve(".frames.tmp-killed"));
    Files.setLastModifiedTime(other, dayAndMore);

    Outputs.writeDirectory(dir.resolve("scores").toString(), new Configuration(), temp -> {
      Path local = Path.of(new org.apache.hadoop.fs.Path(temp).toUri().getPath());
      Files.createDirectories(local);
      return Files.writeString(local.resolve("part-1"), "new\n");
    });

    assertThat(dir.resolve("scores/part-1")).exists();
    assertThat(dir.resolve(".scores.tmp-killed")).doesNotExist();
    assertThat(live.resolve("part-0")).as("may be a live run's").exists();
    assertThat(other).as("another output's").exists();
  }

  @Test
  void aScratchFolderOfAProcessThatEndedIsDeletedByTheNextRunAndARunDeletesItsOwn() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String host = ScratchFiles.runDir("probe").getParent().relativize(ScratchFiles.runDir("probe")).toString();
    host = host.substring(0, host.indexOf("-" + ProcessHandle.current().pid() + "-"));
    ScratchFiles.deleteRunDir("probe");
    Path abandoned = Files.createDirectories(ScratchFiles.root().resolve(host + "-" + ended.pid() + "-killed"));
    Files.writeString(abandoned.resolve("clip-1-a-clip-001.mp4"), "half a clip\n");

    Path mine = ScratchFiles.runDir("this-run");

    assertThat(abandoned).doesNotExist();
    assertThat(mine).isDirectory();
    ScratchFiles.deleteRunDir("this-run");
    assertThat(new File(mine.toString())).doesNotExist();
  }
}
