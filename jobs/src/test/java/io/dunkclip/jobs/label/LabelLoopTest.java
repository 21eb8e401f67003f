package io.dunkclip.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.report.HeadlessChromium;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.split.ValidationSplit;
import io.dunkclip.video.Fit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the pages: labels made on the labelling page train a model, detect cuts clips, a clip is
 * rejected on the report page, and training again on the labels plus the exported corrections removes that clip.
 *
 * <p>The rejected clip is made certain: on the labelling page the person marks the whole of a tape of an empty court
 * (no player ever) as a dunk, a mistake a frame-only model learns at once (that court's colours), so detect finds a
 * clip there; the corrections then say 0 for it, and the retrained model has nothing left to find there. Kept small
 * (three tapes of 8 to 16 s, 32x32 frames, 2 epochs) so it runs in about two minutes on two cores.
 */
class LabelLoopTest {
  static final int EVERY = 15;
  static final String EMPTY = "c-empty.mp4";
  @TempDir Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private DetectResult detect(String model, String output) {
    return ReportJob.detectAndReport(TestSpark.session(), DetectConfig.builder().input(path("tapes")).model(model)
        .output(path(output)).build());
  }

  private TrainConfig train(String labels, String model, long seed) {
    return TrainConfig.builder(path("frames"), labels, path(model)).epochs(2).arch("small-cnn").batchSizePerWorker(16)
        .learningRate(3e-3).validationFraction(0.25).threshold(0.95).seed(seed).balance(true).patience(2)
        .workDir(path("scratch")).sharing(TestSpark.sharing()).fit(Fit.STRETCH).input(ModelMetadata.INPUT_FRAME)
        .augment(false).build();
  }

  @Test
  void aClipRejectedInTheReportIsGoneAfterTrainingAgainWithTheCorrections() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    GeneratedTape a = SampleTapeGenerator.generate(new TapeSpec("a.mp4", 16, 15, 64, 36, 0, 31),
        tapes.resolve("a.mp4"));
    GeneratedTape b = SampleTapeGenerator.generate(new TapeSpec("b.mp4", 16, 15, 64, 36, 0, 32),
        tapes.resolve("b.mp4"));
    GeneratedTape empty = SampleTapeGenerator.generate(new TapeSpec(EMPTY, 8, 15, 64, 36, 0, 33).withoutPlayers(),
        tapes.resolve(EMPTY));
    // Both tapes with players must hold a dunk: one of them trains, the other validates.
    assertThat(a.playerRanges()).isNotEmpty();
    assertThat(b.playerRanges()).isNotEmpty();
    LabelJob.run(TestSpark.session(), LabelConfig.builder(tapes.toString(), path("sheets")).every(EVERY).build());

    // 1. Labels from the page: the dunks of a and b, and (the mistake) all of the empty court.
    Path labels;
    try (HeadlessChromium.Session page = HeadlessChromium.start(dir.resolve("sheets/index.html"))) {
      for (GeneratedTape tape : List.of(a, b)) {
        String section = LabelPageTest.section(page, tape.spec().name());
        for (long[] range : tape.playerRanges()) {
          LabelPageTest.mark(page, section, range[0], (tape.frameCount() - 1) / EVERY * EVERY, "e");
          LabelPageTest.mark(page, section, range[1], (tape.frameCount() - 1) / EVERY * EVERY, "l");
        }
      }
      String section = LabelPageTest.section(page, EMPTY);
      LabelPageTest.mark(page, section, 0, (empty.frameCount() - 1) / EVERY * EVERY, "e");
      LabelPageTest.mark(page, section, empty.frameCount() - 1, (empty.frameCount() - 1) / EVERY * EVERY, "l");
      Path downloads = Files.createDirectories(dir.resolve("label-downloads"));
      page.downloadsTo(downloads);
      page.click("#export");
      labels = HeadlessChromium.Session.download(downloads, "labels.csv");
    }
    assertThat(Files.readString(labels)).contains(EMPTY + ",0," + (empty.frameCount() - 1) + ",1\n");

    // 2. Train (a seed that keeps the empty court among the training tapes) and detect.
    long seed = 1;
    Map<String, Long> counts = Map.of("a.mp4", a.frameCount(), "b.mp4", b.frameCount(), EMPTY, empty.frameCount());
    while (ValidationSplit.of(counts, 0.25, seed).validationTapes().contains(EMPTY)) {
      seed++;
    }
    ExtractJob.run(TestSpark.session(), ExtractConfig.builder(path("tapes"), path("frames")).size(32, 32)
        .segmentFrames(300).build());
    TrainJob.run(TestSpark.session(), train(labels.toString(), "model/first.model", seed));
    DetectResult first = detect(path("model/first.model"), "detect-first");
    ClipRow wrong = first.clips().stream().filter(c -> c.video().equals(EMPTY)).findFirst().orElseThrow(
        () -> new AssertionError("the mislabelled empty court gave no clip: " + first.clips()));

    // The model's draft on the labelling page: pre-filled ranges, and the least sure stretches listed first.
    LabelJob.run(TestSpark.session(), new LabelConfig(tapes.toString(), path("sheets-suggested"), EVERY,
        path("model/first.model")));
    try (HeadlessChromium.Session page = HeadlessChromium.start(dir.resolve("sheets-suggested/index.html"))) {
      String section = LabelPageTest.section(page, EMPTY);
      assertThat(page.text(section + " .ranges")).contains("frames " + wrong.range().first() + "–");
      assertThat(page.evaluate("document.querySelectorAll('" + section + " .unsure li').length").asInt())
          .isPositive();
    }

    // 3. Reject that clip on the report page and export the corrections.
    Path corrections;
    try (HeadlessChromium.Session page = HeadlessChromium.start(dir.resolve("detect-first/report/index.html"))) {
      int number = page.evaluate("JSON.parse(document.getElementById('dunkclip-review').textContent).tapes"
          + ".find(t => t.video === '" + EMPTY + "').number").asInt();
      page.click("#review-" + number + "-" + wrong.clip() + " .reject");
      Path downloads = Files.createDirectories(dir.resolve("report-downloads"));
      page.downloadsTo(downloads);
      page.click("#export-corrections");
      corrections = HeadlessChromium.Session.download(downloads, "corrections.csv");
    }
    assertThat(Files.readString(corrections)).isEqualTo("video,start_frame,end_frame,label\n" + EMPTY + ","
        + wrong.range().first() + "," + wrong.range().last() + ",0\n");

    // 4. Train again on both files, the corrections last: the clip is gone.
    TrainJob.run(TestSpark.session(), train(labels.toString(), "model/second.model", seed).toBuilder()
        .laterLabels(List.of(corrections.toString())).build());
    DetectResult second = detect(path("model/second.model"), "detect-second");
    assertThat(second.clips()).as("clips after the correction").noneMatch(c -> c.video().equals(EMPTY)
        && c.range().overlaps(wrong.range()));
  }
}
