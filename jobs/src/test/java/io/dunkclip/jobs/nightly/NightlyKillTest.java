package io.dunkclip.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.ChildJvm;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code dunkclip nightly} process (a child JVM with the test classpath and the flags of
 * conf/java-options) at several points — right after a tape directory is renamed into place, in the middle of a
 * tape's rendering, right after a ledger entry is written — then a run to completion: the clips (decoded frames and
 * bytes) and the manifest must equal those of one uninterrupted run, and no half-written file may ever appear under
 * its final name.
 */
class NightlyKillTest {
  /** Only a safeguard: on a loaded 2-core machine a child JVM took minutes to start Spark. */
  private static final long KILL_POINT_TIMEOUT_MS = 600_000;
  private static final int TAPES = 4;

  @TempDir Path work;

  @Test
  void killedRunsThenARerunGiveExactlyTheClipsAndManifestOfAnUninterruptedRun() throws Exception {
    Path archive = Files.createDirectories(work.resolve("archive"));
    for (int i = 1; i <= TAPES; i++) {
      String name = "tape-" + i + ".mp4";
      SampleTapeGenerator.generate(new TapeSpec(name, 6, 15, 160, 90, 0, 40 + i), archive.resolve(name));
    }
    Path model = work.resolve("tiny.model");
    ModelMetadata metadata = TinyModels.train(model, 31, 4);

    Path reference = work.resolve("reference");
    NightlyResult uninterrupted = NightlyJob.run(TestSpark.session(),
        NightlyConfig.builder(archive.toString(), model.toString(), reference.toString()).build(), System.out::println);
    assertThat(uninterrupted.processed()).isEqualTo(TAPES);
    assertThat(uninterrupted.clipsWritten()).as("the tiny model finds clips").isPositive();

    Path killed = work.resolve("killed");
    Path modelDir = killed.resolve(metadata.modelVersion());
    List<String> cli = List.of("nightly", "--master", "local[2]", "--archive", archive.toString(), "--model",
        model.toString(), "--output", killed.toString(), "--parallel-tapes", "1");
    // Right after a tape directory is renamed into place, before or just after its ledger entry is written.
    killAt(cli, "a tape directory committed", () -> count(modelDir.resolve("tapes")) >= 1);
    assertNothingHalfWritten(modelDir);
    // In the middle of a tape: its clips being rendered under .work.
    killAt(cli, "a tape being rendered", () -> anyFile(modelDir.resolve(Ledger.WORK_DIR), p -> p.toString()
        .endsWith(".mp4")));
    assertNothingHalfWritten(modelDir);
    // Right after one more ledger entry.
    int entries = count(modelDir.resolve(Ledger.LEDGER_DIR));
    killAt(cli, "another ledger entry", () -> count(modelDir.resolve(Ledger.LEDGER_DIR)) > entries);
    assertNothingHalfWritten(modelDir);
    assertThat(count(modelDir.resolve(Ledger.LEDGER_DIR))).as("tapes left for the rerun").isLessThan(TAPES);

    // The rerun to completion (in this JVM: one child start less).
    NightlyResult rerun = NightlyJob.run(TestSpark.session(),
        NightlyConfig.builder(archive.toString(), model.toString(), killed.toString()).build(), System.out::println);
    assertThat(rerun.newFailures()).isZero();
    assertThat(rerun.processed()).isPositive();

    Path referenceDir = reference.resolve(metadata.modelVersion());
    assertThat(Files.readString(modelDir.resolve("manifest.csv")))
        .isEqualTo(Files.readString(referenceDir.resolve("manifest.csv")));
    assertThat(Files.readString(modelDir.resolve("clips.csv")))
        .isEqualTo(Files.readString(referenceDir.resolve("clips.csv")));
    assertThat(ledgerWithoutCommitIds(modelDir)).isEqualTo(ledgerWithoutCommitIds(referenceDir));
    Map<String, String> expected = decodedClipHashes(referenceDir);
    assertThat(expected).hasSize(uninterrupted.clipsWritten());
    assertThat(decodedClipHashes(modelDir)).isEqualTo(expected);
    assertNothingHalfWritten(modelDir);
  }

  /** Starts the CLI in a child JVM and sends it SIGKILL the moment {@code point} holds. */
  private void killAt(List<String> cli, String description, Check point) throws Exception {
    Process process = start(cli, "killed-" + description.replace(' ', '-'));
    long deadline = System.currentTimeMillis() + KILL_POINT_TIMEOUT_MS;
    while (!point.holds()) {
      assertThat(process.isAlive()).as("the run was still going when %s (log: %s)", description,
          work.resolve("killed-" + description.replace(' ', '-') + ".log")).isTrue();
      assertThat(System.currentTimeMillis()).as("reached %s in time", description).isLessThan(deadline);
      Thread.sleep(2);
    }
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  private Process start(List<String> cli, String name) throws IOException {
    return ChildJvm.builder(List.of(), "io.dunkclip.jobs.cli.DunkclipCli", cli, work.resolve(name + ".log")).start();
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws IOException;
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return (int) children.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }

  private static boolean anyFile(Path dir, Predicate<Path> test) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.anyMatch(p -> Files.isRegularFile(p) && test.test(p));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // the directory is being renamed or removed under us: not yet
    }
  }

  /** Every clip under its final name (outside hidden directories) is a complete video. */
  private static void assertNothingHalfWritten(Path modelDir) throws IOException {
    Path tapes = modelDir.resolve(Ledger.TAPES_DIR);
    if (!Files.isDirectory(tapes)) {
      return;
    }
    try (Stream<Path> all = Files.walk(tapes)) {
      for (Path clip : all.filter(p -> p.toString().endsWith(".mp4") && Files.isRegularFile(p)).toList()) {
        if (tapes.relativize(clip).toString().startsWith(".")) {
          continue;
        }
        assertThat(clip.getFileName().toString()).doesNotStartWith(".");
        TapeInfo info = TapeProbe.probe(clip, clip.toString());
        assertThat(info.frameCount()).as("frames of %s", clip).isPositive();
      }
    }
  }

  private static List<String> ledgerWithoutCommitIds(Path modelDir) throws IOException {
    return Files.readAllLines(modelDir.resolve("ledger.csv")).stream()
        .map(line -> line.substring(0, line.lastIndexOf(','))).toList();
  }

  /** Clip file (relative path) to a hash of its decoded frames and one of its bytes. */
  private static Map<String, String> decodedClipHashes(Path modelDir) throws Exception {
    Map<String, String> hashes = new TreeMap<>();
    Path tapes = modelDir.resolve(Ledger.TAPES_DIR);
    try (Stream<Path> all = Files.walk(tapes)) {
      for (Path clip : all.filter(p -> p.toString().endsWith(".mp4") && Files.isRegularFile(p)).toList()) {
        TapeInfo info = TapeProbe.probe(clip, clip.getFileName().toString());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long[] frames = {0};
        try (FrameReader reader = new FrameReader(clip, info, 0, 0)) {
          reader.read(0, info.frameCount() - 1, frame -> {
            digest.update(frame.rgb());
            frames[0]++;
          });
        }
        // Clip encoding is deterministic (one encoder thread), so the files must also be equal byte for byte.
        String bytes = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(clip)));
        hashes.put(modelDir.relativize(clip).toString().replace(File.separatorChar, '/'),
            frames[0] + " frames " + HexFormat.of().formatHex(digest.digest()) + " file " + bytes);
      }
    }
    return hashes;
  }
}
