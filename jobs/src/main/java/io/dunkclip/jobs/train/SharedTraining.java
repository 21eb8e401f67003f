package io.dunkclip.jobs.train;

import io.dunkclip.jobs.fs.Outputs;
import java.util.UUID;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.ThresholdAlgorithm;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.FixedThresholdAlgorithm;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.parameterserver.distributed.v2.enums.MeshBuildMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DL4J's gradient-sharing master, configured from {@link SharingConfig} and the training options. */
final class SharedTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SharedTraining.class);

  private SharedTraining() {}

  /**
   * The gradient-sharing master on UDP {@code port}. Unless configured, executors reach the parameter server at the
   * driver's own address ({@code spark.driver.host}), which is the address Spark itself already uses to reach the
   * driver.
   */
  static SharedTrainingMaster master(TrainConfig config, String driverHost, int port) {
    SharingConfig sharing = config.sharing();
    VoidConfiguration.VoidConfigurationBuilder voidConfig = VoidConfiguration.builder()
        .unicastPort(port)
        .portSupplier(new ExecutorPortSupplier(port))
        .meshBuildMode(MeshBuildMode.valueOf(sharing.meshBuildMode()));
    voidConfig.controllerAddress(sharing.controllerAddress().isEmpty() ? driverHost : sharing.controllerAddress());
    if (!sharing.networkMask().isEmpty()) {
      voidConfig.networkMask(sharing.networkMask());
    }
    double value = sharing.thresholdValue(config.learningRate());
    ThresholdAlgorithm threshold = sharing.adaptive()
        ? new AdaptiveThresholdAlgorithm(value)
        : new FixedThresholdAlgorithm(value);
    LOG.info("Gradient sharing: {} threshold {} ({}={})", sharing.adaptive() ? "adaptive, initial" : "fixed", value,
        SharingConfig.THRESHOLD_ALGORITHM, sharing.thresholdAlgorithm());
    SharedTrainingMaster.Builder builder = new SharedTrainingMaster.Builder(voidConfig.build(),
        config.batchSizePerWorker())
        .thresholdAlgorithm(threshold)
        .rngSeed(config.seed())
        .collectTrainingStats(false)
        .exportDirectory(Outputs.child(config.workDir(), "dl4j-" + UUID.randomUUID()));
    if (sharing.workersPerNode() > 0) {
      builder.workersPerNode(sharing.workersPerNode());
    }
    return builder.build();
  }
}
