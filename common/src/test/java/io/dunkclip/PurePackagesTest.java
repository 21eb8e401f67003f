package io.dunkclip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure-logic packages must stay free of Spark, Hadoop, native video and deep-learning code, so
 * that they load anywhere and test in milliseconds. Reads the sources, relative to the module
 * directory (surefire's working directory).
 */
class PurePackagesTest {

  private static final Path SOURCES = Paths.get("src", "main", "java", "io", "dunkclip");

  /** Imports (plain or static) and fully qualified uses of the forbidden packages. */
  private static final Pattern FORBIDDEN = Pattern.compile(
      "\\b(org\\.apache\\.spark|org\\.bytedeco|org\\.deeplearning4j|org\\.nd4j"
          + "|org\\.apache\\.hadoop)\\b");

  @ParameterizedTest
  @ValueSource(strings = {"interval", "segment", "metrics", "format", "split", "training"})
  void packageUsesNoSparkHadoopVideoOrModelCode(String packageName) throws IOException {
    Path directory = SOURCES.resolve(packageName);
    assertThat(directory)
        .as("source folder of io.dunkclip.%s; tests must run from the common module directory",
            packageName)
        .isDirectory();

    List<Path> sources;
    try (Stream<Path> files = Files.walk(directory)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources).as("Java sources under %s", directory).isNotEmpty();

    List<String> offences = new ArrayList<>();
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = FORBIDDEN.matcher(lines.get(i));
        if (matcher.find()) {
          offences.add(source + ":" + (i + 1) + " uses " + matcher.group(1) + ": "
              + lines.get(i).trim());
        }
      }
    }
    assertThat(offences).as("uses of forbidden packages in io.dunkclip.%s", packageName)
        .isEmpty();
  }
}
