package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.TestSpark;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradient sharing binds UDP ports: two trainings on one host must not share them. An explicit port that is taken is
 * an error before any work; without one, each training picks free ports.
 */
class SharingPortTest {
  @TempDir Path dir;

  @Test
  void anExplicitPortThatIsTakenStopsTrainingBeforeAnyWorkNamingTheSetting() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, 2, 30, 32, 32);
    try (DatagramSocket other = new DatagramSocket(0)) {
      int port = other.getLocalPort();
      SharingConfig sharing = SharingConfig.from(Map.of(SharingConfig.UNICAST_PORT, Integer.toString(port)));
      TrainConfig config = TrainConfig.builder(dir.resolve("frames").toString(), labels.toString(),
          dir.resolve("m.model").toString()).epochs(1).batchSizePerWorker(8).validationFraction(0.5).threshold(0.5)
          .seed(3).patience(1).workDir(dir.resolve("scratch").toString()).sharing(sharing).build();
      assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Cannot train: the gradient-sharing UDP port " + port + " is in use on this host (another"
              + " training?); set a free port or remove the setting to pick free ports (dunkclip.train.unicastPort="
              + port + ")");
    }
    assertThat(dir.resolve("m.model")).doesNotExist();
    assertThat(dir.resolve("scratch")).doesNotExist();
  }

  @Test
  void withoutAPortSettingEachTrainingPicksFreePortsBesideATakenOne() throws Exception {
    SharingConfig auto = SharingConfig.from(Map.of());
    assertThat(auto.unicastPort()).isEqualTo(SharingConfig.UNICAST_PORT_AUTO);
    assertThat(SharingConfig.from(Map.of(SharingConfig.UNICAST_PORT, "auto"))).isEqualTo(auto);
    try (DatagramSocket oldDefault = bindIfFree(40123)) {
      int first = SharingPorts.resolve(auto, 2);
      assertThat(first).isNotEqualTo(40123);
      for (int port = first; port <= first + SharingPorts.EXECUTOR_PORTS; port++) {
        assertThat(SharingPorts.free(port)).as("port %d", port).isTrue();
      }
      // A second training on this host while the first holds its driver port picks another one.
      try (DatagramSocket firstTraining = new DatagramSocket(first)) {
        assertThat(SharingPorts.resolve(auto, 2)).isNotEqualTo(first);
      }
    }
  }

  @Test
  void anExplicitFreePortWins() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    SharingConfig sharing = SharingConfig.from(Map.of(SharingConfig.UNICAST_PORT, Integer.toString(port)));
    assertThat(SharingPorts.resolve(sharing, 0)).isEqualTo(port);
  }

  /** A socket on the port, or null when something else already holds it (then it is taken either way). */
  private static DatagramSocket bindIfFree(int port) {
    try {
      return new DatagramSocket(port);
    } catch (java.net.SocketException taken) {
      return null;
    }
  }
}
