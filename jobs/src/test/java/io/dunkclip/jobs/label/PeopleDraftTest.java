package io.dunkclip.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.LabelRow;
import io.dunkclip.format.LabelsCsv;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.report.HeadlessChromium;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code label --draft-people} on generated sample tapes, with real FFmpeg decoding and OpenCV's real HOG detector: a
 * tape with a player (the sample set's first tape of seed 3, 16 s, one dunk) and the same court with no one on it.
 */
class PeopleDraftTest {
  static final String PLAYER = "player.mp4";
  static final String EMPTY = "empty.mp4";
  @TempDir static Path dir;
  static GeneratedTape player;
  static GeneratedTape empty;
  static Path sheets;

  @BeforeAll
  static void draft() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    TapeSpec spec = SampleTapeGenerator.defaultSet(1, 16, 3).get(0);
    player = SampleTapeGenerator.generate(rename(spec, PLAYER), tapes.resolve(PLAYER));
    empty = SampleTapeGenerator.generate(rename(SampleTapeGenerator.defaultSet(1, 6, 3).get(0), EMPTY)
        .withoutPlayers(), tapes.resolve(EMPTY));
    assertThat(player.playerRanges()).as("the fixture: one dunk").hasSize(1);
    assertThat(empty.playerRanges()).isEmpty();
    sheets = dir.resolve("sheets");
    LabelJob.run(TestSpark.session(), LabelConfig.builder(tapes.toString(), sheets.toString()).draftPeople(true)
        .build());
  }

  private static TapeSpec rename(TapeSpec spec, String name) {
    return new TapeSpec(name, spec.seconds(), spec.fps(), spec.width(), spec.height(), spec.rotationDegrees(),
        spec.seed(), spec.players(), spec.dunkSeconds());
  }

  @Test
  void theDraftLiesOnThePlayersFramesAndNotOnTheEmptyCourt() {
    List<ClipRow> draft = CsvFiles.readClips(sheets.resolve(LabelJob.DRAFT).toString(), new Configuration());
    FrameRange truth = FrameRange.of(player.playerRanges().get(0)[0], player.playerRanges().get(0)[1]);
    assertThat(draft).as("draft of %s (truth %s)", PLAYER, truth).filteredOn(c -> c.video().equals(PLAYER))
        .isNotEmpty().allSatisfy(c -> assertThat(c.range().overlaps(truth)).as("%s overlaps %s", c, truth).isTrue());
    assertThat(draft).as("draft of the empty court").noneMatch(c -> c.video().equals(EMPTY));
    // What the page pre-fills is the same draft.
    StringBuilder prefilled = new StringBuilder("\"prefilled\":[");
    draft.stream().filter(c -> c.video().equals(PLAYER)).forEach(c -> prefilled.append("{\"start\":")
        .append(c.range().first()).append(",\"end\":").append(c.range().last()).append("},"));
    prefilled.setLength(prefilled.length() - 1);
    assertThat(readPage()).contains(prefilled + "]").contains("\"prefilled\":[]");
  }

  @Test
  void thePageSaysWhereTheDraftCameFromAndExportsItAsLabels() throws Exception {
    List<ClipRow> draft = CsvFiles.readClips(sheets.resolve(LabelJob.DRAFT).toString(), new Configuration());
    try (HeadlessChromium.Session page = HeadlessChromium.start(sheets.resolve("index.html"))) {
      String section = LabelPageTest.section(page, PLAYER);
      assertThat(page.text(section + " .suggestions")).isEqualTo("Pre-filled from " + PeopleDraft.SOURCE + ". "
          + PeopleDraft.QUALITY);
      assertThat(page.text(LabelPageTest.section(page, EMPTY) + " .suggestions")).contains(PeopleDraft.QUALITY);
      Path downloads = Files.createDirectories(dir.resolve("downloads"));
      page.downloadsTo(downloads);
      page.click("#export");
      List<LabelRow> exported = LabelsCsv.read(new StringReader(Files.readString(
          HeadlessChromium.Session.download(downloads, "labels.csv"))), "labels.csv");
      assertThat(exported.stream().filter(r -> r.label() == 1).map(r -> r.video() + " " + r.range()).toList())
          .isEqualTo(draft.stream().map(c -> c.video() + " " + c.range()).toList());
    }
  }

  @Test
  void aRunWithoutADraftRemovesTheEarlierOneAndBothDraftsAtOnceAreRefused() throws Exception {
    Path copy = dir.resolve("again");
    LabelJob.run(TestSpark.session(), LabelConfig.builder(dir.resolve("tapes/" + EMPTY).toString(), copy.toString())
        .draftPeople(true).build());
    assertThat(Files.readAllLines(copy.resolve(LabelJob.DRAFT))).containsExactly(
        "video,clip,start_frame,end_frame,start_sec,end_sec,score");
    LabelJob.run(TestSpark.session(), LabelConfig.builder(dir.resolve("tapes/" + EMPTY).toString(), copy.toString())
        .build());
    assertThat(copy.resolve(LabelJob.DRAFT)).doesNotExist();
    assertThatThrownBy(() -> LabelConfig.builder("tapes", "sheets").suggest("m.model").draftPeople(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot pre-fill the labelling page from both a model and the people detector (suggest=m.model,"
            + " draft-people=true); give --suggest MODEL or --draft-people, not both");
  }

  private static String readPage() {
    try {
      return Files.readString(sheets.resolve("index.html"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
