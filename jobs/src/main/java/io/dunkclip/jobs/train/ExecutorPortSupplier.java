package io.dunkclip.jobs.train;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * Gives each JVM of the training mesh its own UDP port: the driver {@code base}, executor N {@code base + 1 + N}.
 *
 * <p>DL4J's default static supplier gives every JVM the same port; with several executors on one host they then
 * register under one id, the mesh stays empty, and training "succeeds" without ever changing the model (seen here,
 * see shared/STACK.md). Executor ids are small integers in standalone, YARN and local-cluster modes.
 */
public final class ExecutorPortSupplier implements PortSupplier {
  private static final long serialVersionUID = 1L;

  private final int basePort;

  public ExecutorPortSupplier(int basePort) {
    this.basePort = basePort;
  }

  @Override
  public int getPort() {
    SparkEnv env = SparkEnv.get();
    String executorId = env == null ? "driver" : env.executorId();
    if ("driver".equals(executorId)) {
      return basePort;
    }
    try {
      return basePort + 1 + Integer.parseInt(executorId);
    } catch (NumberFormatException e) {
      // Non-numeric ids (some resource managers): spread them deterministically over the next 1000 ports.
      return basePort + 1 + Math.floorMod(executorId.hashCode(), 1000);
    }
  }
}
