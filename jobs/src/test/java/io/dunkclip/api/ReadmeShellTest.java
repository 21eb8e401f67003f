package io.dunkclip.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.ChildJvm;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's spark-shell session, exactly as written there, through the Spark REPL ({@code
 * org.apache.spark.repl.Main}, what spark-shell runs) in a child JVM. The README's paths are relative to
 * {@code dunkclip-work/} (where the quickstart leaves its tapes and model); the REPL runs in a temporary directory
 * holding a small {@code dunkclip-work/} with a generated {@code tapes/tape-01.mp4} and a quickly trained
 * {@code model/dunk.model}, so no path is substituted.
 */
class ReadmeShellTest {
  private static final Pattern SCALA_BLOCK = Pattern.compile("```scala\\n(.*?)```", Pattern.DOTALL);
  /** A thrown exception as the REPL prints it ("java.lang.IllegalArgumentException: ..."), not a log line. */
  private static final Pattern THROWN = Pattern.compile("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)\\b.*");

  @TempDir Path dir;

  @Test
  void theReadmeSparkShellSessionRunsInTheSparkRepl() throws Exception {
    String session = readmeSession();
    assertThat(session).contains("new io.dunkclip.api.Dunkclip(spark)");
    Path work = Files.createDirectories(dir.resolve("dunkclip-work"));
    SampleTapeGenerator.generate(new TapeSpec("tape-01.mp4", 8, 15, 160, 90, 0, 44),
        work.resolve("tapes/tape-01.mp4"));
    TinyModels.train(work.resolve("model/dunk.model"), 31, 4);
    Path script = dir.resolve("session.scala");
    Files.writeString(script, session + "\n:quit\n");
    Path log = dir.resolve("spark-shell.log");

    Process shell = ChildJvm.builder(List.of("-Dscala.usejavacp=true", "-Dspark.master=local[2]",
            "-Dspark.ui.enabled=false", "-Dspark.ui.showConsoleProgress=false"), "org.apache.spark.repl.Main",
            List.of(), log)
        .directory(dir.toFile()).redirectInput(script.toFile()).start();
    assertThat(shell.waitFor(8, TimeUnit.MINUTES)).as("the shell session ended").isTrue();
    String output = Files.readString(log);
    System.out.println(output);

    assertThat(shell.exitValue()).as(output).isZero();
    List<String> lines = output.lines().toList();
    assertThat(lines).as("compile errors").noneMatch(l -> l.contains("error:"));
    assertThat(lines).as("exceptions").noneMatch(l -> THROWN.matcher(l.trim()).matches());
    String tables = output.replace(" ", "");
    assertThat(tables).contains("|video|frame|timestamp|score|");
    assertThat(tables).contains("|video|clip|start_frame|end_frame|start_sec|end_sec|score|");
    assertThat(tables).contains("|file|frames|seconds|");
    assertThat(tables).contains("|tape-01-clip-001.mp4|");
    Path clip = work.resolve("chosen/tape-01-clip-001.mp4");
    assertThat(TapeProbe.probe(clip, "clip").frameCount()).isPositive();
    assertThat(Files.readAllLines(work.resolve("chosen/manifest.csv"))).hasSize(2);
    assertThat(Files.readAllLines(work.resolve("chosen/clips.csv"))).hasSize(2);
  }

  /** The one scala block of README.md. */
  static String readmeSession() throws Exception {
    String readme = Files.readString(ChildJvm.confDir().resolveSibling("README.md"));
    Matcher block = SCALA_BLOCK.matcher(readme);
    assertThat(block.find()).as("README.md has a ```scala block").isTrue();
    String session = block.group(1);
    assertThat(block.find()).as("README.md has one ```scala block").isFalse();
    return session;
  }
}
