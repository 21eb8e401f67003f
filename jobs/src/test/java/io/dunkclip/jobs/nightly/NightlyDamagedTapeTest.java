package io.dunkclip.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.FfmpegTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tape cut off part way is clipped as far as it can be read and recorded as damaged (not failed, never
 * quarantined); an archive path with a typo does nothing at all instead of writing a ledger entry.
 */
class NightlyDamagedTapeTest {
  @TempDir static Path work;
  static Path model;
  static ModelMetadata metadata;

  @BeforeAll
  static void model() throws Exception {
    model = work.resolve("models/m.model");
    metadata = TinyModels.train(model, 11, 4);
  }

  static NightlyResult nightly(Path archive, Path output) {
    NightlyConfig config = NightlyConfig.builder(archive.toString(), model.toString(), output.toString()).build();
    NightlyResult result = NightlyJob.run(TestSpark.session(), config, System.out::println);
    System.out.println(result.summary());
    return result;
  }

  @Test
  void aTapeCutOffPartWayIsClippedUpToTheDamageAndRecordedAsDamagedNotRetried() throws Exception {
    Path archive = Files.createDirectories(work.resolve("archive"));
    Path good = SampleTapeGenerator.generate(new TapeSpec("whole.mp4", 8, 15, 160, 90, 0, 21), work.resolve("w.mp4"))
        .file();
    // Index at the front (as phones write it), then the data cut off: the index lists frames that are gone.
    Path fastStart = work.resolve("faststart.mp4");
    FfmpegTools.run(FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i", good.toString(), "-map", "0", "-c", "copy",
        "-movflags", "+faststart", fastStart.toString());
    byte[] whole = Files.readAllBytes(fastStart);
    Files.write(archive.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 7 / 10));
    DetectResult detect = DetectJob.run(TestSpark.session(), DetectConfig.builder()
        .input(archive.toString()).model(model.toString()).output(work.resolve("detect").toString()).build());
    assertThat(detect.errors()).as("detect reports the damage").isNotEmpty();
    assertThat(detect.clips()).as("and finds clips in the readable part").isNotEmpty();
    Path output = work.resolve("out");

    NightlyResult first = nightly(archive, output);

    assertThat(first.processed()).isEqualTo(1);
    assertThat(first.failed()).isZero();
    assertThat(first.damaged()).isEqualTo(1);
    assertThat(first.newDamaged()).isEqualTo(1);
    assertThat(first.clipsWritten()).isEqualTo(detect.clips().size());
    assertThat(first.problems()).singleElement().satisfies(p -> {
      assertThat(p.outcome()).isEqualTo(LedgerEntry.Outcome.DAMAGED);
      assertThat(p.reason()).contains("truncated or damaged");
      assertThat(p.clips()).isEqualTo(detect.clips().size());
    });
    Path modelDir = output.resolve(metadata.modelVersion());
    List<String> ledger = Files.readAllLines(modelDir.resolve("ledger.csv"));
    assertThat(ledger).hasSize(2);
    assertThat(ledger.get(1)).startsWith("cut.mp4,").contains(",damaged,1,").contains("truncated or damaged");
    NightlyJobTest.assertManifestMatchesFiles(modelDir, detect.clips().size());

    NightlyResult second = nightly(archive, output);

    assertThat(second.processed()).isZero();
    assertThat(second.skipped()).isEqualTo(1);
    assertThat(second.quarantined()).isZero();
    assertThat(second.newFailures()).isZero();
    assertThat(second.newDamaged()).isZero();
    assertThat(second.damaged()).isEqualTo(1);
    NightlyJobTest.assertManifestMatchesFiles(modelDir, detect.clips().size());
  }

  @Test
  void anArchivePathWithATypoWritesNoLedgerEntryAndSaysNothingWasDone() throws Exception {
    Path archive = Files.createDirectories(work.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 2, 15, 160, 90, 0, 5), archive.resolve("a.mp4"));
    Path output = work.resolve("typo-out");

    NightlyResult missing = nightly(work.resolve("tapse"), output);
    NightlyResult noMatch = nightly(work.resolve("tapes/*.mov"), output);

    for (NightlyResult result : List.of(missing, noMatch)) {
      assertThat(result.archiveNotFound()).isTrue();
      assertThat(result.nothingToDo()).isFalse();
      assertThat(result.processed()).isZero();
      assertThat(result.problems()).isEmpty();
    }
    assertThat(missing.unreadableArchive()).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("no such file"));
    assertThat(noMatch.unreadableArchive()).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("matches nothing"));
    assertThat(output).as("nothing written at the output, least of all a ledger entry").doesNotExist();
  }
}
