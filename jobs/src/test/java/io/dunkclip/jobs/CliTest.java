package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.cli.DunkclipCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: commands, --help, exit codes, and errors that name the value. */
class CliTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = DunkclipCli.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void everyCommandOfTheContractHasHelp() {
    for (String command : new String[] {"sample", "extract", "label", "train", "detect", "render", "report",
        "evaluate", "quickstart", "nightly"}) {
      Outcome outcome = run(command, "--help");
      assertThat(outcome.code()).as(command).isZero();
      assertThat(outcome.out()).contains("Usage: dunkclip " + command).contains("--conf");
    }
    assertThat(run("extract", "--help").out()).contains("--input").contains("--output").contains("--size");
    assertThat(run("train", "--help").out()).contains("--frames").contains("--labels").contains("--model")
        .contains("--epochs").contains("--arch");
    assertThat(run("train", "--help").out()).contains("--require-full-coverage");
    assertThat(run("label", "--help").out()).contains("--input").contains("--output").contains("--every")
        .contains("labels-template.csv");
    assertThat(run("detect", "--help").out()).contains("--threshold").contains("--labels");
    assertThat(run("report", "--help").out()).contains("--detect").contains("--input").contains("--labels");
    assertThat(run("sample", "--help").out()).contains("--tapes").contains("--seconds").contains("--seed")
        .contains("--no-player");
    assertThat(run("quickstart", "--help").out()).contains("--workdir");
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    Outcome outcome = run("extract", "--input", "x", "--output", "y", "--frobnicate");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("--frobnicate");
  }

  @Test
  void aBadLabelsRowFailsWithItsLineNumber() throws Exception {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\ntape-01.mp4,0,10,0\ntape-01.mp4,20,5,1\n");
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n");
    Outcome outcome = run("evaluate", "--clips", clips.toString(), "--labels", labels.toString());
    assertThat(outcome.code()).isEqualTo(1);
    assertThat(outcome.err()).contains("labels.csv line 3").contains("end_frame");
  }

  @Test
  void evaluatePrintsFrameAndClipMetrics() throws Exception {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\na.mp4,10,19,1\na.mp4,40,49,1\n");
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "a.mp4,1,12,21,0.4,0.733,0.99\na.mp4,2,70,75,2.333,2.533,0.97\n");
    Outcome outcome = run("evaluate", "--clips", clips.toString(), "--labels", labels.toString());
    assertThat(outcome.code()).isZero();
    // Frames: 8 of 16 predicted are right, 8 of 20 true found. Clips: 1 match (IoU 8/12), 1 false, 1 missed.
    assertThat(outcome.out()).contains("frames: precision=0.500 recall=0.400")
        .contains("clips @ IoU 0.50: precision=0.500 recall=0.500")
        .contains("evaluate: frame_precision=0.500 frame_recall=0.400");
  }

  @Test
  void evaluateWarnsForEachClipThatRunsPastTheLabelledFramesAndStillCountsThem() throws Exception {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\na.mp4,0,39,0\na.mp4,40,49,1\n");
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "a.mp4,1,10,19,0.333,0.667,0.9\na.mp4,2,45,60,1.5,2.033,0.99\nb.mp4,1,0,9,0,0.333,0.9\n");
    Path json = dir.resolve("metrics.json");

    Outcome outcome = run("evaluate", "--clips", clips.toString(), "--labels", labels.toString(), "--output",
        json.toString());

    assertThat(outcome.code()).isZero();
    // Frames: 5 of 36 predicted are labelled 1 (45-49); 11 past frame 49 and b.mp4's 10 are false positives.
    assertThat(outcome.out()).contains("frames: precision=0.139 recall=0.500 f1=0.217 (tp=5 fp=31 fn=5)");
    assertThat(outcome.err().lines().filter(line -> line.contains("warning"))).containsExactly(
        "dunkclip evaluate: warning: clip 2 of a.mp4 (frames 45-60) runs past the last frame " + labels + " covers"
            + " for a.mp4 (49): its 11 frames after it count as false positives (frames no row covers are 0);"
            + " label the rest of a.mp4 if they were never checked",
        "dunkclip evaluate: warning: clip 1 of b.mp4 (frames 0-9) has no label rows in " + labels + ": its 10"
            + " frames count as false positives (frames no row covers are 0); label b.mp4 or leave its clips out");
    assertThat(Files.readString(json)).contains("\"warnings\"").contains("runs past the last frame");
  }

  @Test
  void extractOffersFitAndFormatAndABadValueIsAUsageErrorNamingIt() {
    // Help text wraps at the terminal width: compare with the line breaks folded.
    assertThat(run("extract", "--help").out().replaceAll("\\s+", " ")).contains("--update")
        .contains("gives no frames at all (unreadable, no video) keeps its earlier frames and is reported")
        .contains("damaged half way gets the frames before the damage");
    assertThat(run("extract", "--help").out()).contains("--fit").contains("stretch|pad").contains("--format")
        .contains("parquet|jpg").contains("--image-format");
    Outcome fit = run("extract", "--input", "x", "--output", "y", "--fit", "crop");
    assertThat(fit.code()).isEqualTo(2);
    assertThat(fit.err()).contains("unknown fit (fit=crop); use stretch or pad");
    // train reads --fit with the same converter: refused while parsing, naming the option.
    Outcome trainFit = run("train", "--frames", "f", "--labels", "l.csv", "--model", "m", "--fit", "crop");
    assertThat(trainFit.code()).isEqualTo(2);
    assertThat(trainFit.err()).contains("'--fit'").contains("unknown fit (fit=crop); use stretch or pad");
    Outcome format = run("extract", "--input", "x", "--output", "y", "--format", "tiff");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("unknown output format (format=tiff); use parquet or jpg");
    Outcome size = run("extract", "--input", "x", "--output", "y", "--size", "64");
    assertThat(size.code()).isEqualTo(2);
    assertThat(size.err()).contains("--size").contains("expected WIDTHxHEIGHT such as 64x64 (size=64)");
    Outcome clash = run("extract", "--input", "x", "--output", "y", "--format", "jpg", "--image-format", "png");
    assertThat(clash.code()).isEqualTo(2);
    assertThat(clash.err()).contains("--format jpg writes JPEG files").contains("(image-format=png)");
  }

  @Test
  void detectReadsTapesOrAFramesDatasetAndItsFastModeOnlyTapes() {
    assertThat(run("detect", "--help").out()).contains("--input").contains("--frames").contains("--fast");
    Outcome both = run("detect", "--input", "x", "--frames", "y", "--model", "m", "--output", "o");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    Outcome neither = run("detect", "--model", "m", "--output", "o");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("--input").contains("--frames");
    Outcome fastFrames = run("detect", "--frames", "y", "--fast", "--model", "m", "--output", "o");
    assertThat(fastFrames.code()).isEqualTo(2);
    assertThat(fastFrames.err()).contains("drop --fast or give --input (frames=y)");
  }

  @Test
  void detectAndNightlySmoothTheScoresUnlessTheWindowIsZero() {
    // One mixin: the same options, defaults and help in both commands.
    for (String command : new String[] {"detect", "nightly"}) {
      // Help text wraps at the terminal width: compare with the line breaks folded.
      String help = run(command, "--help").out().replaceAll("\\s+", " ");
      assertThat(help).as(command).contains("--smooth-seconds").contains("0 turns it off").contains("default: 0.4")
          .contains("--threshold").contains("--exit-threshold").contains("--min-seconds").contains("--max-gap-seconds")
          .contains("--pad-seconds").contains("--segment-frames").contains("--batch-size");
    }
    Outcome nightly = run("nightly", "--archive", "x", "--model", "m", "--output", "o", "--threshold", "0.5",
        "--exit-threshold", "0.9");
    assertThat(nightly.code()).isEqualTo(2);
    assertThat(nightly.err()).contains("the exit threshold must not be above the enter threshold 0.5"
        + " (exit-threshold=0.9)");
    Outcome negative = run("detect", "--input", "x", "--model", "m", "--output", "o", "--smooth-seconds=-1");
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.err()).contains("the smoothing window must be 0 (off) to 10 seconds (smooth-seconds=-1.0)");
  }

  @Test
  void settingsMustBeSparkOrDunkclipKeys() {
    Outcome outcome = run("extract", "--input", "x", "--output", "y", "--conf", "executor.memory=4g");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("executor.memory").contains("spark. or dunkclip.");
  }

  @Test
  void aBadMasterOrAConfWithoutItsEqualsSignIsAUsageErrorOfOneLineNamingTheValue() {
    Outcome master = run("extract", "--input", "x", "--output", "y", "--master", "garbage");
    assertThat(master.code()).isEqualTo(2);
    assertThat(master.err().lines().filter(line -> !line.isBlank())).containsExactly("dunkclip extract: Cannot start"
        + " Spark: the master URL is not one Spark knows; use local[*], local[N], local-cluster[N,C,M],"
        + " spark://HOST:PORT, yarn or k8s://URL (master=garbage)");
    Outcome confMaster = run("extract", "--input", "x", "--output", "y", "--conf", "spark.master=local[0]");
    assertThat(confMaster.code()).isEqualTo(2);
    assertThat(confMaster.err()).contains("(spark.master=local[0])");

    Outcome noEquals = run("extract", "--input", "x", "--output", "y", "--conf", "spark.executor.memory");
    assertThat(noEquals.code()).isEqualTo(2);
    assertThat(noEquals.err().lines().filter(line -> !line.isBlank())).containsExactly("dunkclip extract: Cannot use"
        + " --conf spark.executor.memory: a setting is KEY=VALUE and this one has no '='; write"
        + " --conf spark.executor.memory=VALUE (conf=spark.executor.memory)");
    // Commands without a Spark session check the settings too.
    Outcome evaluateConf = run("evaluate", "--clips", "c", "--labels", "l", "--conf", "spark.master=garbage");
    assertThat(evaluateConf.code()).isEqualTo(2);
    assertThat(evaluateConf.err()).contains("(spark.master=garbage)");
  }

  @Test
  void onlyCommandsWithASparkSessionOfferMaster() {
    for (String command : new String[] {"extract", "label", "train", "detect", "render", "report", "quickstart",
        "nightly"}) {
      assertThat(run(command, "--help").out()).as(command).contains("--master");
    }
    for (String[] command : new String[][] {{"sample", "--output", "o"}, {"evaluate", "--clips", "c", "--labels",
        "l"}}) {
      assertThat(run(command[0], "--help").out()).as(command[0]).doesNotContain("--master");
      String[] withMaster = java.util.Arrays.copyOf(command, command.length + 2);
      withMaster[command.length] = "--master";
      withMaster[command.length + 1] = "local[2]";
      Outcome outcome = run(withMaster);
      assertThat(outcome.code()).as(command[0]).isEqualTo(2);
      assertThat(outcome.err()).as(command[0]).contains("Unknown option").contains("--master");
    }
  }

  @Test
  void evaluateReadsAndWritesThroughTheFilesystemOfTheSettings() throws Exception {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\na.mp4,10,19,1\n");
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\na.mp4,1,10,19,0.4,0.7,0.99\n");
    Path json = dir.resolve("metrics.json");
    String[] evaluate = {"evaluate", "--clips", OtherSchemeFileSystem.path(clips), "--labels",
        OtherSchemeFileSystem.path(labels), "--output", OtherSchemeFileSystem.path(json)};

    Outcome unknown = run(evaluate);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("dunkclip-other");
    assertThat(json).doesNotExist();

    Outcome known = run(concat(evaluate, OtherSchemeFileSystem.settings()));
    assertThat(known.code()).as(known.err()).isZero();
    assertThat(known.out()).contains("frames: precision=1.000 recall=1.000");
    assertThat(Files.readString(json)).contains("\"frames\"");
  }

  @Test
  void sampleWritesThroughTheFilesystemOfTheSettings() throws Exception {
    Path tapes = dir.resolve("tapes");
    String[] sample = {"sample", "--output", OtherSchemeFileSystem.path(tapes), "--tapes", "1", "--seconds", "2"};

    Outcome unknown = run(sample);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("dunkclip-other");
    assertThat(tapes).doesNotExist();

    Outcome known = run(concat(sample, OtherSchemeFileSystem.settings()));
    assertThat(known.code()).as(known.err()).isZero();
    assertThat(tapes.resolve("labels.csv")).isRegularFile();
    try (var files = Files.list(tapes)) {
      assertThat(files.filter(file -> file.toString().endsWith(".mp4"))).hasSize(1);
    }
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
