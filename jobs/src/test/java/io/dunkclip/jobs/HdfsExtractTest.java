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
import io.dunkclip.video.TapeProbe;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extract with tapes and output on HDFS (an in-JVM MiniDFSCluster): the tapes are read through the Hadoop
 * FileSystem, the tasks and the commit write to hdfs://, and every frame is there when read back.
 */
class HdfsExtractTest {
  private static final String CLOSE_RETRY_DELAY_MS = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

  @TempDir static Path local;
  static MiniDFSCluster cluster;
  static FileSystem hdfs;
  static String root;
  /** Probed frame count of each tape, from the local originals. */
  static final Map<String, Long> FRAMES = new LinkedHashMap<>();

  @BeforeAll
  static void startHdfsWithTwoTapes() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("dfs").toString());
    // Closing a file, an HDFS client asks the namenode whether the last block is complete and, when the datanode's
    // report has not arrived yet, waits 400 ms before asking again. The mini cluster reports within milliseconds and
    // this test closes a few hundred small files, so ask again sooner (measured here: 100 small files took 27-32 s
    // at the default, 2.5-8.6 s at 10 ms). Spark's clients share the cached FileSystem that the cluster's conf
    // creates; Spark's own conf gets the same value in case another instance is made.
    conf.setInt(CLOSE_RETRY_DELAY_MS, 10);
    TestSpark.session().sparkContext().hadoopConfiguration().setInt(CLOSE_RETRY_DELAY_MS, 10);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getFileSystem();
    root = "hdfs://localhost:" + cluster.getNameNodePort();
    long seed = 5;
    for (String name : List.of("a.mp4", "b.mp4")) {
      Path tape = local.resolve(name);
      SampleTapeGenerator.generate(new TapeSpec(name, 4, 15, 160, 90, 0, seed++), tape);
      FRAMES.put(name, TapeProbe.probe(tape, name).frameCount());
      hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(tape.toUri()),
          new org.apache.hadoop.fs.Path(root + "/archive/" + name));
    }
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void parquetFramesOnHdfsHoldEveryFrameOnce() {
    SparkSession spark = TestSpark.session();
    // 16-frame segments cut the tapes' 30-frame GOPs in the middle: tasks seek in the copies they fetched from HDFS.
    ExtractResult result = ExtractJob.run(spark,
        ExtractConfig.builder(root + "/archive", root + "/frames").size(32, 32).segmentFrames(16).build());

    assertThat(result.errors()).isEmpty();
    assertThat(result.tapes()).isEqualTo(2);
    assertThat(result.frames()).isEqualTo(FRAMES.values().stream().mapToLong(Long::longValue).sum());
    Dataset<Row> frames = spark.read().parquet(root + "/frames");
    Map<String, List<Long>> indices = frames.select(FrameRows.VIDEO, FrameRows.FRAME).collectAsList().stream()
        .collect(Collectors.groupingBy(row -> row.getString(0), Collectors.mapping(row -> row.getLong(1),
            Collectors.toList())));
    assertThat(indices.keySet()).containsExactlyInAnyOrderElementsOf(FRAMES.keySet());
    FRAMES.forEach((video, count) -> assertThat(indices.get(video).stream().sorted().toList())
        .as("frame indices of %s", video).isEqualTo(LongStream.range(0, count).boxed().toList()));
    Row sizes = frames.agg(functions.min(FrameRows.WIDTH), functions.max(FrameRows.WIDTH),
        functions.min(FrameRows.HEIGHT), functions.max(FrameRows.HEIGHT)).first();
    assertThat(List.of(sizes.getInt(0), sizes.getInt(1), sizes.getInt(2), sizes.getInt(3)))
        .containsExactly(32, 32, 32, 32);
    assertThat(TapeTable.frameCounts(root + "/frames", spark.sparkContext().hadoopConfiguration()))
        .isEqualTo(FRAMES);
  }

  @Test
  void jpgFilesAreWrittenToHdfsByTheTasks() throws Exception {
    ExtractResult result = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(root + "/archive", root + "/frames-jpg").size(32, 32).segmentFrames(25)
            .format(ExtractFormat.JPG).build());

    assertThat(result.errors()).isEmpty();
    assertThat(result.frames()).isEqualTo(FRAMES.values().stream().mapToLong(Long::longValue).sum());
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root + "/frames-jpg");
    assertThat(names(hdfs.listStatus(dir))).containsExactlyInAnyOrder("a.mp4", "b.mp4", TapeTable.FILE_NAME,
        ErrorTable.FILE_NAME, OutputGuard.MARKER);
    for (Map.Entry<String, Long> tape : FRAMES.entrySet()) {
      List<String> expected = LongStream.range(0, tape.getValue()).mapToObj(FrameFiles::fileName).toList();
      assertThat(names(hdfs.listStatus(new org.apache.hadoop.fs.Path(dir, tape.getKey()))))
          .as("files of %s", tape.getKey()).containsExactlyInAnyOrderElementsOf(expected);
    }
    try (InputStream in = hdfs.open(FrameFiles.file(dir.toString(), "b.mp4", FRAMES.get("b.mp4") - 1))) {
      BufferedImage image = ImageIO.read(in);
      assertThat(image.getWidth()).isEqualTo(32);
      assertThat(image.getHeight()).isEqualTo(32);
    }
    // Nothing half-written is left beside the output.
    assertThat(names(hdfs.listStatus(new org.apache.hadoop.fs.Path(root + "/"))))
        .noneMatch(name -> name.startsWith("."));
  }

  @Test
  void anUpdateOnHdfsReplacesOneTapesPartitionByRenamesAndLeavesTheOtherAsItWas() throws Exception {
    SparkSession spark = TestSpark.session();
    ExtractConfig config = ExtractConfig.builder(root + "/archive", root + "/frames-update").size(32, 32)
        .segmentFrames(30).build();
    ExtractJob.run(spark, config);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root + "/frames-update");
    List<String> filesOfA = files(new org.apache.hadoop.fs.Path(dir, "video=a.mp4"));
    List<String> filesOfB = files(new org.apache.hadoop.fs.Path(dir, "video=b.mp4"));

    ExtractResult update = ExtractJob.run(spark, ExtractConfig.builder(root + "/archive/a.mp4", dir.toString())
        .size(32, 32).segmentFrames(30).update(true).build());

    assertThat(update.frames()).isEqualTo(FRAMES.get("a.mp4"));
    assertThat(files(new org.apache.hadoop.fs.Path(dir, "video=b.mp4"))).as("b.mp4's files").isEqualTo(filesOfB);
    assertThat(files(new org.apache.hadoop.fs.Path(dir, "video=a.mp4"))).as("a.mp4's files are new")
        .doesNotContainAnyElementsOf(filesOfA);
    Map<String, Long> counts = spark.read().parquet(dir.toString()).groupBy(FrameRows.VIDEO).count().collectAsList()
        .stream().collect(Collectors.toMap(row -> row.getString(0), row -> row.getLong(1)));
    assertThat(counts).isEqualTo(FRAMES);
    assertThat(TapeTable.frameCounts(dir.toString(), spark.sparkContext().hadoopConfiguration())).isEqualTo(FRAMES);
    assertThat(names(hdfs.listStatus(dir))).noneMatch(name -> name.startsWith(".") || name.startsWith("_update"));
    assertThat(names(hdfs.listStatus(new org.apache.hadoop.fs.Path(root + "/"))))
        .noneMatch(name -> name.startsWith("."));
  }

  /** Each data file under {@code dir} as name, length and modification time: a rewritten file differs. */
  private static List<String> files(org.apache.hadoop.fs.Path dir) throws java.io.IOException {
    return Arrays.stream(hdfs.listStatus(dir)).filter(FileStatus::isFile)
        .map(f -> f.getPath().getName() + " " + f.getLen() + " " + f.getModificationTime()).sorted().toList();
  }

  private static List<String> names(FileStatus[] statuses) {
    return Arrays.stream(statuses).map(status -> status.getPath().getName()).toList();
  }
}
