package io.dunkclip.jobs;

import io.dunkclip.jobs.spark.SparkSessions;
import io.dunkclip.jobs.train.SharingConfig;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session per test JVM, UI off, shared by every test class (starting Spark costs
 * seconds). Never stopped by a test: the JVM's exit ends it.
 */
public final class TestSpark {
  private static SparkSession session;
  private static SharingConfig sharing;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.create("dunkclip-tests", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }
    return session;
  }

  /**
   * The default gradient-sharing settings, but on a UDP port that was free when this JVM first asked: two test JVMs
   * training at once on one host (another build's tests, Surefire forks) on one fixed port would fail or,
   * worse, join each other's mesh. One port per JVM: DL4J keeps its transport bound between trainings of a JVM.
   */
  public static synchronized SharingConfig sharing() {
    if (sharing == null) {
      sharing = SharingConfig.from(Map.of(SharingConfig.UNICAST_PORT, Integer.toString(freeUdpPort())));
    }
    return sharing;
  }

  private static int freeUdpPort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(42000, 60000);
      try (DatagramSocket socket = new DatagramSocket(port)) {
        return port;
      } catch (SocketException taken) {
        // try another
      }
    }
    throw new IllegalStateException("Cannot find a free UDP port in 42000..60000 after 50 attempts");
  }
}
