package io.dunkclip.jobs.train;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * Gradient-sharing settings a cluster operator tunes, read from {@code dunkclip.train.*} settings
 * ({@code conf/dunkclip.conf} or {@code --conf}). Defaults just work in {@code local[*]}.
 *
 * @param workersPerNode training threads per executor JVM; -1 lets DL4J decide
 * @param thresholdAlgorithm how much of each worker's update a message carries: {@code fixed:<value>} sends every
 *     parameter whose accumulated update reaches the value (as plus or minus the value, the rest kept for later);
 *     {@code adaptive:<initial>} starts there and moves the threshold to send 0.01% to 1% of the parameters per step
 *     (DL4J's targets). {@code lr} as the value means the learning rate. Default
 *     {@value #THRESHOLD_ALGORITHM_DEFAULT}: Adam moves a parameter by at most about the learning rate per step, so no
 *     parameter's update waits more than a step or two; on
 *     small-cnn the adaptive threshold climbed to 10x the learning rate with 0.5% of the parameters sent per step, and
 *     validation ROC AUC fell behind the single-JVM run's (README, Benchmarks)
 * @param controllerAddress address executors reach the driver's parameter server at; empty = {@code spark.driver.host}
 *     (set it on multi-homed hosts)
 * @param unicastPort UDP base port: the driver takes it, executor N takes {@code port + 1 + N} (see
 *     {@link ExecutorPortSupplier}); {@value #UNICAST_PORT_AUTO} (the default) picks free ports on the driver's host
 *     at the start of each training ({@link SharingPorts})
 * @param networkMask which interface the mesh binds, e.g. {@code 10.0.0.0/16}; empty = auto
 * @param meshBuildMode {@code PLAIN} (all nodes talk to the driver: small clusters) or {@code MESH} (tree: large)
 */
public record SharingConfig(int workersPerNode, String thresholdAlgorithm, String controllerAddress, int unicastPort,
    String networkMask, String meshBuildMode) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PREFIX = "dunkclip.train.";
  public static final String WORKERS_PER_NODE = PREFIX + "workersPerNode";
  public static final String THRESHOLD_ALGORITHM = PREFIX + "thresholdAlgorithm";
  public static final String CONTROLLER_ADDRESS = PREFIX + "controllerAddress";
  public static final String UNICAST_PORT = PREFIX + "unicastPort";
  public static final String NETWORK_MASK = PREFIX + "networkMask";
  public static final String MESH_BUILD_MODE = PREFIX + "meshBuildMode";
  /** Examples per minibatch on each worker; the {@code --batch-size} option wins over it. */
  public static final String BATCH_SIZE_PER_WORKER = PREFIX + "batchSizePerWorker";

  public static final int WORKERS_PER_NODE_DEFAULT = -1;
  public static final String THRESHOLD_ALGORITHM_DEFAULT = "fixed:lr";
  /** The threshold value that stands for the learning rate. */
  public static final String LEARNING_RATE = "lr";
  /** The unicast port setting that picks free ports for each training; also written {@code auto}. */
  public static final int UNICAST_PORT_AUTO = 0;
  public static final int UNICAST_PORT_DEFAULT = UNICAST_PORT_AUTO;
  static final int MIN_PORT = 1024;
  static final int MAX_PORT = 65000;
  public static final String MESH_BUILD_MODE_DEFAULT = "PLAIN";

  public SharingConfig {
    if (!thresholdAlgorithm.matches("(adaptive|fixed):([0-9.eE+-]+|" + LEARNING_RATE + ")")
        || !(thresholdValue(thresholdAlgorithm, 1) > 0)) {
      throw new IllegalArgumentException("Cannot configure gradient sharing: the threshold algorithm must be "
          + "adaptive:<value> or fixed:<value>, the value a positive number or " + LEARNING_RATE
          + " (the learning rate) (" + THRESHOLD_ALGORITHM + "=" + thresholdAlgorithm + ")");
    }
    if (unicastPort != UNICAST_PORT_AUTO && (unicastPort < MIN_PORT || unicastPort > MAX_PORT)) {
      throw new IllegalArgumentException("Cannot configure gradient sharing: the port must be in " + MIN_PORT + ".."
          + MAX_PORT + ", or auto to pick free ports (" + UNICAST_PORT + "=" + unicastPort + ")");
    }
    meshBuildMode = meshBuildMode.toUpperCase(Locale.ROOT);
    if (!meshBuildMode.equals("PLAIN") && !meshBuildMode.equals("MESH")) {
      throw new IllegalArgumentException("Cannot configure gradient sharing: the mesh build mode must be PLAIN or "
          + "MESH (" + MESH_BUILD_MODE + "=" + meshBuildMode + ")");
    }
  }

  public static SharingConfig from(Map<String, String> settings) {
    return new SharingConfig(
        intSetting(settings, WORKERS_PER_NODE, WORKERS_PER_NODE_DEFAULT),
        settings.getOrDefault(THRESHOLD_ALGORITHM, THRESHOLD_ALGORITHM_DEFAULT),
        settings.getOrDefault(CONTROLLER_ADDRESS, ""),
        "auto".equalsIgnoreCase(settings.getOrDefault(UNICAST_PORT, "").trim()) ? UNICAST_PORT_AUTO
            : intSetting(settings, UNICAST_PORT, UNICAST_PORT_DEFAULT),
        settings.getOrDefault(NETWORK_MASK, ""),
        settings.getOrDefault(MESH_BUILD_MODE, MESH_BUILD_MODE_DEFAULT));
  }

  /**
   * The batch size per worker, by precedence: the {@code --batch-size} option when given, then the
   * {@value #BATCH_SIZE_PER_WORKER} setting, then {@code fallback}.
   */
  public static int batchSizePerWorker(Integer option, Map<String, String> settings, int fallback) {
    return option != null ? option : intSetting(settings, BATCH_SIZE_PER_WORKER, fallback);
  }

  private static int intSetting(Map<String, String> settings, String key, int fallback) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot configure training: the setting must be a whole number (" + key
          + "=" + value + ")", e);
    }
  }

  /** The threshold (fixed) or initial threshold (adaptive) for training at {@code learningRate}. */
  public double thresholdValue(double learningRate) {
    return thresholdValue(thresholdAlgorithm, learningRate);
  }

  private static double thresholdValue(String algorithm, double learningRate) {
    String value = algorithm.substring(algorithm.indexOf(':') + 1);
    if (value.equals(LEARNING_RATE)) {
      return learningRate;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  public boolean adaptive() {
    return thresholdAlgorithm.startsWith("adaptive");
  }
}
