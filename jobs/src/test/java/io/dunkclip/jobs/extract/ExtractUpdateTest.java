package io.dunkclip.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.FramesDataset;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.JournaledCommit;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.Fit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --update}: a run replaces its own tapes' frames and rows inside an existing dataset and nothing else,
 * refuses options that would mix two kinds of frames, keeps the frames of a tape it cannot read, and gives the same
 * dataset after a crash at any step of its commit and a rerun as one uninterrupted run.
 */
class ExtractUpdateTest {
  private static final int WIDTH = 48;
  private static final int HEIGHT = 32;
  private static final int SEGMENT_FRAMES = 7;

  @TempDir static Path dir;
  /** a.mp4 and b.mp4, the tapes of the first, whole-dataset run. */
  static Path base;
  /** c.mp4 alone, a tape the base dataset does not have. */
  static Path added;
  /** a.mp4 generated again, longer and with other pictures. */
  static Path changed;
  /** a.mp4 as a zero-byte file: it fails completely. */
  static Path broken;
  /** The changed a.mp4 cut off half way: it decodes partly. */
  static Path cut;

  @BeforeAll
  static void writeTapes() throws IOException {
    base = Files.createDirectories(dir.resolve("base"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 1, 15, 96, 64, 0, 5), base.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("b.mp4", 1, 15, 96, 64, 0, 6), base.resolve("b.mp4"));
    added = Files.createDirectories(dir.resolve("added"));
    SampleTapeGenerator.generate(new TapeSpec("c.mp4", 1, 15, 96, 64, 0, 7), added.resolve("c.mp4"));
    changed = Files.createDirectories(dir.resolve("changed"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 1.4, 15, 96, 64, 0, 9), changed.resolve("a.mp4"));
    broken = Files.createDirectories(dir.resolve("broken"));
    Files.createFile(broken.resolve("a.mp4"));
    // Index at the front (as phones write it), the data cut off half way: frames before the damage decode.
    cut = Files.createDirectories(dir.resolve("cut"));
    Path fastStart = dir.resolve("faststart.mp4");
    io.dunkclip.video.FfmpegTools.run(io.dunkclip.video.FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i",
        changed.resolve("a.mp4").toString(), "-map", "0", "-c", "copy", "-movflags", "+faststart",
        fastStart.toString());
    byte[] whole = Files.readAllBytes(fastStart);
    Files.write(cut.resolve("a.mp4"), java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
  }

  @AfterEach
  void noCrashHook() {
    JournaledCommit.afterStep = () -> {};
  }

  private static ExtractConfig config(String input, Path output) {
    return ExtractConfig.builder(input, output.toString()).size(WIDTH, HEIGHT).segmentFrames(SEGMENT_FRAMES)
        .update(true).build();
  }

  private static ExtractResult extract(ExtractConfig config) {
    return ExtractJob.run(TestSpark.session(), config);
  }

  @Test
  void anUpdateWithANewTapeAddsItAndLeavesEveryOtherTapesFilesByteIdentical() throws IOException {
    Path frames = baseDataset("frames-add");
    Map<String, String> before = fileHashes(frames);
    List<String> tapesBefore = Files.readAllLines(frames.resolve(TapeTable.FILE_NAME));

    ExtractResult result = extract(config(added.toString(), frames));

    assertThat(result.errors()).isEmpty();
    assertThat(result.tapes()).isEqualTo(1);
    Map<String, String> after = fileHashes(frames);
    for (String tape : List.of("video=a.mp4/", "video=b.mp4/")) {
      assertThat(filesUnder(after, tape)).as("files of %s", tape).isEqualTo(filesUnder(before, tape)).isNotEmpty();
    }
    Map<String, List<String>> rows = rows(frames);
    assertThat(rows.keySet()).containsExactly("a.mp4", "b.mp4", "c.mp4");
    assertThat(rows.get("c.mp4")).isEqualTo(rows(wholeRun(added, "whole-c")).get("c.mp4"));
    List<String> tapesAfter = Files.readAllLines(frames.resolve(TapeTable.FILE_NAME));
    assertThat(tapesAfter.subList(0, 3)).as("header and the rows of a and b").isEqualTo(tapesBefore);
    assertThat(tapesAfter).hasSize(4);
    assertThat(tapesAfter.get(3)).startsWith("c.mp4,15,");
    assertNoLeftovers(frames);
  }

  @Test
  void anUpdateOfAChangedTapeReplacesExactlyItsRowsWithTheNewTapesFrames() throws IOException {
    Path frames = baseDataset("frames-change");
    Map<String, String> before = fileHashes(frames);
    List<String> oldA = rows(frames).get("a.mp4");

    ExtractResult result = extract(config(changed.resolve("a.mp4").toString(), frames));

    List<String> newA = rows(wholeRun(changed, "whole-changed")).get("a.mp4");
    assertThat(newA).hasSize(21).doesNotContainAnyElementsOf(oldA);
    assertThat(result.frames()).isEqualTo(21);
    Map<String, List<String>> rows = rows(frames);
    assertThat(rows.get("a.mp4")).as("the new tape's frames and pixels, no old row left").isEqualTo(newA);
    assertThat(filesUnder(fileHashes(frames), "video=b.mp4/")).isEqualTo(filesUnder(before, "video=b.mp4/"));
    assertThat(TapeTable.frameCounts(frames.toString(), hadoop())).isEqualTo(Map.of("a.mp4", 21L, "b.mp4", 15L));
    assertNoLeftovers(frames);
  }

  @Test
  void anUpdateOfAJpgDatasetReplacesTheTapesFolderOfImagesAndNothingElse() throws IOException {
    Path frames = dir.resolve("frames-jpg");
    extract(config(base.toString(), frames).toBuilder().format(ExtractFormat.JPG).update(false).build());
    Map<String, String> before = fileHashes(frames);

    extract(config(changed.resolve("a.mp4").toString(), frames).toBuilder().format(ExtractFormat.JPG).build());

    Map<String, String> after = fileHashes(frames);
    assertThat(filesUnder(after, "b.mp4/")).isEqualTo(filesUnder(before, "b.mp4/")).hasSize(15);
    assertThat(filesUnder(after, "a.mp4/").keySet()).as("the new tape's 21 frames, no old file left")
        .isEqualTo(java.util.stream.IntStream.range(0, 21).mapToObj(i -> "a.mp4/" + FrameFiles.fileName(i))
            .collect(Collectors.toCollection(java.util.TreeSet::new)));
    assertThat(filesUnder(after, "a.mp4/").values()).doesNotContainAnyElementsOf(filesUnder(before, "a.mp4/").values());
    assertThat(visibleNames(frames)).containsExactly(OutputGuard.MARKER, ErrorTable.FILE_NAME, TapeTable.FILE_NAME,
        "a.mp4", "b.mp4");
    assertNoLeftovers(frames);
  }

  @Test
  void optionsThatWouldMixTwoKindsOfFramesAreRefusedNamingBothValuesAndTheFix() throws IOException {
    Path frames = baseDataset("frames-refuse");
    Map<String, String> before = fileHashes(frames);
    String input = added.toString();
    String out = frames.toString();

    assertRefused(ExtractConfig.builder(input, out).size(64, 64).segmentFrames(7).update(true).build(),
        "dataset size=48x32, this run size=64x64", "drop --update to replace the whole dataset or use --size 48x32");
    assertRefused(config(input, frames).toBuilder().fit(Fit.PAD).build(),
        "dataset fit=stretch, this run fit=pad", "use --fit stretch");
    assertRefused(config(input, frames).toBuilder().format(ExtractFormat.JPG).build(),
        "dataset format=parquet, this run format=jpg, dataset image-format=png, this run image-format=jpg",
        "use --format parquet --image-format png");
    assertRefused(ExtractConfig.builder(input, out).size(WIDTH, HEIGHT).segmentFrames(7).imageFormat("jpg")
        .update(true).build(),
        "dataset image-format=png, this run image-format=jpg", "use --image-format png");

    // A table from before the layout columns: the size and encoding are read from the frames themselves.
    List<String> lines = Files.readAllLines(frames.resolve(TapeTable.FILE_NAME));
    Files.write(frames.resolve(TapeTable.FILE_NAME), lines.stream()
        .map(line -> line.substring(0, ordinalIndexOf(line, ',', 8))).toList());
    assertThat(TapeTable.read(out, hadoop())).extracting(TapeTable.Entry::fit).containsOnly(Fit.STRETCH);
    assertRefused(ExtractConfig.builder(input, out).size(64, 64).segmentFrames(7).imageFormat("jpg").fit(Fit.PAD)
        .update(true).build(),
        "dataset size=48x32, this run size=64x64, dataset fit=stretch, this run fit=pad, dataset image-format=png",
        "use --size 48x32 --fit stretch --image-format png");
    before.put(TapeTable.FILE_NAME, fileHashes(frames).get(TapeTable.FILE_NAME));
    assertThat(fileHashes(frames)).as("nothing changed").isEqualTo(before);

    Path notADataset = Files.createDirectories(dir.resolve("not-frames"));
    assertThatThrownBy(() -> extract(config(input, notADataset)))
        .hasMessageContaining("it is not a dunkclip frames dataset (no _tapes.csv in it)")
        .hasMessageContaining("drop --update to replace it or choose another --output");
  }

  @Test
  void aTapeThatGivesNoFramesKeepsItsEarlierFramesAndRowAndIsReported() throws IOException {
    Path frames = baseDataset("frames-broken");
    Map<String, String> before = fileHashes(frames);
    List<String> tapesBefore = Files.readAllLines(frames.resolve(TapeTable.FILE_NAME));

    ExtractResult result = extract(config(broken.resolve("a.mp4").toString(), frames));

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.tape()).isEqualTo("a.mp4");
      assertThat(e.reason()).contains("empty (0 bytes)");
    });
    Map<String, String> after = fileHashes(frames);
    assertThat(filesUnder(after, "video=a.mp4/")).isEqualTo(filesUnder(before, "video=a.mp4/")).isNotEmpty();
    assertThat(Files.readAllLines(frames.resolve(TapeTable.FILE_NAME))).isEqualTo(tapesBefore);
    List<String> errors = Files.readAllLines(frames.resolve(ErrorTable.FILE_NAME));
    assertThat(errors).hasSize(2);
    assertThat(errors.get(1)).startsWith("a.mp4,").contains("empty (0 bytes)");

    // Damaged half way: the frames before the damage replace the earlier ones, as a whole run would keep them.
    ExtractResult partly = extract(config(cut.resolve("a.mp4").toString(), frames));
    assertThat(partly.errors()).singleElement().satisfies(e -> assertThat(e.framesDone()).isBetween(1L, 20L));
    long kept = partly.errors().get(0).framesDone();
    assertThat(rows(frames).get("a.mp4")).isEqualTo(rows(wholeRun(changed, "whole-changed")).get("a.mp4")
        .subList(0, (int) kept));
    assertThat(TapeTable.frameCounts(frames.toString(), hadoop())).containsEntry("b.mp4", 15L);
    List<String> partlyErrors = Files.readAllLines(frames.resolve(ErrorTable.FILE_NAME));
    assertThat(partlyErrors).hasSize(2);
    assertThat(partlyErrors.get(1)).startsWith("a.mp4,").contains("could be read").doesNotContain("empty");

    // Readable again: its frames are replaced and its error is gone.
    extract(config(changed.resolve("a.mp4").toString(), frames));
    assertThat(rows(frames).get("a.mp4")).hasSize(21);
    assertThat(Files.readAllLines(frames.resolve(ErrorTable.FILE_NAME))).hasSize(1);
    assertNoLeftovers(frames);
  }

  /** What the update in the crash test does: a.mp4 changes, c.mp4 is new, b.mp4 becomes unreadable. */
  private static Path crashInput() throws IOException {
    Path input = dir.resolve("crash-input");
    if (!Files.exists(input)) {
      Files.createDirectories(input);
      Files.copy(changed.resolve("a.mp4"), input.resolve("a.mp4"));
      Files.createFile(input.resolve("b.mp4"));
      Files.copy(added.resolve("c.mp4"), input.resolve("c.mp4"));
    }
    return input;
  }

  /** Thrown by the test hook where a kill would stop the commit. */
  private static final class Crash extends RuntimeException {
    Crash(int step) {
      super("crash after commit step " + step);
    }
  }

  /** The uninterrupted update of the crash tests, on a copy of {@link #crashBaseline()}. */
  private record Reference(Path dataset, Map<String, List<String>> rows, byte[] tapes, byte[] errors) {}

  private static Path crashBaseline;
  private static Reference reference;

  /** The dataset the crash tests update: a whole run of a.mp4 and b.mp4. */
  private static synchronized Path crashBaseline() {
    if (crashBaseline == null) {
      crashBaseline = baseDataset("crash-base");
    }
    return crashBaseline;
  }

  private static synchronized Reference reference() throws IOException {
    if (reference == null) {
      Path dataset = copy(crashBaseline(), "crash-reference");
      extract(config(crashInput().toString(), dataset));
      reference = new Reference(dataset, rows(dataset), Files.readAllBytes(dataset.resolve(TapeTable.FILE_NAME)),
          Files.readAllBytes(dataset.resolve(ErrorTable.FILE_NAME)));
    }
    return reference;
  }

  @Test
  void aCrashAfterAnyStepOfTheCommitFollowedByARerunGivesTheDatasetOfOneUninterruptedRun() throws IOException {
    Map<String, List<String>> oldRows = rows(crashBaseline());
    Path input = crashInput();
    Reference expected = reference();
    Map<String, List<String>> newRows = rows(wholeRun(input, "crash-whole"));
    assertThat(expected.rows().get("a.mp4")).isEqualTo(newRows.get("a.mp4"));
    assertThat(expected.rows().get("b.mp4")).as("unreadable now: kept").isEqualTo(oldRows.get("b.mp4"));
    assertThat(expected.rows().get("c.mp4")).isEqualTo(newRows.get("c.mp4"));

    // The update once more, checking after every step what a reader of the dataset sees: per tape the old rows, the
    // new rows or (between the two renames) none, never a mix.
    Path observed = copy(crashBaseline(), "crash-observed");
    List<String> seen = new ArrayList<>();
    AtomicInteger steps = new AtomicInteger();
    JournaledCommit.afterStep = () -> {
      steps.incrementAndGet();
      Map<String, List<String>> visible = rows(observed);
      seen.add(visible.containsKey("a.mp4") ? visible.get("a.mp4").equals(oldRows.get("a.mp4")) ? "old" : "new"
          : "none");
      for (String tape : visible.keySet()) {
        assertThat(visible.get(tape)).as("rows of %s at step %d", tape, steps.get())
            .isIn(oldRows.get(tape), newRows.get(tape));
      }
    };
    extract(config(input.toString(), observed));
    JournaledCommit.afterStep = () -> {};
    // Staged, journal written, a.mp4 aside + in + old deleted, c.mp4 in, two tables, staging deleted.
    assertThat(steps.get()).isEqualTo(9);
    assertThat(seen).containsExactly("old", "old", "none", "new", "new", "new", "new", "new", "new");
    assertSameDataset(observed, expected, "uninterrupted");

    for (int crashAt = 1; crashAt <= steps.get(); crashAt++) {
      Path frames = copy(crashBaseline(), "crash-" + crashAt);
      int stop = crashAt;
      AtomicInteger step = new AtomicInteger();
      JournaledCommit.afterStep = () -> {
        if (step.incrementAndGet() == stop) {
          throw new Crash(stop);
        }
      };
      assertThatThrownBy(() -> extract(config(input.toString(), frames))).isInstanceOf(Crash.class);
      JournaledCommit.afterStep = () -> {};

      // What train and detect do first: before the journal there is nothing to finish, after it all of it.
      FramesDataset.recover(frames.toString(), hadoop());
      if (crashAt == 1) {
        assertThat(rows(frames)).as("a crash before the journal leaves the dataset as it was").isEqualTo(oldRows);
        assertThat(frames.resolve(JournaledCommit.JOURNAL)).doesNotExist();
      } else {
        assertThat(rows(frames)).as("rows after a crash at step %d and recover", crashAt).isEqualTo(expected.rows());
        assertThat(frames.resolve(TapeTable.FILE_NAME)).hasBinaryContent(expected.tapes());
        assertThat(frames.resolve(JournaledCommit.JOURNAL)).doesNotExist();
      }

      extract(config(input.toString(), frames));

      assertSameDataset(frames, expected, "crash after step " + crashAt + " and a rerun");
    }
  }

  /**
   * The command line in its own JVM, killed with SIGKILL between two commit steps: while tape a.mp4 is neither old nor
   * new (its old directory aside). The same command then finishes the update. (One point: a child JVM costs ~25 s;
   * the test above covers every step.)
   */
  @Test
  void aKill9OfTheCommandBetweenCommitStepsFollowedByTheSameCommandGivesTheDatasetOfOneUninterruptedRun()
      throws Exception {
    Reference expected = reference();
    for (int pauseAfter : new int[] {3}) {
      Path frames = copy(crashBaseline(), "killed-" + pauseAfter);
      Path marker = dir.resolve("killed-" + pauseAfter + ".paused");
      List<String> cli = List.of("extract", "--master", "local[2]", "--input", crashInput().toString(), "--output",
          frames.toString(), "--size", WIDTH + "x" + HEIGHT, "--segment-frames", "" + SEGMENT_FRAMES, "--update");
      List<String> args = new ArrayList<>(List.of(Integer.toString(pauseAfter), marker.toString()));
      args.addAll(cli);
      Path log = dir.resolve("killed-" + pauseAfter + ".log");
      Process child = io.dunkclip.jobs.ChildJvm.builder(List.of(), PausedUpdate.class.getName(), args, log).start();
      try {
        long deadline = System.currentTimeMillis() + 300_000; // a loaded 2-core machine once took over 180 s
        while (!Files.exists(marker)) {
          assertThat(child.isAlive()).as("the child is running (log: %s)", log).isTrue();
          assertThat(System.currentTimeMillis()).as("reached step %d in time (log: %s)", pauseAfter, log)
              .isLessThan(deadline);
          Thread.sleep(20);
        }
        // A second update while that process holds the dataset's lock: refused before any work, nothing touched.
        List<String> before = listing(frames);
        assertThatThrownBy(() -> ExtractJob.run(TestSpark.session(), config(crashInput().toString(), frames)))
            .isInstanceOf(io.dunkclip.jobs.fs.OutputRefusedException.class)
            .hasMessageContaining("another run is writing it")
            .hasMessageContaining("pid " + child.pid());
        assertThat(listing(frames)).as("the dataset as the first run left it").isEqualTo(before);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      } finally {
        child.destroyForcibly();
      }
      assertThat(frames.resolve(JournaledCommit.JOURNAL)).as("killed mid-commit").exists();

      ExtractResult rerun = ExtractJob.run(TestSpark.session(), config(crashInput().toString(), frames));

      assertThat(rerun.errors()).extracting(e -> e.tape()).containsExactly("b.mp4");
      assertSameDataset(frames, expected, "kill -9 after step " + pauseAfter + " and the same command");
      assertThat(frames.resolveSibling("." + frames.getFileName() + ".lock"))
          .as("the killed run's lock was taken over, then released").doesNotExist();
    }
  }

  /** Every file under {@code dir} with its size, sorted: what a refused run must leave as it was. */
  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path file : files.sorted().collect(Collectors.toList())) {
        out.add(dir.relativize(file) + (Files.isRegularFile(file) ? " " + Files.size(file) : "/"));
      }
      return out;
    }
  }

  private static void assertSameDataset(Path frames, Reference expected, String what) throws IOException {
    assertThat(rows(frames)).as("rows, %s", what).isEqualTo(expected.rows());
    assertThat(frames.resolve(TapeTable.FILE_NAME)).as("_tapes.csv, %s", what).hasBinaryContent(expected.tapes());
    assertThat(frames.resolve(ErrorTable.FILE_NAME)).as("_errors.csv, %s", what).hasBinaryContent(expected.errors());
    assertThat(visibleNames(frames)).as("files, %s", what).isEqualTo(visibleNames(expected.dataset()));
    assertNoLeftovers(frames);
  }

  private static int ordinalIndexOf(String text, char c, int n) {
    int index = -1;
    for (int i = 0; i < n; i++) {
      index = text.indexOf(c, index + 1);
    }
    return index;
  }

  private static void assertRefused(ExtractConfig config, String... parts) {
    assertThatThrownBy(() -> extract(config)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot update the frames dataset " + config.output() + ": its frames were made with"
            + " other options than this run's")
        .hasMessageContainingAll(parts);
  }

  /** A whole-dataset run of the base tapes, the dataset the tests then update. */
  private static Path baseDataset(String name) {
    Path frames = dir.resolve(name);
    extract(config(base.toString(), frames).toBuilder().update(false).build());
    return frames;
  }

  private static Path wholeRun(Path input, String name) {
    Path output = dir.resolve(name);
    if (!Files.exists(output)) {
      extract(config(input.toString(), output).toBuilder().update(false).build());
    }
    return output;
  }

  /** No journal, no aside or staged copy in the dataset, no staging directory beside it. */
  private static void assertNoLeftovers(Path frames) throws IOException {
    try (Stream<Path> children = Files.list(frames)) {
      assertThat(children.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.equals(JournaledCommit.JOURNAL) || name.endsWith(".replaced"));
    }
    try (Stream<Path> siblings = Files.list(frames.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("." + frames.getFileName() + "."));
    }
  }

  /** The names a reader of the dataset sees at its top (hidden checksum files aside). */
  private static List<String> visibleNames(Path frames) throws IOException {
    try (Stream<Path> children = Files.list(frames)) {
      return children.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
    }
  }

  private static Path copy(Path from, String name) throws IOException {
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
    return to;
  }

  /** Each video's frames as {@code frame,timestamp,WxH,sha256(image)}, in frame order. */
  private static Map<String, List<String>> rows(Path frames) {
    List<Row> rows = TestSpark.session().read().parquet(frames.toString())
        .select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.TIMESTAMP_US, FrameRows.WIDTH, FrameRows.HEIGHT,
            FrameRows.IMAGE)
        .orderBy(FrameRows.VIDEO, FrameRows.FRAME).collectAsList();
    return rows.stream().collect(Collectors.groupingBy(r -> r.getString(0), TreeMap::new,
        Collectors.mapping(r -> r.getLong(1) + "," + r.getLong(2) + "," + r.getInt(3) + "x" + r.getInt(4) + ","
            + sha256(r.getAs(5)), Collectors.toList())));
  }

  /** Every file under {@code root} (hidden ones too) by relative path, with its content hash. */
  private static Map<String, String> fileHashes(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  private static Map<String, String> filesUnder(Map<String, String> hashes, String prefix) {
    return new TreeMap<>(hashes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static org.apache.hadoop.conf.Configuration hadoop() {
    return TestSpark.session().sparkContext().hadoopConfiguration();
  }
}
