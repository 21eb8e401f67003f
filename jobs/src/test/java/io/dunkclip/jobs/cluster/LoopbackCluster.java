package io.dunkclip.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The loopback standalone cluster of {@code scripts/local-cluster}, started and stopped through that script, and
 * {@code scripts/submit} runs against it: the test drives exactly what a user types. Every process it starts is
 * tracked so {@link #close()} can end it (and its children) even when the script's own stop fails.
 */
final class LoopbackCluster implements AutoCloseable {
  private final Path home;
  private final Path stateDir;
  private final Path logs;
  private final Map<String, String> env;
  private final List<Process> started = new ArrayList<>();
  private String masterUrl;

  /**
   * @param home the project directory (scripts/, conf/, cluster/target/spark-home)
   * @param stateDir pid files, daemon logs, worker and executor directories
   * @param env extra environment for the scripts
   */
  LoopbackCluster(Path home, Path stateDir, Map<String, String> env) throws IOException {
    this.home = home;
    this.stateDir = stateDir;
    this.logs = Files.createDirectories(stateDir.resolveSibling(stateDir.getFileName() + "-script-logs"));
    this.env = env;
  }

  /** Starts a master and {@code workers} workers; returns the master URL the script printed. */
  String start(int workers, int port, int webUiPort) throws Exception {
    Result result = run("local-cluster", home, Duration.ofMinutes(4), List.of("start", "--dir", stateDir.toString(),
        "--workers", String.valueOf(workers), "--worker-cores", "1", "--worker-memory", "2g",
        "--port", String.valueOf(port), "--webui-port", String.valueOf(webUiPort)));
    assertThat(result.exitCode()).as("scripts/local-cluster start failed:%n%s", result.tail()).isZero();
    List<String> lines = result.stdout().lines().toList();
    masterUrl = lines.get(lines.size() - 1).trim();
    assertThat(masterUrl).isEqualTo("spark://127.0.0.1:" + port);
    return masterUrl;
  }

  /** {@code scripts/submit <args>} with the driver's working directory {@code driverDir}. */
  Result submit(Path driverDir, Duration timeout, List<String> args) throws Exception {
    return run("submit", driverDir, timeout, args, Map.of());
  }

  /** As {@link #submit(Path, Duration, List)} with {@code extraEnv} on top of the cluster's environment. */
  Result submit(Path driverDir, Duration timeout, List<String> args, Map<String, String> extraEnv) throws Exception {
    return run("submit", driverDir, timeout, args, extraEnv);
  }

  /** The state directory: pid files, logs, the cluster's secret ({@code auth.conf}). */
  Path stateDir() {
    return stateDir;
  }

  private Result run(String script, Path dir, Duration timeout, List<String> args) throws Exception {
    return run(script, dir, timeout, args, Map.of());
  }

  private Result run(String script, Path dir, Duration timeout, List<String> args, Map<String, String> extraEnv)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("scripts").resolve(script).toString()));
    command.addAll(args);
    String name = script + "-" + started.size();
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("SPARK_HOME"); // the project's own SPARK_HOME, never a distribution on the box
    builder.environment().remove("DUNKCLIP_CLUSTER_AUTH");
    // scripts/submit finds the secret of this cluster in its state directory.
    builder.environment().put("DUNKCLIP_CLUSTER_DIR", stateDir.toString());
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    started.add(process);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      kill(process.toHandle());
      throw new AssertionError("scripts/" + script + " " + args + " did not finish in " + timeout + ":\n"
          + tail(err, 60));
    }
    return new Result(process.exitValue(), Files.readString(out), tail(err, 80), Files.readString(err));
  }

  /** Stops the cluster with the script, then ends anything of ours that is still alive. */
  @Override
  public void close() {
    try {
      if (Files.isDirectory(stateDir)) {
        run("local-cluster", home, Duration.ofMinutes(1), List.of("stop", "--dir", stateDir.toString()));
      }
    } catch (Exception | AssertionError e) {
      System.err.println("scripts/local-cluster stop failed, killing the cluster's JVMs by pid: " + e);
    } finally {
      for (Path pidFile : pidFiles()) {
        try {
          long pid = Long.parseLong(Files.readString(pidFile).trim());
          ProcessHandle.of(pid).ifPresent(LoopbackCluster::kill);
        } catch (IOException | NumberFormatException e) {
          System.err.println("Cannot read " + pidFile + ": " + e);
        }
      }
      started.forEach(process -> kill(process.toHandle()));
    }
  }

  private List<Path> pidFiles() {
    if (!Files.isDirectory(stateDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(stateDir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".pid")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends a process and every descendant (a worker's executors, a submit's driver JVM). */
  private static void kill(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process);
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  static String tail(Path file, int lines) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** A finished script: its exit code, standard output, the end of its standard error, and all of it. */
  record Result(int exitCode, String stdout, String tail, String stderr) {}
}
