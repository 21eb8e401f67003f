package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.cli.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every gradient-sharing knob a cluster operator needs comes from settings (conf/dunkclip.conf, --conf). */
class SharingConfigTest {
  @Test
  void everyKnobIsReadFromItsSetting() {
    Map<String, String> settings = Map.of(
        "dunkclip.train.workersPerNode", "2",
        "dunkclip.train.thresholdAlgorithm", "fixed:5e-4",
        "dunkclip.train.controllerAddress", "10.0.0.5",
        "dunkclip.train.unicastPort", "41000",
        "dunkclip.train.networkMask", "10.0.0.0/16",
        "dunkclip.train.meshBuildMode", "mesh",
        "dunkclip.train.batchSizePerWorker", "32");
    SharingConfig config = SharingConfig.from(settings);
    assertThat(config).isEqualTo(new SharingConfig(2, "fixed:5e-4", "10.0.0.5", 41000, "10.0.0.0/16", "MESH"));
    assertThat(config.adaptive()).isFalse();
    assertThat(config.thresholdValue(1e-3)).isEqualTo(5e-4);
    assertThat(SharingConfig.batchSizePerWorker(null, settings, 16)).isEqualTo(32);
  }

  @Test
  void confOptionsReachTheConfig() {
    // --conf key=value arrives through Settings, over conf/dunkclip.conf.
    Map<String, String> settings = Settings.load(Map.of("dunkclip.train.unicastPort", "41000",
        "dunkclip.train.batchSizePerWorker", "4"));
    assertThat(SharingConfig.from(settings).unicastPort()).isEqualTo(41000);
    assertThat(SharingConfig.batchSizePerWorker(null, settings, 16)).isEqualTo(4);
  }

  @Test
  void defaultsWorkInLocalMode() {
    // Port 0: free ports picked for each training (SharingPortTest).
    assertThat(SharingConfig.from(Map.of())).isEqualTo(new SharingConfig(-1, "fixed:lr", "", 0, "", "PLAIN"));
    assertThat(SharingConfig.batchSizePerWorker(null, Map.of(), 16)).isEqualTo(16);
  }

  @Test
  void theDefaultThresholdIsTheLearningRate() {
    // Adam moves a parameter by about the learning rate per step: at that threshold no update waits long.
    SharingConfig config = SharingConfig.from(Map.of());
    assertThat(config.adaptive()).isFalse();
    assertThat(config.thresholdValue(1e-3)).isEqualTo(1e-3);
    assertThat(config.thresholdValue(3e-4)).isEqualTo(3e-4);
    SharingConfig adaptive = SharingConfig.from(Map.of("dunkclip.train.thresholdAlgorithm", "adaptive:lr"));
    assertThat(adaptive.adaptive()).isTrue();
    assertThat(adaptive.thresholdValue(2e-3)).isEqualTo(2e-3);
  }

  @Test
  void theBatchSizeOptionWinsOverTheSetting() {
    assertThat(SharingConfig.batchSizePerWorker(8, Map.of("dunkclip.train.batchSizePerWorker", "32"), 16))
        .isEqualTo(8);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> SharingConfig.from(Map.of("dunkclip.train.unicastPort", "forty")))
        .hasMessage("Cannot configure training: the setting must be a whole number (dunkclip.train.unicastPort=forty)");
    assertThatThrownBy(() -> SharingConfig.batchSizePerWorker(null, Map.of("dunkclip.train.batchSizePerWorker", "x"),
        16)).hasMessageEndingWith("(dunkclip.train.batchSizePerWorker=x)");
    assertThatThrownBy(() -> SharingConfig.from(Map.of("dunkclip.train.meshBuildMode", "ring")))
        .hasMessageContaining("(dunkclip.train.meshBuildMode=RING)");
    for (String bad : new String[] {"fixed:0", "fixed:-1e-3", "fixed:1e-3e", "adaptive:", "sparse:1e-3", "fixed:LR"}) {
      assertThatThrownBy(() -> SharingConfig.from(Map.of("dunkclip.train.thresholdAlgorithm", bad)))
          .as(bad)
          .hasMessage("Cannot configure gradient sharing: the threshold algorithm must be adaptive:<value> or "
              + "fixed:<value>, the value a positive number or lr (the learning rate) "
              + "(dunkclip.train.thresholdAlgorithm=" + bad + ")");
    }
  }

  @Test
  void theShippedConfDocumentsEveryKnob() throws Exception {
    // Each key appears in conf/dunkclip.conf (commented: the defaults), so an operator finds it there.
    String conf = Files.readString(Path.of("..", "conf", "dunkclip.conf"));
    for (String key : new String[] {SharingConfig.WORKERS_PER_NODE, SharingConfig.BATCH_SIZE_PER_WORKER,
        SharingConfig.THRESHOLD_ALGORITHM, SharingConfig.CONTROLLER_ADDRESS, SharingConfig.UNICAST_PORT,
        SharingConfig.NETWORK_MASK, SharingConfig.MESH_BUILD_MODE}) {
      assertThat(conf).as(key).contains("# " + key + "=");
    }
    Properties active = new Properties();
    active.load(new java.io.StringReader(conf));
    assertThat(active.stringPropertyNames()).allMatch(k -> k.startsWith("spark.") || k.startsWith("dunkclip."));
  }
}
