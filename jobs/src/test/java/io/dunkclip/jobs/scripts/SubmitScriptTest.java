package io.dunkclip.jobs.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/submit takes {@code --master} and {@code --conf} before the command (spark-submit's order) or after it. A
 * Spark distribution whose {@code bin/spark-submit} writes down its arguments stands in for Spark: what it receives is
 * what a real spark-submit would (its own options, then the jar, then the command line the driver parses).
 */
class SubmitScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "submit").toAbsolutePath().normalize();

  @TempDir Path dir;

  record Run(int exitCode, List<String> sparkSubmitArgs, String err) {}

  private Run submit(String... args) throws IOException, InterruptedException {
    Path sparkHome = dir.resolve("spark");
    Path fake = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
    Path argsFile = dir.resolve("args.txt");
    Files.deleteIfExists(argsFile);
    Files.writeString(fake, "#!" + bash() + "\nprintf '%s\\n' \"$@\" >'" + argsFile + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.writeString(dir.resolve("app.jar"), "not a jar: spark-submit is a fake");

    List<String> command = new ArrayList<>(List.of(bash(), SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("DUNKCLIP_JAR", jar.toString());
    builder.environment().put("DUNKCLIP_NO_BUILD", "1");
    builder.environment().put("DUNKCLIP_CLUSTER_DIR", dir.resolve("no-cluster").toString());
    builder.environment().remove("DUNKCLIP_CLUSTER_AUTH");
    builder.environment().remove("DUNKCLIP_SUBMIT_OPTS");
    Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> received = Files.exists(argsFile) ? Files.readAllLines(argsFile) : List.of();
    return new Run(process.exitValue(), received, err);
  }

  private static String bash() {
    return Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";
  }

  /** What follows the jar: the command line DunkclipCli parses. */
  private List<String> application(Run run) {
    int jar = run.sparkSubmitArgs().indexOf(dir.resolve("app.jar").toString());
    assertThat(jar).as(run.sparkSubmitArgs().toString()).isNotNegative();
    return run.sparkSubmitArgs().subList(jar + 1, run.sparkSubmitArgs().size());
  }

  private List<String> sparkSubmitOptions(Run run) {
    int jar = run.sparkSubmitArgs().indexOf(dir.resolve("app.jar").toString());
    return run.sparkSubmitArgs().subList(0, jar);
  }

  @Test
  void masterAndConfBeforeTheCommandWorkAsAfterIt() throws Exception {
    Run after = submit("detect", "--master", "local[2]", "--conf", "spark.executor.memory=3g", "--input", "tapes",
        "--model", "m", "--output", "out");
    Run before = submit("--master", "local[2]", "--conf", "spark.executor.memory=3g", "detect", "--input", "tapes",
        "--model", "m", "--output", "out");

    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(application(after)).containsExactly("detect", "--master", "local[2]", "--conf",
        "spark.executor.memory=3g", "--input", "tapes", "--model", "m", "--output", "out");
    // The command comes first, its options behind it, whatever order they were given in.
    assertThat(application(before)).startsWith("detect").contains("--input", "tapes", "--model", "m", "--output",
        "out");
    assertThat(String.join(" ", application(before))).contains("--master local[2]")
        .contains("--conf spark.executor.memory=3g");
    for (Run run : List.of(before, after)) {
      assertThat(String.join(" ", sparkSubmitOptions(run))).contains("--master local[2]")
          .contains("--conf spark.executor.memory=3g").contains("--class io.dunkclip.jobs.cli.DunkclipCli");
    }
  }

  @Test
  void theEqualsFormBeforeTheCommandWorksToo() throws Exception {
    Run run = submit("--master=local[2]", "extract", "--input", "tapes", "--output", "frames");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(application(run)).containsExactly("extract", "--master=local[2]", "--input", "tapes", "--output",
        "frames");
    assertThat(String.join(" ", sparkSubmitOptions(run))).contains("--master local[2]");
  }

  @Test
  void anotherOptionBeforeTheCommandIsAUsageErrorNamingIt() throws Exception {
    Run run = submit("--deploy-mode", "cluster", "detect", "--input", "tapes");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.sparkSubmitArgs()).isEmpty();
    assertThat(run.err()).contains("(option=--deploy-mode)").contains("DUNKCLIP_SUBMIT_OPTS");

    Run noCommand = submit("--master", "local[2]");
    assertThat(noCommand.exitCode()).isEqualTo(2);
    assertThat(noCommand.err()).contains("no command");
  }
}
