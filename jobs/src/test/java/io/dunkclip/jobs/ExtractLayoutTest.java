package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.extract.ErrorTable;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractFormat;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.extract.FrameFiles;
import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.extract.TapeTable;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.Fit;
import io.dunkclip.video.Placement;
import io.dunkclip.video.TapeProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output options of extract: {@code --format jpg} (a file per frame) and {@code --fit pad} (black bars). */
class ExtractLayoutTest {
  @TempDir static Path dir;
  static Path landscape;
  static Path portrait;

  @BeforeAll
  static void writeTapes() throws IOException {
    landscape = Files.createDirectories(dir.resolve("landscape"));
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 3, 15, 160, 90, 0, 5), landscape.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("b.mp4", 2, 15, 160, 90, 180, 6), landscape.resolve("b.mp4"));
    // A phone held upright: stored 160x90, tagged to turn 90 degrees, 90x160 as a viewer sees it.
    portrait = Files.createDirectories(dir.resolve("portrait"));
    SampleTapeGenerator.generate(new TapeSpec("p.mp4", 1, 15, 90, 160, 90, 7), portrait.resolve("p.mp4"));
  }

  @Test
  void jpgFormatWritesASixDigitFilePerFrameBesideTheTapeAndErrorTables() throws IOException {
    Path output = dir.resolve("jpg");
    ExtractResult result = ExtractJob.run(TestSpark.session(),
        new ExtractConfig(landscape.toString(), output.toString(), 40, 24, 13, "jpg", Fit.STRETCH,
            ExtractFormat.JPG));

    assertThat(result.errors()).isEmpty();
    assertThat(list(output)).containsExactlyInAnyOrder("a.mp4", "b.mp4", TapeTable.FILE_NAME, ErrorTable.FILE_NAME);
    long total = 0;
    for (String video : List.of("a.mp4", "b.mp4")) {
      long frames = TapeProbe.probe(landscape.resolve(video), video).frameCount();
      total += frames;
      List<String> expected = LongStream.range(0, frames).mapToObj(i -> String.format("frame-%06d.jpg", i)).toList();
      // Exactly the images: no checksum files beside them.
      assertThat(list(output.resolve(video))).as("files of %s", video).containsExactlyInAnyOrderElementsOf(expected);
      for (String name : expected) {
        BufferedImage image = ImageIO.read(output.resolve(video).resolve(name).toFile());
        assertThat(image).as("%s/%s decodes", video, name).isNotNull();
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(24);
      }
    }
    assertThat(result.frames()).isEqualTo(total);
    assertThat(FrameFiles.fileName(405)).isEqualTo("frame-000405.jpg");
    assertThat(FrameFiles.fileName(1_234_567)).isEqualTo("frame-1234567.jpg");
    assertThat(TapeTable.frameCounts(output.toString(), TestSpark.session().sparkContext().hadoopConfiguration()))
        .containsOnlyKeys("a.mp4", "b.mp4");
    assertThat(Files.readAllLines(output.resolve(ErrorTable.FILE_NAME))).hasSize(1);
    assertThat(list(dir)).as("no temporary directory left").noneMatch(name -> name.startsWith("."));
  }

  @Test
  void padPutsAPortraitTapeBetweenBlackBarsAndStretchFillsTheFrame() {
    Path padded = dir.resolve("padded");
    Path stretched = dir.resolve("stretched");
    ExtractConfig config = new ExtractConfig(portrait.toString(), padded.toString(), 64, 32, 300, "png");
    ExtractJob.run(TestSpark.session(), config.withFit(Fit.PAD));
    ExtractJob.run(TestSpark.session(), config.withOutput(stretched.toString()));

    // 90x160 upright into 64x32: 18x32 in the middle, 23 black columns left and right.
    Placement placement = Fit.PAD.place(90, 160, 64, 32);
    assertThat(placement).isEqualTo(new Placement(23, 0, 18, 32));
    List<Row> rows = TestSpark.session().read().parquet(padded.toString()).select(FrameRows.IMAGE).collectAsList();
    assertThat(rows).hasSize(15);
    for (Row row : rows) {
      byte[] rgb = FrameRows.decode((byte[]) row.get(0));
      for (int x = 0; x < 64; x++) {
        boolean bar = x < placement.x() || x >= placement.x() + placement.width();
        if (bar) {
          assertThat(columnMax(rgb, 64, 32, x)).as("bar column %d", x).isZero();
        }
      }
      assertThat(columnMax(rgb, 64, 32, 32)).as("middle column").isGreaterThan(30);
    }
    for (Row row : TestSpark.session().read().parquet(stretched.toString()).select(FrameRows.IMAGE).collectAsList()) {
      byte[] rgb = FrameRows.decode((byte[]) row.get(0));
      for (int x = 0; x < 64; x++) {
        assertThat(columnMax(rgb, 64, 32, x)).as("stretched column %d", x).isGreaterThan(30);
      }
    }
  }

  /** The brightest channel value in column {@code x}. */
  private static int columnMax(byte[] rgb, int width, int height, int x) {
    int max = 0;
    for (int y = 0; y < height; y++) {
      for (int c = 0; c < 3; c++) {
        max = Math.max(max, rgb[(y * width + x) * 3 + c] & 0xff);
      }
    }
    return max;
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> children = Files.list(directory)) {
      return children.map(child -> child.getFileName().toString()).toList();
    }
  }

  @Test
  void aRerunReplacesEveryTapesFramesAtOnceAndNeverTrustsAKilledRunsLeftovers() throws IOException {
    Path output = dir.resolve("rerun");
    String input = landscape.toString();
    ExtractJob.run(TestSpark.session(), new ExtractConfig(input, output.toString(), 32, 32, 7, "png"));
    // What a killed run leaves: a hidden temporary dataset beside the output, here with rows of a bogus size.
    Path leftover = dir.resolve(".rerun.tmp-killed/video=a.mp4");
    Files.createDirectories(leftover);
    Files.copy(Files.list(output.resolve("video=a.mp4"))
        .filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow(), leftover.resolve("part-x.parquet"));

    ExtractResult rerun = ExtractJob.run(TestSpark.session(), new ExtractConfig(input, output.toString(), 24, 16, 7,
        "png"));

    List<org.apache.spark.sql.Row> sizes = TestSpark.session().read().parquet(output.toString())
        .groupBy("width", "height").count().collectAsList();
    assertThat(sizes).as("every row is from the rerun: no mix of old and new").singleElement()
        .satisfies(r -> assertThat(List.of(r.getInt(0), r.getInt(1), r.getLong(2)))
            .containsExactly(24, 16, rerun.frames()));
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("the rerun's own temporary and the replaced dataset are gone")
          .noneMatch(n -> n.startsWith(".rerun.old-") || (n.startsWith(".rerun.tmp-") && !n.endsWith("killed")));
    }
  }
}
