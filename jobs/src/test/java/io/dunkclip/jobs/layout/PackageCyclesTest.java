package io.dunkclip.jobs.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * No package of common/ or jobs/ uses a package that uses it back, directly or around a longer circle: each package
 * can be read, tested and changed knowing only those below it.
 */
class PackageCyclesTest {
  private static final Path COMMON = Path.of("..", "common", "src", "main", "java").toAbsolutePath().normalize();
  private static final Path JOBS = Path.of("src", "main", "java").toAbsolutePath().normalize();

  @Test
  void thePackagesOfCommonAndJobsAreFreeOfCycles() {
    PackageGraph graph = PackageGraph.of(COMMON, JOBS);
    assertThat(graph.packages()).as("the sources were found").contains("io.dunkclip.interval",
        "io.dunkclip.jobs.detect", "io.dunkclip.jobs.report", "io.dunkclip.api").hasSizeGreaterThan(20);
    assertThat(graph.cycles()).as("package cycles").isEmpty();
  }

  @Test
  void theSparkPackageIsPlumbingThatKnowsNoTapesAndNoJob() {
    PackageGraph graph = PackageGraph.of(COMMON, JOBS);
    assertThat(graph.used("io.dunkclip.jobs.spark")).as("packages jobs.spark uses").isNotEmpty()
        .noneMatch(pkg -> pkg.startsWith("io.dunkclip.jobs.") || pkg.startsWith("io.dunkclip.video"));
    assertThat(graph.used("io.dunkclip.jobs.tapes")).as("the tapes travel to executors with Spark's plumbing")
        .contains("io.dunkclip.jobs.spark", "io.dunkclip.video");
  }

  @Test
  void findsACircleThroughImportsOrQualifiedNamesInCodeButNotInCommentsOrStrings() {
    PackageGraph graph = new PackageGraph();
    graph.add(Path.of("a/A.java"), "package io.dunkclip.a;\nimport io.dunkclip.b.B;\nclass A {}\n");
    graph.add(Path.of("b/B.java"), "package io.dunkclip.b;\nclass B { Object c = new io.dunkclip.c.C(); }\n");
    graph.add(Path.of("c/C.java"), "package io.dunkclip.c;\n/** {@link io.dunkclip.d.D} */\nclass C {"
        + " String s = \"io.dunkclip.d.D\"; // io.dunkclip.d.D\n}\n");
    graph.add(Path.of("d/D.java"), "package io.dunkclip.d;\nimport io.dunkclip.c.C;\nclass D {}\n");
    assertThat(graph.cycles()).as("d uses c, but c mentions d only in a comment and a string").isEmpty();

    graph.add(Path.of("c/Back.java"), "package io.dunkclip.c;\nclass Back { io.dunkclip.a.A a; }\n");
    assertThat(graph.cycles()).singleElement().asString()
        .startsWith("io.dunkclip.a <-> io.dunkclip.b <-> io.dunkclip.c")
        .contains("io.dunkclip.c -> io.dunkclip.a in [c/Back.java]")
        .doesNotContain("io.dunkclip.d");
  }
}
