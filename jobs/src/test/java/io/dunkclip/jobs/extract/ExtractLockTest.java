package io.dunkclip.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.JournaledCommit;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One extract of a dataset at a time: a second {@code extract --update} started while the first runs refuses before
 * any work and touches neither the dataset nor the first run's staging folder; a lock a killed run left is taken over.
 */
class ExtractLockTest {
  @TempDir static Path dir;
  /** a.mp4 and b.mp4: the dataset's first run. */
  static Path base;
  /** c.mp4, new to the dataset. */
  static Path added;
  /** d.mp4, new to the dataset. */
  static Path other;

  @BeforeAll
  static void writeTapes() throws IOException {
    base = Files.createDirectories(dir.resolve("base"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 1, 15, 96, 64, 0, 5), base.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("b.mp4", 1, 15, 96, 64, 0, 6), base.resolve("b.mp4"));
    added = Files.createDirectories(dir.resolve("added"));
    SampleTapeGenerator.generate(new TapeSpec("c.mp4", 1, 15, 96, 64, 0, 7), added.resolve("c.mp4"));
    other = Files.createDirectories(dir.resolve("other"));
    SampleTapeGenerator.generate(new TapeSpec("d.mp4", 1, 15, 96, 64, 0, 8), other.resolve("d.mp4"));
  }

  @AfterEach
  void noHook() {
    JournaledCommit.afterStep = () -> {};
  }

  private static ExtractConfig update(Path input, Path output) {
    return ExtractConfig.builder(input.toString(), output.toString()).size(48, 32).segmentFrames(7).update(true)
        .build();
  }

  private static Path baseDataset(String name) {
    Path frames = dir.resolve(name);
    ExtractJob.run(TestSpark.session(), update(base, frames).toBuilder().update(false).build());
    return frames;
  }

  @Test
  void aSecondUpdateWhileTheFirstRunsRefusesAndTouchesNeitherTheDatasetNorTheFirstRunsStaging() throws Exception {
    Path frames = baseDataset("frames-busy");
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicInteger steps = new AtomicInteger();
    // The first update stops after staging its tapes, before its journal: it is decoding or staging for all others.
    JournaledCommit.afterStep = () -> {
      if (steps.incrementAndGet() == 1) {
        paused.countDown();
        try {
          resume.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    };
    AtomicReference<Object> first = new AtomicReference<>();
    Thread firstRun = new Thread(() -> {
      try {
        first.set(ExtractJob.run(TestSpark.session(), update(added, frames)));
      } catch (RuntimeException e) {
        first.set(e);
      }
    }, "first-update");
    firstRun.start();
    try {
      assertThat(paused.await(300, TimeUnit.SECONDS)).as("the first update staged its tapes").isTrue();
      Map<String, String> before = files(frames.getParent(), "frames-busy");
      assertThat(before.keySet()).as("the first run's staging folder")
          .anyMatch(p -> p.startsWith(".frames-busy.update-"));
      Path lock = dir.resolve(".frames-busy.lock");

      assertThatThrownBy(() -> ExtractJob.run(TestSpark.session(), update(other, frames)))
          .isInstanceOf(io.dunkclip.jobs.fs.OutputRefusedException.class)
          .hasMessageStartingWith("Cannot write the extract output to " + frames + ": another run is writing it"
              + " (extract, pid " + ProcessHandle.current().pid() + " on host ")
          .hasMessageContaining("; lock " + lock + ") (output=" + frames + "); wait for that run to end and start"
              + " this one again, or delete " + lock + " if that run is gone")
          .hasMessageNotContaining("\n");
      assertThat(files(frames.getParent(), "frames-busy")).as("nothing touched").isEqualTo(before);
      assertThat(Files.readString(lock)).contains("pid=" + ProcessHandle.current().pid()).contains("command=extract");
    } finally {
      resume.countDown();
      firstRun.join(300_000);
    }
    assertThat(first.get()).as("the first update finished").isInstanceOf(ExtractResult.class);
    assertThat(tapes(frames)).containsExactly("a.mp4", "b.mp4", "c.mp4");
    assertThat(dir.resolve(".frames-busy.lock")).as("released").doesNotExist();

    ExtractJob.run(TestSpark.session(), update(other, frames));
    assertThat(tapes(frames)).containsExactly("a.mp4", "b.mp4", "c.mp4", "d.mp4");
    assertThat(framesOf(frames)).containsOnlyKeys("a.mp4", "b.mp4", "c.mp4", "d.mp4");
  }

  @Test
  void aLockOfADeadProcessOrASilentOtherHostIsTakenOverAndALiveOtherHostsLockRefuses() throws Exception {
    Path frames = baseDataset("frames-stale");
    Path lock = dir.resolve(".frames-stale.lock");
    String host = InetAddress.getLocalHost().getHostName();
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor()).isZero();
    Files.writeString(lock, lockText("killed-run", host, gone.pid()));

    ExtractJob.run(TestSpark.session(), update(added, frames));

    assertThat(tapes(frames)).containsExactly("a.mp4", "b.mp4", "c.mp4");
    assertThat(lock).as("taken over, then released").doesNotExist();
    assertThat(files(dir, "frames-stale").keySet()).noneMatch(name -> name.contains(".reclaim-"));

    // Held from another host and touched a moment ago: that run may be alive.
    Files.writeString(lock, lockText("remote-run", "elsewhere.invalid", 4242));
    assertThatThrownBy(() -> ExtractJob.run(TestSpark.session(), update(other, frames)))
        .hasMessageContaining("another run is writing it (extract, pid 4242 on host elsewhere.invalid by user");
    assertThat(tapes(frames)).containsExactly("a.mp4", "b.mp4", "c.mp4");

    // Untouched for longer than the holder's heartbeat allows: its holder is gone.
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(11, ChronoUnit.MINUTES)));
    ExtractJob.run(TestSpark.session(), update(other, frames));
    assertThat(tapes(frames)).containsExactly("a.mp4", "b.mp4", "c.mp4", "d.mp4");
    assertThat(lock).doesNotExist();
  }

  private static String lockText(String id, String host, long pid) {
    return "# dunkclip lock\nid=" + id + "\ncommand=extract\nuser=someone\nhost=" + host + "\npid=" + pid
        + "\nprocess_start=\nsince=2026-01-01T00:00:00Z\n";
  }

  /** The tapes {@code _tapes.csv} lists, in order. */
  private static List<String> tapes(Path frames) throws IOException {
    return Files.readAllLines(frames.resolve(TapeTable.FILE_NAME)).stream().skip(1)
        .map(line -> line.substring(0, line.indexOf(','))).toList();
  }

  /** Frames per tape as a reader of the dataset sees them. */
  private static Map<String, Long> framesOf(Path frames) {
    Map<String, Long> counts = new TreeMap<>();
    TestSpark.session().read().parquet(frames.toString()).groupBy(FrameRows.VIDEO).count().collectAsList()
        .forEach(row -> counts.put(row.getString(0), row.getLong(1)));
    return counts;
  }

  /** Every file and folder of the dataset and its hidden siblings under {@code parent}, but the lock. */
  private static Map<String, String> files(Path parent, String name) throws IOException {
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(parent)) {
      for (Path path : paths.toList()) {
        String relative = parent.relativize(path).toString();
        // The lock aside: its holder touches it every minute.
        if ((relative.startsWith(name) || relative.startsWith("." + name)) && !relative.endsWith(".lock")) {
          found.put(relative, Files.isRegularFile(path) ? Files.size(path) + ":"
              + Files.getLastModifiedTime(path).toMillis() : "dir");
        }
      }
    }
    return found;
  }
}
