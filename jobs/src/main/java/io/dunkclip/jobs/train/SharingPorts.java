package io.dunkclip.jobs.train;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * The UDP base port a training's gradient sharing binds, chosen on the driver before any work: the driver takes it,
 * executor N takes {@code port + 1 + N} ({@link ExecutorPortSupplier}).
 *
 * <p>An explicit port ({@value SharingConfig#UNICAST_PORT}) wins, but one that is taken on this host is an error
 * naming the setting: DL4J's transport would only log the failed bind and train on, without the mesh. Without one,
 * a base port is picked whose driver port and the next {@value #EXECUTOR_PORTS} (or one per executor, if more) are
 * all free on this host, so two trainings on one host (or a test JVM and a quickstart) never meet. A port can still
 * be taken between the check and DL4J's bind; that window is short, and the check says so when it happens earlier.
 */
final class SharingPorts {
  /** Executor ports checked beside the driver's when a base port is picked. */
  static final int EXECUTOR_PORTS = 16;
  private static final int ATTEMPTS = 50;

  /**
   * The port this JVM's parameter server holds since its last training: DL4J keeps its transport bound until the
   * next training replaces it, so that port counts as free for this JVM.
   */
  private static int heldByThisJvm;

  private SharingPorts() {}

  /**
   * The base port for a training.
   *
   * @param executors executors the application has (more ports are checked when there are more than
   *     {@value #EXECUTOR_PORTS})
   * @throws IllegalArgumentException when an explicit port is taken, naming the setting and the fix
   */
  static synchronized int resolve(SharingConfig sharing, int executors) {
    int wanted = sharing.unicastPort();
    if (wanted != SharingConfig.UNICAST_PORT_AUTO) {
      if (wanted != heldByThisJvm && !free(wanted)) {
        throw new IllegalArgumentException("Cannot train: the gradient-sharing UDP port " + wanted + " is in use on"
            + " this host (another training?); set a free port or remove the setting to pick free ports ("
            + SharingConfig.UNICAST_PORT + "=" + wanted + ")");
      }
      return wanted;
    }
    int span = 1 + Math.max(EXECUTOR_PORTS, executors);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int base = anyFreePort();
      if (base >= SharingConfig.MIN_PORT && base + span - 1 <= SharingConfig.MAX_PORT && allFree(base, span)) {
        return base;
      }
    }
    throw new IllegalStateException("Cannot train: found no " + span + " consecutive free UDP ports in "
        + SharingConfig.MIN_PORT + ".." + SharingConfig.MAX_PORT + " after " + ATTEMPTS + " attempts; set "
        + SharingConfig.UNICAST_PORT + " to a free range (" + SharingConfig.UNICAST_PORT + "=auto)");
  }

  /** Records the port this JVM's parameter server is about to hold (see {@link #heldByThisJvm}). */
  static synchronized void held(int port) {
    heldByThisJvm = port;
  }

  /** Whether a UDP socket can bind the port on every address of this host now. */
  static boolean free(int port) {
    try (DatagramSocket socket = new DatagramSocket(null)) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (SocketException taken) {
      // The answer, not a failure: the port is bound by someone else.
      return false;
    }
  }

  private static boolean allFree(int base, int span) {
    for (int port = base; port < base + span; port++) {
      if (!free(port)) {
        return false;
      }
    }
    return true;
  }

  private static int anyFreePort() {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    } catch (SocketException e) {
      throw new IllegalStateException("Cannot train: no UDP port can be bound on this host for gradient sharing ("
          + SharingConfig.UNICAST_PORT + "=auto)", e);
    }
  }
}
