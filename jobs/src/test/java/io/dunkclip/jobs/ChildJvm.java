package io.dunkclip.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a real separate JVM the way scripts/dunkclip does: the test classpath, the Java 17 flags of
 * conf/java-options, conf/log4j2.properties and SPARK_LOCAL_IP=127.0.0.1.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** The project's conf/ directory (tests run in the jobs module's directory). */
  public static Path confDir() {
    return Path.of(System.getProperty("user.dir")).resolveSibling("conf");
  }

  /**
   * A process builder for {@code java [jvmOptions] <flags> -cp <test classpath> mainClass args}, its output (stdout
   * and stderr) going to {@code log}.
   */
  public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.addAll(jvmOptions);
    for (String line : Files.readAllLines(confDir().resolve("java-options"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        command.add(line.trim());
      }
    }
    command.add("-Dlog4j2.configurationFile=" + confDir().resolve("log4j2.properties"));
    command.add("-cp");
    // Surefire runs tests from a manifest-only jar; this property holds the real entries.
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder;
  }
}
