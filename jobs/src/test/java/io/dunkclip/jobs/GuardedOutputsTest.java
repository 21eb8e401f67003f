package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command destroys what the user did not ask it to destroy: an output that is an input, holds one, is a file, or
 * holds files the command did not write is refused before any work, as is an output that cannot be written; a run
 * that can read no tape replaces nothing. Refusals are usage errors (exit 2), one line naming the path and the fix.
 */
class GuardedOutputsTest {
  @TempDir static Path dir;
  static Path victim;

  @BeforeAll
  static void tapes() throws IOException {
    victim = Files.createDirectories(dir.resolve("victim"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 2, 15, 160, 90, 0, 5), victim.resolve("a.mp4"));
    Files.writeString(victim.resolve("notes.txt"), "the user's own notes\n");
  }

  @Test
  void anOutputThatIsAnInputHoldsOneIsAFileOrHoldsOtherFilesIsRefusedBeforeAnyWork() throws IOException {
    Path area = Files.createDirectories(dir.resolve("refusals"));
    Path tapes = Files.createDirectories(area.resolve("tapes"));
    Files.copy(victim.resolve("a.mp4"), tapes.resolve("a.mp4"));
    Path labels = Files.writeString(area.resolve("labels.csv"), "video,start_frame,end_frame,label\na.mp4,0,29,0\n");
    Path mine = Files.createDirectories(area.resolve("mine"));
    Files.writeString(mine.resolve("keep.txt"), "mine\n");
    Path clips = Files.writeString(area.resolve("clips.csv"),
        "video,clip,start_frame,end_frame,start_sec,end_sec,score\na.mp4,1,0,9,0.0,0.667,0.99\n");
    // A detect output whose report/ folder is the user's own (no marker, no index.html).
    Path detect = Files.createDirectories(area.resolve("detect"));
    Files.copy(clips, detect.resolve("clips.csv"));
    Files.createDirectories(detect.resolve("report"));
    Files.writeString(detect.resolve("report/draft.md"), "my notes\n");
    Path work = Files.createDirectories(area.resolve("work"));
    Files.createDirectories(work.resolve("tapes"));
    Files.writeString(work.resolve("tapes/holiday.mp4"), "not a sample tape\n");
    Map<String, String> before = snapshot(area);
    String t = tapes.toString();

    assertRefused(CliTest.run("extract", "--input", t, "--output", t), t, "is the input itself");
    assertRefused(CliTest.run("extract", "--input", t + "/*.mp4", "--output", t), t, "holds the input");
    assertRefused(CliTest.run("extract", "--input", t, "--output", area.toString()), area.toString(),
        "holds the input");
    assertRefused(CliTest.run("extract", "--input", t, "--output", t + "/frames"), t + "/frames", "inside the input");
    assertRefused(CliTest.run("extract", "--input", t, "--output", labels.toString()), labels.toString(), "is a file");
    assertRefused(CliTest.run("extract", "--input", t, "--output", mine.toString()), mine.toString(),
        "did not write");
    assertRefused(CliTest.run("detect", "--input", t, "--model", area.resolve("m.model").toString(), "--output",
        mine.toString()), mine.toString(), "did not write");
    assertRefused(CliTest.run("render", "--clips", clips.toString(), "--input", t, "--output", mine.toString()),
        mine.toString(), "did not write");
    assertRefused(CliTest.run("render", "--clips", mine.resolve("clips.csv").toString(), "--input", t, "--output",
        mine.toString()), mine.toString(), "holds the clips");
    assertRefused(CliTest.run("label", "--input", t, "--output", mine.toString()), mine.toString(), "did not write");
    assertRefused(CliTest.run("label", "--input", t, "--output", t), t, "is the input itself");
    assertRefused(CliTest.run("report", "--detect", detect.toString()), detect.resolve("report").toString(),
        "did not write");
    assertRefused(CliTest.run("quickstart", "--workdir", work.toString()), work.toString(), "did not write");

    assertThat(snapshot(area)).as("every file as it was").isEqualTo(before);
  }

  @Test
  void aTypoInInputLeavesThePreviousOutputAsItWasAndExitsNothingDone() throws IOException {
    Path area = Files.createDirectories(dir.resolve("typo"));
    Path frames = Files.createDirectories(area.resolve("frames"));
    ExtractResult first = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(victim.resolve("a.mp4").toString(), frames.toString()).size(32, 32).segmentFrames(30)
            .build());
    assertThat(first.frames()).isEqualTo(30);
    // A detect output as an older dunkclip left it (its _detect.json proves whose it is).
    Path detect = Files.createDirectories(area.resolve("detect"));
    Files.writeString(detect.resolve("_detect.json"), "{}\n");
    Files.writeString(detect.resolve("clips.csv"),
        "video,clip,start_frame,end_frame,start_sec,end_sec,score\na.mp4,1,0,9,0.0,0.667,0.99\n");
    Map<String, String> before = snapshot(area);
    String typo = dir.resolve("victm").toString();

    CliTest.Outcome extract = CliTest.run("extract", "--input", typo, "--output", frames.toString());
    assertThat(extract.code()).as("exit status; out: %s err: %s", extract.out(), extract.err()).isEqualTo(5);
    assertThat(extract.out()).contains("victm").contains("no such file").contains("nothing done")
        .contains(frames.toString());
    CliTest.Outcome detected = CliTest.run("detect", "--input", typo, "--model", area.resolve("m.model").toString(),
        "--output", detect.toString());
    assertThat(detected.code()).as("exit status; out: %s err: %s", detected.out(), detected.err()).isEqualTo(5);
    assertThat(detected.out()).contains("nothing done");

    // Tapes that exist but none of which can be read: the job itself replaces nothing either.
    Path unreadable = Files.createDirectories(area.resolve("unreadable"));
    Files.createFile(unreadable.resolve("zero.mp4"));
    ExtractResult none = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(unreadable.toString(), frames.toString()).size(32, 32).segmentFrames(30).build());
    assertThat(none.tapes()).isZero();
    assertThat(none.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("empty (0 bytes)"));

    before.remove("unreadable/zero.mp4");
    Map<String, String> after = snapshot(area);
    after.remove("unreadable/zero.mp4");
    assertThat(after).as("the earlier dataset and detect output as they were").isEqualTo(before);
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedInOneLineBeforeDecoding() throws IOException {
    Path area = Files.createDirectories(dir.resolve("unwritable"));
    Path file = Files.writeString(area.resolve("a-file"), "in the way\n");
    Path clips = Files.writeString(area.resolve("clips.csv"),
        "video,clip,start_frame,end_frame,start_sec,end_sec,score\na.mp4,1,0,9,0.0,0.667,0.99\n");
    String out = file.resolve("out").toString();
    String tapes = victim.resolve("a.mp4").toString();

    assertRefused(CliTest.run("extract", "--input", tapes, "--output", out), out, file + " is a file");
    assertRefused(CliTest.run("detect", "--input", tapes, "--model", area.resolve("m.model").toString(), "--output",
        out), out, file + " is a file");
    assertRefused(CliTest.run("render", "--clips", clips.toString(), "--input", tapes, "--output", out), out,
        file + " is a file");
    assertRefused(CliTest.run("nightly", "--archive", tapes, "--model", area.resolve("m.model").toString(),
        "--output", out), out, file + " is a file");
    assertThat(file).hasContent("in the way");

    // A directory no one may write into, not even root: /sys on Linux.
    Path sys = Path.of("/sys");
    if (Files.isDirectory(sys) && !canCreateFileIn(sys)) {
      String frames = sys.resolve("dunkclip-guard-test/frames").toString();
      assertRefused(CliTest.run("extract", "--input", tapes, "--output", frames), frames, "/sys is not writable");
    }
  }

  private static boolean canCreateFileIn(Path directory) {
    try {
      Files.delete(Files.createTempFile(directory, "probe", ""));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Exit 2, one line on stderr naming the path, why and the fix, and no stack trace; nothing on stdout. */
  private static void assertRefused(CliTest.Outcome outcome, String path, String why) {
    assertThat(outcome.code()).as("exit status; out: %s err: %s", outcome.out(), outcome.err()).isEqualTo(2);
    String err = outcome.err().strip();
    assertThat(err).as("one line").doesNotContain("\n").contains(path).contains(why).contains("; choose")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Every file under {@code root} (relative name to content), hidden ones included. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }
}
