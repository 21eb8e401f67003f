package io.dunkclip.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback cluster of {@code scripts/local-cluster} lets in only applications that know its secret (issue 16,
 * item 13): the secret is generated per cluster into a file only its owner can read and is on no command line,
 * {@code scripts/submit} uses it, and a submission without it is refused by the master.
 *
 * <p>Runs in the verify phase (maven-failsafe) on the shaded jar and cluster/target/spark-home, like
 * {@link SubmitToLoopbackClusterIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAuthenticationIT {
  /** Spark's standalone client gives up after 3 registration attempts of 20 s each. */
  private static final Duration REFUSED_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(4);

  @TempDir static Path work;
  static Path home;
  static Path tapes;
  static Path driverDir;
  static LoopbackCluster cluster;
  static String master;
  static int webUiPort;

  @BeforeAll
  static void startTheCluster() throws Exception {
    home = Path.of(System.getProperty("dunkclip.home", "..")).toRealPath();
    Path jar = Path.of(System.getProperty("dunkclip.shadedJar",
        home.resolve("jobs/target/dunkclip-jobs-0.1.0-SNAPSHOT-spark.jar").toString()));
    assertThat(jar).as("the shaded jar (built by 'mvn package' unless -DskipShade)").isRegularFile();
    assertThat(home.resolve("cluster/target/spark-home/jars/spark-core_2.12-3.5.9.jar"))
        .as("the SPARK_HOME built by the cluster module").isRegularFile();
    tapes = Files.createDirectories(work.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("court.mp4", 3, 15, 160, 90, 0, 5), tapes.resolve("court.mp4"));
    driverDir = Files.createDirectories(work.resolve("driver-cwd"));
    Path conf = work.resolve("cluster.conf");
    Files.writeString(conf, Files.readString(home.resolve("conf/cluster.conf")) + "\nspark.driver.memory=1g\n");
    cluster = new LoopbackCluster(home, work.resolve("cluster"), Map.of("DUNKCLIP_NO_BUILD", "1",
        "DUNKCLIP_JAR", jar.toString(), "DUNKCLIP_CLUSTER_CONF", conf.toString()));
    webUiPort = freeTcpPort();
    master = cluster.start(1, freeTcpPort(), webUiPort);
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theSecretIsGeneratedIntoAFileOnlyItsOwnerCanReadAndIsOnNoCommandLine() throws IOException {
    Path auth = cluster.stateDir().resolve("auth.conf");
    assertThat(auth).as("the cluster's secret").isRegularFile();
    assertThat(Files.getPosixFilePermissions(auth)).as("permissions of %s", auth)
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    Properties settings = new Properties();
    try (Reader reader = Files.newBufferedReader(auth)) {
      settings.load(reader);
    }
    assertThat(settings.getProperty("spark.authenticate")).isEqualTo("true");
    String secret = settings.getProperty("spark.authenticate.secret");
    assertThat(secret).as("the secret").matches("[0-9a-f]{64}");

    List<String> commandLines = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(commandLines::add));
    assertThat(commandLines).as("command lines of this host's processes").isNotEmpty()
        .anyMatch(line -> line.contains("org.apache.spark.deploy.master.Master"))
        .noneMatch(line -> line.contains(secret));
    try (Stream<Path> logs = Files.walk(cluster.stateDir().resolve("logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(log)).as("log %s", log).doesNotContain(secret);
      }
    }
  }

  @Test
  @Order(2)
  void aSubmissionWithoutTheSecretIsRefused() throws Exception {
    // What anyone who reaches the master's port can do: submit without the cluster's secret (no auth.conf found).
    Path elsewhere = Files.createDirectories(work.resolve("no-secret-here"));
    Path output = work.resolve("frames-refused");
    LoopbackCluster.Result result = cluster.submit(driverDir, REFUSED_TIMEOUT,
        List.of("extract", "--master", master, "--input", tapes.toString(), "--output", output.toString(),
            "--size", "32x32"),
        Map.of("DUNKCLIP_CLUSTER_DIR", elsewhere.toString()));

    assertThat(result.exitCode()).as("exit status of a submission without the secret; end of its log:%n%s",
        result.tail()).isNotZero();
    assertThat(result.stdout()).doesNotContain("extract: tapes=");
    assertThat(output).doesNotExist();
    assertThat(result.stderr()).contains("no cluster secret at " + elsewhere.resolve("auth.conf"))
        .contains("All masters are unresponsive");
    JsonNode state = masterState();
    assertThat(state.get("activeapps")).as("applications the master runs").isEmpty();
    assertThat(state.get("completedapps")).as("applications the master ran").isEmpty();
    assertThat(Files.readString(cluster.stateDir().resolve("logs/master.log")))
        .as("the master's log").contains("Expected SaslMessage");
  }

  @Test
  @Order(3)
  void submitRunsWithTheClustersSecret() throws Exception {
    Path output = work.resolve("frames");
    LoopbackCluster.Result result = cluster.submit(driverDir, SUBMIT_TIMEOUT,
        List.of("extract", "--master", master, "--input", tapes.toString(), "--output", output.toString(),
            "--size", "32x32"));

    assertThat(result.exitCode()).as("scripts/submit exit status; end of its log:%n%s", result.tail()).isZero();
    assertThat(result.stdout()).contains("extract: tapes=1 ");
    JsonNode state = masterState();
    assertThat(state.get("completedapps")).as("applications the master ran").hasSize(1);
    try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("private copies of the settings left behind by scripts/submit")
          .noneMatch(name -> name.startsWith("dunkclip-submit."));
    }
  }

  /** The master's state from its web UI's JSON endpoint. */
  private static JsonNode masterState() throws IOException {
    try (InputStream in = new URL("http://127.0.0.1:" + webUiPort + "/json/").openStream()) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
