package io.dunkclip.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectOutput;
import io.dunkclip.jobs.detect.DetectRun;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.model.Architectures;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.Rgb;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report built from a detect output (clips.csv, scores, _errors.csv, _detect.json) over real tapes, opened
 * in headless Chromium: every image must load, and the check must notice a missing one.
 */
class ReportJobTest {
  /** A tape name full of HTML: it must come out as text, never as markup. */
  static final String TRICKY = "<b>court<i> & 'one'.mp4";
  static final String PORTRAIT = "portrait.mp4";

  @TempDir static Path work;
  static Path tapes;

  @BeforeAll
  static void tapesAndADetectOutput() throws Exception {
    tapes = Files.createDirectories(work.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec(TRICKY, 6, 15, 160, 90, 0, 3), tapes.resolve(TRICKY));
    SampleTapeGenerator.generate(new TapeSpec(PORTRAIT, 4, 15, 64, 96, 90, 5), tapes.resolve(PORTRAIT));
  }

  /** A detect output as detect writes it: two tapes with clips, one failed tape. */
  static Path detectOutput(String name) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Files.writeString(dir.resolve("clips.csv"), "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "\"" + TRICKY.replace("\"", "\"\"") + "\",1,10,24,0.667,1.667,0.99\n"
        + "\"" + TRICKY + "\",2,40,59,2.667,4.000,0.98\n"
        + PORTRAIT + ",1,31,45,2.067,3.067,0.97\n");
    Files.writeString(dir.resolve("_errors.csv"), "video,stage,reason,frames_done,uri\n"
        + "broken<script>.mp4,probe,\"cannot be read: no video stream <here>\",0,file:/tapes/broken.mp4\n");
    List<Row> scores = new ArrayList<>();
    scoreRows(scores, TRICKY, 90, new long[][] {{10, 24}, {40, 59}});
    scoreRows(scores, PORTRAIT, 60, new long[][] {{31, 45}});
    TestSpark.session().createDataFrame(scores, new StructType()
            .add("video", DataTypes.StringType, false).add("frame", DataTypes.LongType, false)
            .add("score", DataTypes.FloatType, false))
        .write().mode(SaveMode.ErrorIfExists).parquet(dir.resolve("scores").toString());
    new DetectRun(tapes.toString(), "model/dunk.model", null, 0.95, 0.9, 0.5, 1.0, 0.0, 300, 64, 12.5, 2, 150, 3, 1,
        "2026-01-01T00:00:00Z", List.of(new DetectRun.SparkJobTime("dunkclip: detect in 2 tape(s)",
            "collect at DetectJob.java:87", 9.25)), false, List.of())
        .write(new DetectOutput(dir.toString()), new Configuration());
    return dir;
  }

  private static void scoreRows(List<Row> rows, String video, int frames, long[][] clips) {
    for (long frame = 0; frame < frames; frame++) {
      float score = 0.05f + 0.1f * (frame % 3);
      for (long[] clip : clips) {
        if (frame >= clip[0] && frame <= clip[1]) {
          score = 0.97f;
        }
      }
      rows.add(RowFactory.create(video, frame, score));
    }
  }

  @Test
  void reportShowsEveryTapeClipThumbnailAndMetricAndItsImagesLoadInChromium() throws Exception {
    Path detect = detectOutput("detect");
    Path labels = work.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\n"
        + "\"" + TRICKY + "\",0,11,0\n\"" + TRICKY + "\",12,26,1\n\"" + TRICKY + "\",27,89,0\n"
        + PORTRAIT + ",0,29,0\n" + PORTRAIT + ",30,45,1\n" + PORTRAIT + ",46,59,0\n");

    ReportResult result = ReportJob.run(TestSpark.session(), ReportConfig.builder(detect.toString())
        .labels(labels.toString()).build());

    assertThat(result.problems()).isEmpty();
    assertThat(result.tapes()).isEqualTo(2);
    assertThat(result.clips()).isEqualTo(3);
    assertThat(result.thumbnails()).isEqualTo(9);
    Path index = detect.resolve("report/index.html");
    String html = Files.readString(index);
    // Names and messages are text: escaped wherever they appear, never markup.
    assertThat(html).contains("&lt;b&gt;court&lt;i&gt; &amp; &#39;one&#39;.mp4")
        .doesNotContain("<b>court").doesNotContain("broken<script>").contains("broken&lt;script&gt;.mp4")
        .contains("no video stream &lt;here&gt;");
    // Metrics against the labels: clip 1 of the tricky tape and the portrait clip match, clip 2 is false.
    assertThat(html).contains("Metrics against the labels").contains("12.5 s").contains("dunkclip: detect in 2");
    // Only relative links, to files that are in the report directory.
    List<String> links = attributes(html, "src");
    links.addAll(attributes(html, "href"));
    assertThat(links).isNotEmpty().allSatisfy(link -> {
      assertThat(link).doesNotContain(":").doesNotStartWith("/").doesNotContain("..");
      if (!link.startsWith("#")) {
        assertThat(detect.resolve("report").resolve(link)).exists();
      }
    });
    try (var files = Files.list(detect)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
    }

    HeadlessChromium.Page page = HeadlessChromium.open(index);
    assertThat(page.title()).isEqualTo("dunkclip detect report");
    assertThat(page.images()).hasSize(2 + 9);
    assertThat(page.images()).as("images that did not load").allMatch(HeadlessChromium.Image::loaded);
    assertThat(page.images()).filteredOn(i -> i.src().endsWith("timeline.png"))
        .allSatisfy(i -> assertThat(i.width()).isEqualTo(ScoreTimeline.WIDTH));

    // Thumbnails are the clips' frames, upright: the portrait clip's middle frame (38) as FrameReader decodes it.
    TapeInfo info = TapeProbe.probe(tapes.resolve(PORTRAIT), PORTRAIT);
    int[] size = ClipThumbnails.size(info.uprightWidth(), info.uprightHeight());
    assertThat(size[1]).isGreaterThan(size[0]);
    BufferedImage thumbnail = ImageIO.read(detect.resolve("report/tape-002-clip-001-middle.jpg").toFile());
    assertThat(thumbnail.getWidth()).isEqualTo(size[0]);
    assertThat(thumbnail.getHeight()).isEqualTo(size[1]);
    assertThat(meanDifference(Rgb.fromImage(thumbnail), frame(info, 38, size))).isLessThan(8.0);
  }

  /**
   * The review as a person does it, with input events: accept one clip, reject two and take one rejection back, mark
   * two missed dunks on the tracks (one inside a rejected clip, which wins over the rejection there), export; the
   * corrections file must be byte for byte what the labels writer makes of those marks. The rendered clips play.
   */
  @Test
  void reviewMarksExportACorrectionsCsvAndTheRenderedClipsPlay() throws Exception {
    Path detect = detectOutput("detect-review");
    Path rendered = work.resolve("rendered");
    io.dunkclip.jobs.render.RenderJob.run(TestSpark.session(), io.dunkclip.jobs.render.RenderConfig.builder()
        .clips(detect.resolve("clips.csv").toString()).input(tapes.toString()).output(rendered.toString()).build());
    ReportJob.run(TestSpark.session(), new ReportConfig(detect.toString(), tapes.toString(), null,
        rendered.toString()));
    Path downloads = Files.createDirectories(work.resolve("review-downloads"));

    try (HeadlessChromium.Session page = HeadlessChromium.start(detect.resolve("report/index.html"))) {
      page.downloadsTo(downloads);
      // Tape 1 is the tricky name (90 frames, clips 10-24 and 40-59), tape 2 the portrait one (60 frames, 31-45).
      page.click("#review-1-1 .accept");
      page.click("#review-1-2 .reject");
      page.click("#review-2-1 .reject");
      page.click("#review-2-1 .reject"); // taken back
      assertThat(page.text("#review-status")).isEqualTo("Cleared clip 1 of portrait.mp4 (frames 31–45).");
      page.clickAt("#track-2 .track", (5 + 0.5) / 60);
      page.clickAt("#track-2 .track", (12 + 0.5) / 60);
      page.clickAt("#track-1 .track", (52 + 0.5) / 90);
      page.clickAt("#track-1 .track", (50 + 0.5) / 90);
      assertThat(page.text("#track-1 .missed")).contains("frames 50–52");
      assertThat(page.evaluate("document.querySelectorAll('tr.rejected').length").asInt()).isEqualTo(1);
      page.click("#export-corrections");

      String corrections = Files.readString(HeadlessChromium.Session.download(downloads, "corrections.csv"));
      java.io.StringWriter expected = new java.io.StringWriter();
      io.dunkclip.format.LabelsCsv.write(expected, List.of(
          new io.dunkclip.format.LabelRow(TRICKY, io.dunkclip.interval.FrameRange.of(40, 49), 0, 0),
          new io.dunkclip.format.LabelRow(TRICKY, io.dunkclip.interval.FrameRange.of(50, 52), 1, 0),
          new io.dunkclip.format.LabelRow(TRICKY, io.dunkclip.interval.FrameRange.of(53, 59), 0, 0),
          new io.dunkclip.format.LabelRow(PORTRAIT, io.dunkclip.interval.FrameRange.of(5, 12), 1, 0)));
      assertThat(corrections).isEqualTo(expected.toString());
      // The file is a labels file train takes: it reads back as written.
      assertThat(io.dunkclip.format.LabelsCsv.read(new java.io.StringReader(corrections), "corrections.csv"))
          .hasSize(4);

      // Each clip plays from render's output: the browser reads its video's metadata.
      assertThat(page.evaluate("Promise.all([...document.querySelectorAll('video.clip')].map(v => new Promise(done"
          + " => { if (v.readyState >= 1) { done(v.duration); } v.onloadedmetadata = () => done(v.duration);"
          + " v.onerror = () => done(-1); v.load(); })))").toString()).doesNotContain("-1");
      assertThat(page.evaluate("document.querySelectorAll('video.clip').length").asInt()).isEqualTo(3);
      for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
        page.resize(size[0], size[1], size[0] < 600);
        assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
            .as("no sideways scrolling at %dx%d", size[0], size[1]).isTrue();
      }
    }
  }

  @Test
  void chromiumCheckNoticesAMissingImage() throws Exception {
    Path detect = detectOutput("detect-missing");
    ReportJob.run(TestSpark.session(), ReportConfig.builder(detect.toString()).input(tapes.toString()).build());
    Path index = detect.resolve("report/index.html");
    assertThat(Files.readString(index)).doesNotContain("Metrics against the labels");
    Files.delete(detect.resolve("report/tape-001-clip-002-last.jpg"));

    HeadlessChromium.Page page = HeadlessChromium.open(index);

    assertThat(page.images()).hasSize(2 + 9);
    assertThat(page.images()).filteredOn(i -> !i.loaded()).extracting(HeadlessChromium.Image::src)
        .containsExactly("tape-001-clip-002-last.jpg");
  }

  @Test
  void rebuildingWithoutTheTapesStillWritesAReportAndSaysWhatIsMissing() throws Exception {
    Path detect = detectOutput("detect-no-tapes");
    ReportResult result = ReportJob.run(TestSpark.session(), ReportConfig.builder(detect.toString())
        .input(work.resolve("nowhere").toString()).build());
    assertThat(result.thumbnails()).isZero();
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("is not among the inputs")
        .contains("portrait.mp4"));
    assertThat(Files.readString(detect.resolve("report/index.html"))).contains("Left out of this report")
        .contains("tape-001-timeline.png");
  }

  @Test
  void detectRecordsItsRunAndWritesTheReport() throws Exception {
    // An untrained network scores every frame above a tiny threshold: one clip per tape, the whole tape.
    Path model = work.resolve("untrained.model");
    ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "", Architectures.SMALL_CNN, 32, 32,
        ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_CENTRED, 0.95, List.of(), "none", "2026-01-01", null,
        null, null, null, null, null);
    try (var out = Files.newOutputStream(model)) {
      DunkModel.write(Architectures.build(Architectures.SMALL_CNN, 32, 32, 1, 1e-3), metadata, out);
    }
    Path output = work.resolve("detect-run");
    DetectConfig config = DetectConfig.builder().input(tapes.toString()).model(model.toString())
        .output(output.toString()).threshold(1e-6).segmentFrames(90).batchSize(16).build();

    DetectResult result = ReportJob.detectAndReport(TestSpark.session(), config);

    assertThat(result.clips()).hasSize(2);
    String run = Files.readString(output.resolve("_detect.json"));
    assertThat(run).contains("\"sparkJobs\"").contains("dunkclip: detect in 2 tape(s)").contains("\"frames\" : 150");
    String html = Files.readString(output.resolve("report/index.html"));
    assertThat(html).contains("&lt;b&gt;court&lt;i&gt;").contains("Time per Spark job")
        .doesNotContain("Metrics against the labels");
    try (var files = Files.list(output.resolve("report"))) {
      assertThat(files.map(f -> f.getFileName().toString())).filteredOn(n -> n.endsWith(".jpg")).hasSize(6);
    }
  }

  private static byte[] frame(TapeInfo info, long index, int[] size) {
    byte[][] rgb = new byte[1][];
    try (FrameReader reader = new FrameReader(tapes.resolve(PORTRAIT), info, size[0], size[1])) {
      reader.read(index, index, f -> rgb[0] = f.rgb());
    }
    return rgb[0];
  }

  private static double meanDifference(byte[] a, byte[] b) {
    assertThat(a).hasSameSizeAs(b);
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return (double) sum / a.length;
  }

  private static List<String> attributes(String html, String name) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }
}
