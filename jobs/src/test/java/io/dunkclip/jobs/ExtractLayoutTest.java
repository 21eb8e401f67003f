package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractFormat;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.extract.FrameFiles;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.OutputGuard;
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
        ExtractConfig.builder(landscape.toString(), output.toString()).size(40, 24).segmentFrames(13)
            .format(ExtractFormat.JPG).build());

    assertThat(result.errors()).isEmpty();
    assertThat(list(output)).containsExactlyInAnyOrder("a.mp4", "b.mp4", TapeTable.FILE_NAME, ErrorTable.FILE_NAME,
        OutputGuard.MARKER);
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
    ExtractConfig config = ExtractConfig.builder(portrait.toString(), padded.toString()).size(64, 32)
        .segmentFrames(300).build();
    ExtractJob.run(TestSpark.session(), config.toBuilder().fit(Fit.PAD).build());
    ExtractJob.run(TestSpark.session(), config.toBuilder().output(stretched.toString()).build());

    // 90x160 upright into 64x32: 18x32 in the middle, 23 black columns left and right.
    Placement placement = Fit.PAD.place(90, 160, 64, 32);
    assertThat(placement).isEqualTo(new Placement(23, 0, 18, 32));
    List<Row> rows = TestSpark.session().read().parquet(padded.toString()).select(FrameRows.IMAGE).collectAsList();
    assertThat(rows).hasSize(15);
    for (Row row : rows) {
      byte[] rgb = FrameRows.decode((byte[]) row.get(0));
      for (int x = 0; x < 64; x++) {
        boolean bar = x < 23 || x >= 23 + 18;
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

  @Test
  void pngFramesAreStoredPngsInZstdPagesWithTheSequentialDecodesPixelsAndTheWriteDoesNotSort() throws IOException {
    Path output = dir.resolve("zstd");
    List<String> plans = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.apache.spark.sql.util.QueryExecutionListener listener = new org.apache.spark.sql.util.QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, org.apache.spark.sql.execution.QueryExecution qe, long durationNs) {
        plans.add(qe.executedPlan().toString());
      }

      @Override
      public void onFailure(String funcName, org.apache.spark.sql.execution.QueryExecution qe, Exception exception) {}
    };
    TestSpark.session().listenerManager().register(listener);
    try {
      ExtractJob.run(TestSpark.session(),
          ExtractConfig.builder(landscape.toString(), output.toString()).size(40, 24).segmentFrames(13).build());
    } finally {
      TestSpark.session().listenerManager().unregister(listener);
    }

    // The write's plan: rows straight from the decoding tasks to the files, no sort by video in between.
    assertThat(plans).anyMatch(plan -> plan.contains("InsertIntoHadoopFsRelationCommand"));
    assertThat(plans).allMatch(plan -> !plan.contains("Sort"), "no Sort in " + plans);
    List<Path> parts;
    try (Stream<Path> files = Files.walk(output)) {
      parts = files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
    assertThat(parts).isNotEmpty();
    for (Path part : parts) {
      try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()),
              new org.apache.hadoop.conf.Configuration()))) {
        assertThat(reader.getFooter().getBlocks()).flatMap(org.apache.parquet.hadoop.metadata.BlockMetaData::getColumns)
            .as("column chunks of %s", part)
            .allMatch(c -> c.getCodec() == org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD);
      }
    }
    for (String video : List.of("a.mp4", "b.mp4")) {
      io.dunkclip.video.TapeInfo info = TapeProbe.probe(landscape.resolve(video), video);
      List<byte[]> sequential = new java.util.ArrayList<>();
      try (io.dunkclip.video.FrameReader reader =
          new io.dunkclip.video.FrameReader(landscape.resolve(video), info, 40, 24)) {
        reader.read(0, info.frameCount() - 1, frame -> sequential.add(frame.rgb()));
      }
      List<Row> rows = TestSpark.session().read().parquet(output.toString())
          .where(org.apache.spark.sql.functions.col(FrameRows.VIDEO).equalTo(video))
          .orderBy(FrameRows.FRAME).select(FrameRows.FRAME, FrameRows.IMAGE).collectAsList();
      assertThat(rows).hasSize(sequential.size());
      for (Row row : rows) {
        byte[] image = (byte[]) row.get(1);
        // A PNG with stored deflate blocks: at least as large as its pixels (zstd compresses the page instead).
        assertThat(image).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image.length).isGreaterThan(40 * 24 * 3);
        assertThat(FrameRows.decode(image)).as("%s frame %d", video, row.getLong(0))
            .isEqualTo(sequential.get((int) row.getLong(0)));
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
    ExtractJob.run(TestSpark.session(), ExtractConfig.builder(input, output.toString()).size(32, 32).segmentFrames(7)
        .build());
    // What a killed run leaves: a hidden temporary dataset beside the output, here with rows of a bogus size.
    Path leftover = dir.resolve(".rerun.tmp-killed/video=a.mp4");
    Files.createDirectories(leftover);
    Files.copy(Files.list(output.resolve("video=a.mp4"))
        .filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow(), leftover.resolve("part-x.parquet"));

    ExtractResult rerun = ExtractJob.run(TestSpark.session(), ExtractConfig.builder(input, output.toString())
        .size(24, 16).segmentFrames(7).build());

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
