package io.dunkclip.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderedClip;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly batch in-process, run after run on one archive and output: good tapes processed once, a bad tape
 * retried then quarantined, an unchanged archive left alone, new and modified tapes picked up (a modified tape's
 * clips replaced, never duplicated), a touched tape not reprocessed, and a second model writing beside the first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyJobTest {
  @TempDir static Path work;
  static Path archive;
  static Path output;
  static ModelMetadata modelA;
  static ModelMetadata modelB;
  static List<String> log = new ArrayList<>();

  @BeforeAll
  static void archiveAndModels() throws Exception {
    archive = Files.createDirectories(work.resolve("archive"));
    output = work.resolve("out");
    modelA = TinyModels.train(work.resolve("models/a.model"), 11, 4);
    modelB = TinyModels.train(work.resolve("models/b.model"), 12, 4);
    assertThat(modelA.modelVersion()).isNotEqualTo(modelB.modelVersion());
    tape("court-a.mp4", 21, 8);
    tape("game [1].mp4", 22, 8);
    byte[] random = new byte[30_000];
    new Random(5).nextBytes(random);
    Files.write(archive.resolve("broken.mp4"), random);
  }

  static void tape(String name, long seed, double seconds) {
    SampleTapeGenerator.generate(new TapeSpec(name, seconds, 15, 160, 90, 0, seed), archive.resolve(name));
  }

  static NightlyResult nightly(String model) {
    NightlyConfig config = NightlyConfig.builder(archive.toString(), work.resolve("models").resolve(model).toString(),
        output.toString()).maxAttempts(2).build();
    NightlyResult result = NightlyJob.run(TestSpark.session(), config, line -> {
      System.out.println(line);
      log.add(line);
    });
    log.add(result.summary());
    System.out.println(result.summary());
    return result;
  }

  static Path modelDir(ModelMetadata model) {
    return output.resolve(model.modelVersion());
  }

  @Test
  @Order(1)
  void firstRunProcessesTheGoodTapesAndRecordsTheBadOneWithItsReason() throws Exception {
    NightlyResult result = nightly("a.model");

    assertThat(result.seen()).isEqualTo(3);
    assertThat(result.processed()).as(String.join("\n", log)).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.quarantined()).isZero();
    assertThat(result.newFailures()).isEqualTo(1);
    assertThat(result.allFailed()).isFalse();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.video()).isEqualTo("broken.mp4");
      assertThat(p.reason()).contains("not a readable video container");
      assertThat(p.attempts()).isEqualTo(1);
    });
    List<String> ledger = Files.readAllLines(modelDir(modelA).resolve("ledger.csv"));
    assertThat(ledger.get(0)).isEqualTo("video,uri,size,modified,sha256,outcome,attempts,reason,clips,commit");
    assertThat(ledger).hasSize(4);
    assertThat(ledger.get(1)).startsWith("broken.mp4,").contains(",failed,1,");
    assertThat(log).anyMatch(l -> l.matches(
        "nightly: \\[\\d/3\\] court-a\\.mp4 ok: \\d+ clip\\(s\\), 120 frames .*ETA \\d+:\\d\\d:\\d\\d"));
    assertThat(result.clipsWritten()).as("the tiny model finds clips").isPositive();
    assertManifestMatchesFiles(modelDir(modelA), result.clipsWritten());
  }

  @Test
  @Order(2)
  void theBadTapeIsRetriedThenQuarantinedWithoutTouchingTheOthers() throws Exception {
    Path manifest = modelDir(modelA).resolve("manifest.csv");
    String before = Files.readString(manifest);

    NightlyResult result = nightly("a.model");

    assertThat(result.processed()).isZero();
    assertThat(result.skipped()).isEqualTo(2);
    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(result.newFailures()).isEqualTo(1);
    assertThat(result.allFailed()).isTrue();
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.attempts()).isEqualTo(2));
    assertThat(Files.readString(manifest)).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aRunOnTheUnchangedArchiveDoesNothingAndSaysSo() throws Exception {
    Path manifest = modelDir(modelA).resolve("manifest.csv");
    String before = Files.readString(manifest);
    List<FileTime> clipTimes = clipFileTimes(modelDir(modelA));

    NightlyResult result = nightly("a.model");

    assertThat(result.nothingToDo()).isTrue();
    assertThat(result.newFailures()).isZero();
    assertThat(result.processed()).isZero();
    assertThat(result.skipped()).isEqualTo(2);
    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(result.clipsWritten()).isZero();
    assertThat(log).anyMatch(l -> l.contains("0 to process") && l.contains("2 already done"));
    assertThat(Files.readString(manifest)).isEqualTo(before);
    assertThat(clipFileTimes(modelDir(modelA))).isEqualTo(clipTimes);
  }

  @Test
  @Order(4)
  void newAndModifiedTapesArePickedUpAndAModifiedTapesClipsAreReplaced() throws Exception {
    tape("court-c.mp4", 23, 8);
    // Same name, other content and length: its old clips must go, not sit beside the new ones.
    tape("court-a.mp4", 24, 10);
    // Same bytes, new modification time (copied again): not processed again.
    Path game = archive.resolve("game [1].mp4");
    Files.setLastModifiedTime(game, FileTime.fromMillis(Files.getLastModifiedTime(game).toMillis() + 60_000));
    List<String> gameClips = manifestRows(modelDir(modelA), "game [1].mp4");

    NightlyResult result = nightly("a.model");

    assertThat(result.processed()).as(String.join("\n", log)).isEqualTo(2);
    assertThat(result.skipped()).isEqualTo(1);
    assertThat(result.newFailures()).isZero();
    assertThat(log).anyMatch(l -> l.contains("2 to process (1 new, 1 modified, 0 retried"));
    assertThat(manifestRows(modelDir(modelA), "game [1].mp4")).isEqualTo(gameClips);
    List<String> courtA = manifestRows(modelDir(modelA), "court-a.mp4");
    List<String> detected = Files.readAllLines(modelDir(modelA).resolve("tapes/court-a.mp4/clips.csv"));
    assertThat(courtA).hasSize(detected.size() - 1);
    for (String row : courtA) {
      assertThat(row).contains(",tapes/court-a.mp4/court-a-clip-");
    }
    assertThat(Files.readAllLines(modelDir(modelA).resolve("ledger/court-a.mp4.csv")).get(1))
        .contains("," + Files.size(archive.resolve("court-a.mp4")) + ",").contains(",ok,1,");
    assertManifestMatchesFiles(modelDir(modelA), -1);
  }

  @Test
  @Order(5)
  void aSecondModelWritesItsOwnLedgerAndClipsBesideTheFirst() throws Exception {
    Path manifestA = modelDir(modelA).resolve("manifest.csv");
    String before = Files.readString(manifestA);

    NightlyResult result = nightly("b.model");

    assertThat(result.modelVersion()).isEqualTo(modelB.modelVersion());
    assertThat(result.processed()).isEqualTo(3);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(Files.readString(manifestA)).isEqualTo(before);
    assertThat(Files.readAllLines(modelDir(modelB).resolve("ledger.csv"))).hasSize(5);
    assertManifestMatchesFiles(modelDir(modelB), result.clipsWritten());
    try (Stream<Path> dirs = Files.list(output)) {
      assertThat(dirs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(modelA.modelVersion(), modelB.modelVersion());
    }
  }

  /** Every manifest row names a complete clip file of its frame count; no other clip files, nothing half-written. */
  static void assertManifestMatchesFiles(Path modelDir, int expectedClips) throws IOException {
    assertThat(Files.readAllLines(modelDir.resolve("manifest.csv")).get(0))
        .isEqualTo("video,clip,start_frame,end_frame,file,frames,audio_samples,seconds,error,file_start_frame,"
            + "file_end_frame,mode");
    List<String> files = new ArrayList<>();
    for (RenderedClip row : RenderJob.readManifest(modelDir.resolve("manifest.csv").toString(),
        new Configuration())) {
      files.add(row.file());
      assertThat(row.error()).isNull();
      assertThat(TapeProbe.probe(modelDir.resolve(row.file()), row.file()).frameCount()).isEqualTo(row.frames());
    }
    if (expectedClips >= 0) {
      assertThat(files).hasSize(expectedClips);
    }
    try (Stream<Path> all = Files.walk(modelDir)) {
      List<String> names = all.filter(Files::isRegularFile)
          .map(p -> modelDir.relativize(p).toString().replace('\\', '/')).toList();
      assertThat(names.stream().filter(n -> n.endsWith(".mp4"))).containsExactlyInAnyOrderElementsOf(files);
      assertThat(names).noneMatch(n -> n.contains(".tmp-") || n.contains(".old-") || n.startsWith(".work"));
    }
  }

  static List<String> manifestRows(Path modelDir, String video) throws IOException {
    return Files.readAllLines(modelDir.resolve("manifest.csv")).stream()
        .filter(l -> l.startsWith(video + ",") || l.startsWith("\"" + video + "\",")).toList();
  }

  static List<FileTime> clipFileTimes(Path modelDir) throws IOException {
    try (Stream<Path> all = Files.walk(modelDir)) {
      List<Path> clips = all.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
      List<FileTime> times = new ArrayList<>();
      for (Path clip : clips) {
        times.add(Files.getLastModifiedTime(clip));
      }
      return times;
    }
  }
}
