package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.extract.ErrorTable;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.FrameRows;
import io.dunkclip.jobs.extract.TapeTable;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extract against a real S3 endpoint (S3Proxy on 127.0.0.1, see {@link LocalS3}) through the S3A connector: the
 * command line, in its own JVM as a user runs it, reads the tapes from {@code s3a://} and writes the frames dataset
 * there, pointed at the endpoint by {@code --conf spark.hadoop.fs.s3a.*} only. The result must equal the extraction
 * of the same tapes from a local folder: same rows (frame numbers, timestamps, sizes, image bytes), same
 * {@code _tapes.csv} and {@code _errors.csv} apart from the tapes' locations.
 */
class S3ExtractTest {
  private static final String BUCKET = "dunkclip-s3-test";
  private static final String ARCHIVE = "s3a://" + BUCKET + "/archive";
  private static final List<String> TAPES = List.of("a.mp4", "b.mp4", "broken.mp4");

  @TempDir static Path work;
  static LocalS3 s3;
  static Configuration s3Conf;
  static Path localTapes;

  @BeforeAll
  static void putTapesInABucket() throws Exception {
    s3 = LocalS3.start(Files.createDirectories(work.resolve("s3")));
    s3.createBucket(BUCKET);
    s3Conf = s3.hadoopConf(TestSpark.session().sparkContext().hadoopConfiguration());
    localTapes = Files.createDirectories(work.resolve("tapes"));
    // A plain tape, a rotated one (upright 90x160), and random bytes named .mp4 that must land in _errors.csv.
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 3, 15, 160, 90, 0, 11), localTapes.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("b.mp4", 3, 15, 160, 90, 90, 12), localTapes.resolve("b.mp4"));
    byte[] noise = new byte[20_000];
    new Random(13).nextBytes(noise);
    Files.write(localTapes.resolve("broken.mp4"), noise);
    FileSystem fs = new org.apache.hadoop.fs.Path(ARCHIVE).getFileSystem(s3Conf);
    for (String tape : TAPES) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(localTapes.resolve(tape).toUri()),
          new org.apache.hadoop.fs.Path(ARCHIVE, tape));
    }
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void extractReadsTapesFromS3aAndWritesTheSameFramesThereAsFromLocalFiles() throws Exception {
    String s3Frames = "s3a://" + BUCKET + "/frames";
    List<String> args = new ArrayList<>(List.of("extract", "--input", ARCHIVE, "--output", s3Frames,
        "--size", "64x64", "--segment-frames", "16", "--master", "local[2]"));
    s3.s3aSettings().forEach((key, value) -> args.addAll(List.of("--conf", "spark.hadoop." + key + "=" + value)));
    Path log = work.resolve("extract.log");
    Process cli = ChildJvm.builder(List.of(), "io.dunkclip.jobs.cli.DunkclipCli", args, log).start();
    assertThat(cli.waitFor(4, TimeUnit.MINUTES)).as("extract finished in time; log %s", log).isTrue();
    // 3 = partial failure: the broken tape is reported and the others are extracted.
    String output = Files.readString(log);
    assertThat(cli.exitValue()).as("exit code of extract to s3a; log:\n%s", output).isEqualTo(3);
    assertThat(output).contains("tapes=2 frames=90 errors=1");

    SparkSession spark = TestSpark.session();
    String localFrames = work.resolve("frames").toString();
    ExtractResult local = ExtractJob.run(spark, new ExtractConfig(localTapes.toString(), localFrames, 64, 64, 16,
        "png"));
    assertThat(local.frames()).isEqualTo(90); // 2 tapes x 3 s x 15 fps, or the comparison below means little

    List<String> fromS3 = frameRows(spark.read().options(s3.s3aSettings()).parquet(s3Frames).collectAsList());
    List<String> fromLocal = frameRows(spark.read().parquet(localFrames).collectAsList());
    assertThat(fromS3).hasSize(90).isEqualTo(fromLocal);

    List<List<String>> tapesS3 = table(s3Frames, TapeTable.FILE_NAME);
    List<List<String>> tapesLocal = table(localFrames, TapeTable.FILE_NAME);
    assertThat(withoutUri(tapesS3)).isEqualTo(withoutUri(tapesLocal)).hasSize(3); // header + a.mp4 + b.mp4
    assertThat(uris(tapesS3)).containsExactly(ARCHIVE + "/a.mp4", ARCHIVE + "/b.mp4");
    // FFmpeg's reason names the location and its error code differs between a file and a stream: compare the rest.
    List<List<String>> errorsS3 = table(s3Frames, ErrorTable.FILE_NAME);
    assertThat(withoutReason(withoutUri(errorsS3)))
        .isEqualTo(withoutReason(withoutUri(table(localFrames, ErrorTable.FILE_NAME))))
        .containsExactly(List.of("video", "stage", "frames_done"), List.of("broken.mp4", "probe", "0"));
    assertThat(errorsS3.get(1).get(errorsS3.get(0).indexOf("reason")))
        .startsWith("not a readable video container").contains(ARCHIVE + "/broken.mp4");
    assertThat(uris(errorsS3)).containsExactly(ARCHIVE + "/broken.mp4");

    // Committed under its final name with nothing hidden left in the bucket. On S3A every rename of that commit (the
    // tasks' and the job's output committer, then Outputs moving the finished directory into place) is a copy and a
    // delete of each object: what really happens on a store without the S3A committers, here against a real server.
    FileSystem fs = new org.apache.hadoop.fs.Path(s3Frames).getFileSystem(s3Conf);
    assertThat(names(fs.listStatus(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/"))))
        .containsExactlyInAnyOrder("archive", "frames");
    assertThat(names(fs.listStatus(new org.apache.hadoop.fs.Path(s3Frames)))).containsExactlyInAnyOrder(
        "_SUCCESS", TapeTable.FILE_NAME, ErrorTable.FILE_NAME, "video=a.mp4", "video=b.mp4");
  }

  /** Every frame row as one comparable line: video, frame, timestamp, size and the SHA-256 of the encoded image. */
  private static List<String> frameRows(List<Row> rows) {
    return rows.stream()
        .map(row -> String.join(",", row.getAs(FrameRows.VIDEO), String.valueOf((long) row.getAs(FrameRows.FRAME)),
            String.valueOf((long) row.getAs(FrameRows.TIMESTAMP_US)),
            row.getAs(FrameRows.WIDTH) + "x" + row.getAs(FrameRows.HEIGHT), sha256(row.getAs(FrameRows.IMAGE))))
        .sorted()
        .toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The records of a CSV file beside a dataset (header first), read through the Hadoop filesystem of its path. */
  private static List<List<String>> table(String dir, String name) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir, name);
    try (Reader reader = new InputStreamReader(path.getFileSystem(s3Conf).open(path), StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.parse(reader).getRecords().stream().map(CSVRecord::toList).toList();
    }
  }

  /** The rows without the {@code uri} column, which says where each run found the tape. */
  private static List<List<String>> withoutUri(List<List<String>> table) {
    return without(table, "uri");
  }

  private static List<List<String>> withoutReason(List<List<String>> table) {
    return without(table, "reason");
  }

  private static List<List<String>> without(List<List<String>> table, String column) {
    int index = column(table, column);
    return table.stream().map(row -> {
      List<String> rest = new ArrayList<>(row);
      rest.remove(index);
      return rest;
    }).toList();
  }

  private static List<String> uris(List<List<String>> table) {
    int uri = column(table, "uri");
    return table.stream().skip(1).map(row -> row.get(uri)).toList();
  }

  private static int column(List<List<String>> table, String name) {
    assertThat(table.get(0)).contains(name);
    return table.get(0).indexOf(name);
  }

  private static List<String> names(FileStatus[] statuses) {
    return Arrays.stream(statuses).map(status -> status.getPath().getName()).toList();
  }
}
