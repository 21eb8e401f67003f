package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.ClipSettings;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectOutput;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extract and detect against a real S3 endpoint (S3Proxy on 127.0.0.1, see {@link LocalS3}) through the S3A
 * connector, tapes, model and outputs all in a bucket. Each result must equal the same job's on the same tapes in a
 * local folder (apart from where the tapes were found): the S3A path may not change a frame, a score or a report.
 */
class S3aEndpointTest {
  private static final List<String> TAPES = List.of("a.mp4", "b.mp4", "broken.mp4");

  @TempDir static Path work;
  static LocalS3 s3;
  static Configuration s3Conf;
  static Path localTapes;

  @BeforeAll
  static void startS3AndMakeTapes() throws Exception {
    s3 = LocalS3.start(Files.createDirectories(work.resolve("s3")));
    s3Conf = s3.hadoopConf(TestSpark.session().sparkContext().hadoopConfiguration());
    localTapes = Files.createDirectories(work.resolve("tapes"));
    // A plain tape, a rotated one (upright 90x160), and random bytes named .mp4 that must land in _errors.csv.
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 3, 15, 160, 90, 0, 11), localTapes.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("b.mp4", 3, 15, 160, 90, 90, 12), localTapes.resolve("b.mp4"));
    byte[] noise = new byte[20_000];
    new Random(13).nextBytes(noise);
    Files.write(localTapes.resolve("broken.mp4"), noise);
  }

  /**
   * Creates {@code bucket} (one per test) and copies the tapes to its {@code archive/}; returns that folder. The test's
   * own filesystem clients are never the cached ones, so the jobs' connections are made from the jobs' settings.
   */
  private static String putTapesIn(String bucket) throws IOException {
    s3.createBucket(bucket);
    String archive = "s3a://" + bucket + "/archive";
    try (FileSystem fs = FileSystem.newInstance(URI.create(archive), s3Conf)) {
      for (String tape : TAPES) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(localTapes.resolve(tape).toUri()),
            new org.apache.hadoop.fs.Path(archive, tape));
      }
    }
    return archive;
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  /**
   * The command line, in its own JVM as a user runs it, pointed at the endpoint by {@code --conf
   * spark.hadoop.fs.s3a.*} only: same frame rows (numbers, timestamps, sizes, image bytes), same {@code _tapes.csv}
   * and {@code _errors.csv}.
   */
  @Test
  void extractReadsTapesFromS3aAndWritesTheSameFramesThereAsFromLocalFiles() throws Exception {
    String archive = putTapesIn("dunkclip-extract");
    String s3Frames = "s3a://dunkclip-extract/frames";
    List<String> args = new ArrayList<>(List.of("extract", "--input", archive, "--output", s3Frames,
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
    ExtractResult local = ExtractJob.run(spark, ExtractConfig.builder(localTapes.toString(), localFrames).size(64, 64)
        .segmentFrames(16).build());
    assertThat(local.frames()).isEqualTo(90); // 2 tapes x 3 s x 15 fps, or the comparison below means little

    List<String> fromS3 = frameRows(spark.read().options(s3.s3aSettings()).parquet(s3Frames).collectAsList());
    List<String> fromLocal = frameRows(spark.read().parquet(localFrames).collectAsList());
    assertThat(fromS3).hasSize(90).isEqualTo(fromLocal);

    List<List<String>> tapesS3 = table(s3Frames, TapeTable.FILE_NAME);
    List<List<String>> tapesLocal = table(localFrames, TapeTable.FILE_NAME);
    assertThat(withoutUri(tapesS3)).isEqualTo(withoutUri(tapesLocal)).hasSize(3); // header + a.mp4 + b.mp4
    assertThat(uris(tapesS3)).containsExactly(archive + "/a.mp4", archive + "/b.mp4");
    // FFmpeg's reason names the location and its error code differs between a file and a stream: compare the rest.
    List<List<String>> errorsS3 = table(s3Frames, ErrorTable.FILE_NAME);
    assertThat(withoutReason(withoutUri(errorsS3)))
        .isEqualTo(withoutReason(withoutUri(table(localFrames, ErrorTable.FILE_NAME))))
        .containsExactly(List.of("video", "stage", "frames_done"), List.of("broken.mp4", "probe", "0"));
    assertThat(errorsS3.get(1).get(errorsS3.get(0).indexOf("reason")))
        .startsWith("not a readable video container").contains(archive + "/broken.mp4");
    assertThat(uris(errorsS3)).containsExactly(archive + "/broken.mp4");

    // Committed under its final name with nothing hidden left in the bucket. On S3A every rename of that commit (the
    // tasks' and the job's output committer, then Outputs moving the finished directory into place) is a copy and a
    // delete of each object: what really happens on a store without the S3A committers, here against a real server.
    try (FileSystem fs = FileSystem.newInstance(URI.create(s3Frames), s3Conf)) {
      assertThat(names(fs.listStatus(new org.apache.hadoop.fs.Path(s3Frames)))).containsExactlyInAnyOrder(
          "_SUCCESS", TapeTable.FILE_NAME, ErrorTable.FILE_NAME, OutputGuard.MARKER, "video=a.mp4", "video=b.mp4");
    }
    assertNothingHiddenIn("dunkclip-extract");
  }

  /**
   * Detect with the S3A settings in the session's Hadoop configuration (where {@code spark.hadoop.*} settings land),
   * tapes, model and output on S3: same per-frame scores, same {@code clips.csv}, same {@code _errors.csv}, same
   * report thumbnails.
   */
  @Test
  void detectReadsTapesAndModelFromS3aAndWritesTheSameScoresAndClipsThereAsFromLocalFiles() throws Exception {
    Path model = work.resolve("model.zip");
    TinyModels.train(model, 3, 1);
    String archive = putTapesIn("dunkclip-detect");
    String s3Model = "s3a://dunkclip-detect/models/tiny.zip";
    try (FileSystem fs = FileSystem.newInstance(URI.create(s3Model), s3Conf)) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(model.toUri()), new org.apache.hadoop.fs.Path(s3Model));
    }
    SparkSession spark = TestSpark.session();
    String localDetect = work.resolve("detect").toString();
    String s3Detect = "s3a://dunkclip-detect/detect";

    // The barely trained model's own threshold may find nothing. The median of its scores finds clips, so that
    // clips.csv and the report's thumbnails (decoded from the tapes) are compared too.
    DetectJob.TapeScoring firstLook = DetectJob.score(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        detectConfig(localTapes.toString(), model.toString(), work.resolve("unused").toString(), null));
    double[] scores = firstLook.segments().collect().stream()
        .flatMapToDouble(segment -> IntStream.range(0, segment.scores().length).mapToDouble(i -> segment.scores()[i]))
        .sorted().toArray();
    firstLook.segments().unpersist();
    double threshold = scores[scores.length / 2];
    // As the detect command runs it: the report built from detect's result.
    DetectResult local = ReportJob.detectAndReport(spark,
        detectConfig(localTapes.toString(), model.toString(), localDetect, threshold));
    assertThat(local.clips()).isNotEmpty();
    Configuration sessionConf = spark.sparkContext().hadoopConfiguration();
    s3.s3aSettings().forEach(sessionConf::set);
    DetectResult fromS3;
    try {
      fromS3 = ReportJob.detectAndReport(spark, detectConfig(archive, s3Model, s3Detect, threshold));
    } finally {
      s3.s3aSettings().keySet().forEach(sessionConf::unset); // the session is shared by every test class
    }

    assertThat(fromS3.frames()).isEqualTo(local.frames()).isEqualTo(90);
    List<String> scoresS3 = scoreRows(spark.read().options(s3.s3aSettings())
        .parquet(new DetectOutput(s3Detect).scoresDir()).collectAsList());
    assertThat(scoresS3).hasSize(90)
        .isEqualTo(scoreRows(spark.read().parquet(new DetectOutput(localDetect).scoresDir()).collectAsList()));
    assertThat(table(s3Detect, DetectOutput.CLIPS_FILE)).isEqualTo(table(localDetect, DetectOutput.CLIPS_FILE))
        .hasSize(1 + local.clips().size());
    assertThat(withoutReason(withoutUri(table(s3Detect, ErrorTable.FILE_NAME))))
        .isEqualTo(withoutReason(withoutUri(table(localDetect, ErrorTable.FILE_NAME))))
        .containsExactly(List.of("video", "stage", "frames_done"), List.of("broken.mp4", "probe", "0"));
    // The report beside the clips: the same files, thumbnails decoded from the tapes on S3 identical to the byte.
    Map<String, String> reportS3 = fileHashes(s3Detect + "/report", ".jpg");
    assertThat(reportS3).containsKey("index.html")
        .isEqualTo(fileHashes(localDetect + "/report", ".jpg"));
    assertNothingHiddenIn("dunkclip-detect");
  }

  /** Segments of 16 frames, and clips as short as one frame (no smoothing, which would drop them). */
  private static DetectConfig detectConfig(String input, String model, String output, Double threshold) {
    return DetectConfig.builder().input(input).model(model).output(output)
        .clips(ClipSettings.DEFAULTS.withThreshold(threshold).withMinSeconds(0).withSmoothSeconds(0)).segmentFrames(16)
        .build();
  }

  /**
   * The files under {@code dir} by relative path, each with the SHA-256 of its bytes when its name ends with
   * {@code hashedSuffix} (other files may differ in what they say about where and when they were made).
   */
  private static Map<String, String> fileHashes(String dir, String hashedSuffix) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    try (FileSystem fs = FileSystem.newInstance(root.toUri(), s3Conf)) {
      String prefix = fs.makeQualified(root).toUri().getPath() + "/";
      Map<String, String> hashes = new TreeMap<>();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.Path file = files.next().getPath();
        String name = file.toUri().getPath().substring(prefix.length());
        if (name.endsWith(".crc")) {
          continue; // the local filesystem's checksum files
        }
        String hash = "";
        if (name.endsWith(hashedSuffix)) {
          try (InputStream in = fs.open(file)) {
            hash = sha256(in.readAllBytes());
          }
        }
        hashes.put(name, hash);
      }
      return hashes;
    }
  }

  /** No temporary object (a hidden name, a committer's {@code _temporary}) is left anywhere in the bucket. */
  private static void assertNothingHiddenIn(String bucket) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/");
    List<String> keys = new ArrayList<>();
    try (FileSystem fs = FileSystem.newInstance(root.toUri(), s3Conf)) {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        keys.add(files.next().getPath().toUri().getPath());
      }
    }
    assertThat(keys).isNotEmpty().noneMatch(key -> key.contains("/.") || key.contains("/_temporary"));
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

  /** Every score row as one comparable line: video, frame and the score's exact bits. */
  private static List<String> scoreRows(List<Row> rows) {
    return rows.stream()
        .map(row -> row.getAs("video") + "," + row.getAs("frame") + ","
            + Float.floatToIntBits(row.getAs("score")))
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
    try (FileSystem fs = FileSystem.newInstance(path.toUri(), s3Conf);
        Reader reader = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
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
