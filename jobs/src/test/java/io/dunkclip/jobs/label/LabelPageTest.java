package io.dunkclip.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.format.LabelRow;
import io.dunkclip.format.LabelsCsv;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.report.HeadlessChromium;
import io.dunkclip.jobs.sample.SampleJob;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelling page label writes, opened in headless Chromium and used as a person would: pointer moves, clicks and
 * key presses sent as input events, a labels file chosen in the file input, the export taken from the browser's
 * downloads and compared byte for byte with what the jobs would write.
 */
class LabelPageTest {
  static final int EVERY = 15;
  /** A sample tape of two minutes at 15 fps, as small as a picture can be. */
  static final String LONG = "court-two-minutes.mp4";
  static final String SHORT = "b.mp4";

  @TempDir static Path dir;
  static Path tapes;
  static GeneratedTape longTape;
  static Path page;

  @BeforeAll
  static void tapesAndTheirPage() throws Exception {
    tapes = Files.createDirectories(dir.resolve("tapes"));
    longTape = SampleTapeGenerator.generate(new TapeSpec(LONG, 120, 15, 64, 36, 0, 11), tapes.resolve(LONG));
    SampleTapeGenerator.generate(new TapeSpec(SHORT, 6, 15, 64, 36, 0, 12), tapes.resolve(SHORT));
    LabelJob.run(TestSpark.session(), LabelConfig.builder(tapes.toString(), dir.resolve("sheets").toString())
        .every(EVERY).build());
    page = dir.resolve("sheets/index.html");
  }

  /** The section of a tape on the page, by its heading. */
  static String section(HeadlessChromium.Session session, String tape) throws Exception {
    int index = session.evaluate("[...document.querySelectorAll('section.tape h2')].findIndex(h => h.firstChild"
        + ".textContent === " + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
        .writeValueAsString(tape) + ")").asInt();
    assertThat(index).as("section of %s", tape).isNotNegative();
    return "#tape-" + (index + 1);
  }

  /**
   * Marks {@code frame} as a person would: a click on its thumbnail when it has one (the click enters or leaves,
   * whichever is open), else the pointer on the nearest thumbnail, {@code ,} or {@code .} to the frame, and the key.
   */
  static void mark(HeadlessChromium.Session session, String section, long frame, long lastShown, String key)
      throws Exception {
    long thumb = Math.min(Math.round(frame / (double) EVERY) * EVERY, lastShown);
    String selector = section + " .thumb[data-frame=\"" + thumb + "\"]";
    if (thumb == frame) {
      session.click(selector);
      return;
    }
    session.point(selector);
    for (long f = thumb; f != frame; f += frame > thumb ? 1 : -1) {
      session.key(frame > thumb ? "." : ",");
    }
    session.key(key);
  }

  private static String csv(List<LabelRow> rows) {
    StringWriter out = new StringWriter();
    LabelsCsv.write(out, rows);
    return out.toString();
  }

  private static String export(HeadlessChromium.Session session, String name) throws Exception {
    Path downloads = Files.createDirectories(dir.resolve(name));
    session.downloadsTo(downloads);
    session.click("#export");
    return Files.readString(HeadlessChromium.Session.download(downloads, "labels.csv"));
  }

  private static List<LabelRow> allZero(String video, long frames) {
    return List.of(new LabelRow(video, FrameRange.of(0, frames - 1), 0, 0));
  }

  @Test
  void labellingATwoMinuteTapeThroughThePageExportsItsTrueLabelsByteForByte() throws Exception {
    try (HeadlessChromium.Session session = HeadlessChromium.start(page)) {
      String section = section(session, LONG);
      long frames = longTape.frameCount();
      long lastShown = (frames - 1) / EVERY * EVERY;
      assertThat(session.evaluate("document.querySelectorAll('" + section + " .thumb').length").asLong())
          .isEqualTo((frames - 1) / EVERY + 1);
      for (long[] range : longTape.playerRanges()) {
        mark(session, section, range[0], lastShown, "e");
        mark(session, section, range[1], lastShown, "l");
      }
      int inputs = session.inputs();

      String exported = export(session, "downloads-long");

      List<LabelRow> expected = new ArrayList<>(allZero(SHORT, 90));
      expected.addAll(SampleJob.labelRows(longTape));
      assertThat(exported).isEqualTo(csv(expected));
      System.out.printf("LabelPageTest: labelled %d frames (%d dunks) of %s through the page with %d clicks and key"
          + " presses%n", frames, longTape.playerRanges().size(), LONG, inputs);
      assertThat(inputs).isLessThan(40 * longTape.playerRanges().size());
    }
  }

  @Test
  void marksTwoRangesRemovesOneLoadsACsvAndExportsEveryTape() throws Exception {
    try (HeadlessChromium.Session session = HeadlessChromium.start(page)) {
      String shortSection = section(session, SHORT);
      String longSection = section(session, LONG);
      // Two ranges by click (thumbnail frames) and by keys (frame 17: the pointer on 15, then '.' twice).
      session.click(shortSection + " .thumb[data-frame=\"15\"]");
      session.point(shortSection + " .thumb[data-frame=\"30\"]");
      session.key("ArrowRight");
      session.key("."); // frame 46: between thumbnails 45 and 60, interpolated
      assertThat(session.text("#preview-text")).contains("frame 46").contains("14 frames interpolated");
      session.key("l");
      session.point(longSection + " .thumb[data-frame=\"300\"]");
      session.key(".");
      session.key(".");
      session.key("e");
      session.click(longSection + " .thumb[data-frame=\"600\"]");
      assertThat(session.text(shortSection + " .ranges")).contains("frames 15–46");
      assertThat(session.text(longSection + " .ranges")).contains("frames 302–600");
      assertThat(session.evaluate("document.querySelectorAll('" + shortSection + " .thumb.in').length").asInt())
          .as("bands over the thumbnails of frames 15..46").isEqualTo(3);

      session.click(longSection + " .ranges .remove");
      List<LabelRow> expected = new ArrayList<>(List.of(new LabelRow(SHORT, FrameRange.of(0, 14), 0, 0),
          new LabelRow(SHORT, FrameRange.of(15, 46), 1, 0), new LabelRow(SHORT, FrameRange.of(47, 89), 0, 0)));
      expected.addAll(allZero(LONG, longTape.frameCount()));
      assertThat(export(session, "downloads-two")).isEqualTo(csv(expected));

      // A file to continue from: its ranges replace the page's for the tapes it names; the others stay.
      Path earlier = dir.resolve("earlier.csv");
      Files.writeString(earlier, "video,start_frame,end_frame,label\n" + LONG + ",0,99,0\n" + LONG + ",100,250,1\n"
          + LONG + ",1000,1010,1\n");
      session.chooseFile("#load", earlier);
      waitForStatus(session, "Loaded 3 rows of earlier.csv");
      List<LabelRow> continued = new ArrayList<>(expected.subList(0, 3));
      continued.add(new LabelRow(LONG, FrameRange.of(0, 99), 0, 0));
      continued.add(new LabelRow(LONG, FrameRange.of(100, 250), 1, 0));
      continued.add(new LabelRow(LONG, FrameRange.of(251, 999), 0, 0));
      continued.add(new LabelRow(LONG, FrameRange.of(1000, 1010), 1, 0));
      continued.add(new LabelRow(LONG, FrameRange.of(1011, longTape.frameCount() - 1), 0, 0));
      assertThat(export(session, "downloads-loaded")).isEqualTo(csv(continued));

      // A bad file changes nothing and names its line.
      Path bad = dir.resolve("bad.csv");
      Files.writeString(bad, "video,start_frame,end_frame,label\n" + SHORT + ",0,10,1\n" + SHORT + ",5,x,0\n");
      session.chooseFile("#load", bad);
      waitForStatus(session, "Not loaded: bad.csv line 3: start_frame and end_frame must be frame numbers");
      assertThat(export(session, "downloads-after-bad")).isEqualTo(csv(continued));
    }
  }

  @Test
  void thePageWorksOfflineAtDesktopAndPhoneSizes() throws Exception {
    String html = Files.readString(page);
    assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain("//cdn")
        .doesNotContain("<link").doesNotContain("src=\"http");
    try (HeadlessChromium.Session session = HeadlessChromium.start(page)) {
      // Every sheet the thumbnails are cut from loads.
      assertThat(session.evaluate("Promise.all([...new Set([...document.querySelectorAll('.thumb')].map(t =>"
          + " t.style.backgroundImage.slice(5, -2)))].map(src => new Promise(done => { const i = new Image();"
          + " i.onload = () => done(i.naturalWidth > 0); i.onerror = () => done(false); i.src = src; })))"
          + ".then(all => all.length > 0 && all.every(Boolean))").asBoolean()).isTrue();
      for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
        session.resize(size[0], size[1], size[0] < 600);
        assertThat(session.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
            .as("no sideways scrolling at %dx%d", size[0], size[1]).isTrue();
        assertThat(session.evaluate("document.getElementById('export').getBoundingClientRect().right"
            + " <= window.innerWidth").asBoolean()).as("export reachable at %dx%d", size[0], size[1]).isTrue();
      }
    }
  }

  private static void waitForStatus(HeadlessChromium.Session session, String text) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = session.text("#status");
      if (seen.startsWith(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("status never said " + text + " (last: " + seen + ")");
  }
}
