package io.dunkclip.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunkclip.format.ClipRow;
import io.dunkclip.format.LabelRow;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.render.ClipNames;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.sample.SampleJob;
import io.dunkclip.jobs.train.SharingEvidence;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a real standalone cluster: {@code scripts/local-cluster} starts a master and two workers on
 * 127.0.0.1 (separate JVMs whose classpath is cluster/target/spark-home, not the project's), {@code scripts/submit}
 * runs spark-submit with the shaded jar for extract, train, detect and render, and every input and output lives in a
 * real HDFS (a MiniDFSCluster in this JVM). Executors have nothing of ours but the jar the driver ships them, so this
 * proves the jar carries what they need (the ND4J backend's service files, the JavaCV natives), that gradient sharing
 * meshes two executor JVMs over loopback, and that no job writes to the driver's local disk.
 *
 * <p>Runs in the verify phase (maven-failsafe) after the shaded jar is built; a missing jar or SPARK_HOME fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmitToLoopbackClusterIT {
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(8);
  private static final String AERON = "-Daeron.publication.unblock.timeout=60000000000";
  /** Each executor logs its own gradient-sharing endpoint, then one line per peer it connects to (DL4J 1.0.0-M2). */
  private static final Pattern OWN_ENDPOINT = Pattern.compile("Initializing transport \\[127\\.0\\.0\\.1:(\\d+)]");

  @TempDir static Path work;
  static Path home;
  static Path jar;
  static MiniDFSCluster hdfsCluster;
  static FileSystem hdfs;
  static String root;
  static LoopbackCluster cluster;
  static String master;
  static Path driverDir;
  static Path driverTmp;
  static Path executorTmp;
  static int unicastPort;
  static final Map<String, Long> FRAMES = new TreeMap<>();

  @BeforeAll
  static void startHdfsAndTheCluster() throws Exception {
    home = Path.of(System.getProperty("dunkclip.home", "..")).toRealPath();
    jar = Path.of(System.getProperty("dunkclip.shadedJar",
        home.resolve("jobs/target/dunkclip-jobs-0.1.0-SNAPSHOT-spark.jar").toString()));
    assertThat(jar).as("the shaded jar (built by 'mvn package' unless -DskipShade)").isRegularFile();
    assertThat(home.resolve("cluster/target/spark-home/jars/spark-core_2.12-3.5.9.jar"))
        .as("the SPARK_HOME built by the cluster module").isRegularFile();

    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    hdfsCluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfsCluster.waitActive();
    hdfs = hdfsCluster.getFileSystem();
    root = "hdfs://localhost:" + hdfsCluster.getNameNodePort();

    // Three tiny tapes, a dunk in each; the validation split holds one of them out.
    Path tapes = Files.createDirectories(work.resolve("tapes"));
    List<LabelRow> labels = new ArrayList<>();
    long seed = 11;
    for (String name : List.of("court-a.mp4", "court-b.mp4", "court-c.mp4")) {
      GeneratedTape tape = SampleTapeGenerator.generate(new TapeSpec(name, 12, 15, 160, 90, 0, seed++),
          tapes.resolve(name));
      assertThat(tape.playerRanges()).as("dunks in %s", name).isNotEmpty();
      FRAMES.put(name, tape.frameCount());
      labels.addAll(SampleJob.labelRows(tape));
      hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(tape.file().toUri()),
          new org.apache.hadoop.fs.Path(root + "/archive/" + name));
    }
    CsvFiles.writeLabels(root + "/labels.csv", labels, hdfs.getConf());

    driverDir = Files.createDirectories(work.resolve("driver-cwd"));
    driverTmp = Files.createDirectories(work.resolve("driver-tmp"));
    executorTmp = Files.createDirectories(work.resolve("executor-tmp"));
    unicastPort = freeUdpPorts(4);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DUNKCLIP_NO_BUILD", "1");
    env.put("DUNKCLIP_JAR", jar.toString());
    env.put("DUNKCLIP_CLUSTER_CONF", clusterConf().toString());
    cluster = new LoopbackCluster(home, work.resolve("cluster"), env);
    master = cluster.start(2, freeTcpPort(), freeTcpPort());
  }

  @AfterAll
  static void stopEverything() throws IOException {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (hdfsCluster != null) {
        hdfsCluster.shutdown();
      }
    }
  }

  @Test
  @Order(0)
  void shadedJarCarriesWhatExecutorsNeedAndNothingTheClusterProvides() throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertThat(names).as("Hadoop classes (the cluster provides them)")
          .noneMatch(name -> name.startsWith("org/apache/hadoop/") && name.endsWith(".class"));
      assertThat(names).as("Scala classes").noneMatch(name -> name.startsWith("scala/") && name.endsWith(".class"));
      assertThat(names).as("Spark classes (DL4J's own TaskContextHelper lives in Spark's package)")
          .noneMatch(name -> name.startsWith("org/apache/spark/") && name.endsWith(".class")
              && !name.startsWith("org/apache/spark/TaskContextHelper"));
      assertThat(names).contains("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend",
          "io/dunkclip/jobs/cli/DunkclipCli.class");
      assertThat(names).anyMatch(name -> name.matches("org/bytedeco/ffmpeg/linux-x86_64/libavcodec\\.so.*"));
      // ND4J's oneDNN build only (nd4j-native's own pom would add the plain one, 90 MB more, which is excluded).
      assertThat(names).anyMatch(name -> name.matches("org/nd4j/.*/linux-x86_64-onednn/libjnind4jcpu\\.so"));
      assertThat(names).noneMatch(name -> name.matches("org/nd4j/.*/linux-x86_64/libjnind4jcpu\\.so"));
      String backends = new String(zip.getInputStream(zip.getEntry(
          "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(backends).contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
    }
  }

  @Test
  @Order(1)
  void extractReadsTapesFromHdfsAndWritesFramesThere() throws Exception {
    LoopbackCluster.Result result = submit("extract", "--input", root + "/archive", "--output", root + "/frames",
        "--size", "64x64");

    long frames = FRAMES.values().stream().mapToLong(Long::longValue).sum();
    assertThat(result.stdout()).contains("extract: tapes=3 frames=" + frames + " errors=0");
    assertThat(TapeTable.frameCounts(root + "/frames", hdfs.getConf())).isEqualTo(FRAMES);
    for (String video : FRAMES.keySet()) {
      assertThat(hdfs.listStatus(new org.apache.hadoop.fs.Path(root + "/frames/video=" + video)))
          .as("Parquet files of %s", video).anyMatch(s -> s.getPath().getName().endsWith(".parquet"));
    }
  }

  @Test
  @Order(2)
  void trainSharesGradientsBetweenTwoExecutorJvms() throws Exception {
    LoopbackCluster.Result result = submit("train", "--frames", root + "/frames", "--labels", root + "/labels.csv",
        "--model", root + "/model/dunk.model", "--epochs", "1", "--validation-fraction", "0.34",
        "--conf", "dunkclip.train.unicastPort=" + unicastPort, "--conf", "dunkclip.train.workersPerNode=1");

    assertThat(result.stdout()).contains("train: epochs=");
    assertThat(hdfs.exists(new org.apache.hadoop.fs.Path(root + "/model/dunk.model"))).isTrue();
    JsonNode metrics;
    try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(root + "/model/dunk.model.metrics.json"))) {
      metrics = new ObjectMapper().readTree(in);
    }
    // Trap 1 of shared/STACK.md: a mesh that never formed leaves the model exactly as initialised.
    assertThat(metrics.get("parameterChange").asDouble()).as("L2 change of the parameters").isGreaterThan(1e-3);
    assertThat(metrics.get("validationFrames").asLong()).as("frames of the held-out tape").isIn(FRAMES.values());
    assertThat(metrics.get("epochs")).isNotEmpty();
    for (JsonNode epoch : metrics.get("epochs")) {
      assertThat(epoch.get("rocAuc").asDouble()).isBetween(0.0, 1.0);
      assertThat(epoch.get("loss").asDouble()).isFinite().isPositive();
    }
    // Training statistics: each executor's worker fitted minibatches, and together every exported one once (a
    // one-worker run fails this check: SharingEvidenceTest).
    Map<String, Long> fitted = new java.util.TreeMap<>();
    metrics.get("minibatchesFitted").fields().forEachRemaining(e -> fitted.put(e.getKey(), e.getValue().asLong()));
    assertThat(SharingEvidence.problems(fitted, metrics.get("minibatchesExported").asLong(),
        metrics.get("parameterChange").asDouble(), java.util.Set.of("0", "1"))).as("gradient sharing by both executors")
        .isEmpty();
    // Both executors joined the driver's mesh and each connected to the other's UDP port (base + 1 + executor id).
    Map<Integer, String> executors = trainingExecutorLogs();
    assertThat(executors.keySet()).as("gradient-sharing ports of the executors")
        .containsExactlyInAnyOrder(unicastPort + 1, unicastPort + 2);
    executors.forEach((port, log) -> {
      int peer = port == unicastPort + 1 ? unicastPort + 2 : unicastPort + 1;
      assertThat(log).as("log of the executor on port %d", port)
          .contains("endpoint=127.0.0.1:" + unicastPort + "]", "endpoint=127.0.0.1:" + peer + "]");
    });
  }

  @Test
  @Order(3)
  void detectScoresTapesOnHdfsAndWritesClipsThere() throws Exception {
    // One epoch on three tiny tapes makes no reliable detector; a low threshold makes sure clips reach render.
    LoopbackCluster.Result result = submit("detect", "--input", root + "/archive", "--model",
        root + "/model/dunk.model", "--output", root + "/detect", "--threshold", "0.01", "--segment-frames", "90");

    assertThat(result.stdout()).contains("detect:");
    List<ClipRow> clips = CsvFiles.readClips(root + "/detect/clips.csv", hdfs.getConf());
    assertThat(clips).isNotEmpty();
    assertThat(clips).allSatisfy(clip -> {
      assertThat(FRAMES).containsKey(clip.video());
      assertThat(clip.range().last()).isLessThan(FRAMES.get(clip.video()));
    });
    assertThat(hdfs.exists(new org.apache.hadoop.fs.Path(root + "/detect/scores"))).isTrue();
  }

  @Test
  @Order(4)
  void renderWritesDecodableClipsAndTheManifestToHdfs() throws Exception {
    submit("render", "--clips", root + "/detect/clips.csv", "--input", root + "/archive", "--output",
        root + "/clips");

    List<ClipRow> clips = CsvFiles.readClips(root + "/detect/clips.csv", hdfs.getConf());
    List<String> manifest;
    try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(root + "/clips/" + RenderJob.MANIFEST))) {
      manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(manifest).hasSize(clips.size() + 1);
    Path local = Files.createDirectories(work.resolve("fetched-clips"));
    for (ClipRow clip : clips) {
      String name = ClipNames.fileName(clip.video(), clip.clip());
      Path copy = local.resolve(name);
      hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path(root + "/clips/" + name),
          new org.apache.hadoop.fs.Path(copy.toUri()));
      assertThat(videoFrames(copy)).as("frames of %s", name).isEqualTo(clip.range().length());
    }
  }

  @Test
  @Order(5)
  void nothingLandedOnTheDriversLocalDisk() throws IOException {
    try (Stream<Path> files = Files.walk(driverDir)) {
      assertThat(files.filter(Files::isRegularFile).toList()).as("files in the driver's working directory").isEmpty();
    }
    List<Path> outputs = new ArrayList<>();
    for (Path dir : List.of(driverTmp, executorTmp, work.resolve("cluster"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).filter(SubmitToLoopbackClusterIT::looksLikeOutput).forEach(outputs::add);
      }
    }
    assertThat(outputs).as("job outputs on local disk").isEmpty();
  }

  private static boolean looksLikeOutput(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".parquet") || name.endsWith(".csv") || name.contains("dunk.model")
        || name.matches(".*-clip-\\d+\\.mp4") || name.matches("batch-\\d+-\\d+\\.bin");
  }

  /** Runs scripts/submit against the cluster and requires exit status 0. */
  private static LoopbackCluster.Result submit(String command, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of(command, "--master", master));
    args.addAll(Arrays.asList(options));
    // Spark's HDFS clients: one datanode, and close() need not wait 400 ms for the block report (HdfsExtractTest).
    args.addAll(List.of("--conf", "spark.hadoop.dfs.replication=1",
        "--conf", "spark.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms=10"));
    LoopbackCluster.Result result = cluster.submit(driverDir, SUBMIT_TIMEOUT, args);
    assertThat(result.exitCode()).as("scripts/submit %s exit status; end of its log:%n%s", command, result.tail())
        .isZero();
    return result;
  }

  /**
   * conf/cluster.conf as shipped, plus what the test adds: scratch directories inside the test's folder and a log
   * configuration that shows gradient sharing's mesh (DL4J logs it at INFO).
   */
  private static Path clusterConf() throws IOException {
    Path shipped = home.resolve("conf/cluster.conf");
    Properties settings = new Properties();
    try (var reader = Files.newBufferedReader(shipped)) {
      settings.load(reader);
    }
    String executorOptions = settings.getProperty("spark.executor.extraJavaOptions");
    String driverOptions = settings.getProperty("spark.driver.extraJavaOptions");
    assertThat(executorOptions).as("executor options in conf/cluster.conf").contains(AERON);
    assertThat(driverOptions).as("driver options in conf/cluster.conf").contains(AERON);

    Path log4j = work.resolve("log4j2-mesh.properties");
    Files.writeString(log4j, Files.readString(home.resolve("conf/log4j2.properties"))
        + "\nlogger.mesh.name = org.nd4j.parameterserver\nlogger.mesh.level = info\n"
        + "logger.wrapper.name = org.deeplearning4j.spark.parameterserver\nlogger.wrapper.level = info\n");
    String logging = " -Dlog4j2.configurationFile=" + log4j;
    Path conf = work.resolve("cluster.conf");
    Files.writeString(conf, Files.readString(shipped)
        + "\n# Added by " + SubmitToLoopbackClusterIT.class.getSimpleName() + "\n"
        + "spark.executor.extraJavaOptions=" + executorOptions + " -Djava.io.tmpdir=" + executorTmp + logging + "\n"
        + "spark.driver.extraJavaOptions=" + driverOptions + " -Djava.io.tmpdir=" + driverTmp + logging + "\n"
        + "spark.driver.memory=1g\n");
    return conf;
  }

  /** The stderr of each executor that trained, by the gradient-sharing port it logged as its own. */
  private static Map<Integer, String> trainingExecutorLogs() throws IOException {
    Map<Integer, String> logs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(work.resolve("cluster/work"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
        String log = Files.readString(file);
        Matcher own = OWN_ENDPOINT.matcher(log);
        if (own.find()) {
          logs.put(Integer.parseInt(own.group(1)), log);
        }
      }
    }
    return logs;
  }

  private static long videoFrames(Path clip) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      long frames = 0;
      while (grabber.grabImage() != null) {
        frames++;
      }
      return frames;
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * A base port with {@code count} free UDP ports from it on: the mesh's ports are base (driver) and base + 1 + id
   * (executors). Not the default 40123, which other Spark tests on the machine may be using at the same time.
   */
  private static int freeUdpPorts(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 42000 + (int) (Math.random() * 18000);
      List<DatagramSocket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < count; i++) {
          sockets.add(new DatagramSocket(base + i, InetAddress.getLoopbackAddress()));
        }
        return base;
      } catch (SocketException taken) {
        // try another base
      } finally {
        sockets.forEach(DatagramSocket::close);
      }
    }
    throw new IllegalStateException("Cannot find " + count + " free UDP ports in 42000..60000 after 50 attempts");
  }
}
