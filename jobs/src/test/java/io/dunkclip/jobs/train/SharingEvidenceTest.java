package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check the two-executor cluster test applies, shown to fail on the runs it must tell apart from sharing. */
class SharingEvidenceTest {
  private static final Set<String> TWO = Set.of("0", "1");

  @Test
  void twoWorkersThatEachFittedTheirShareShowSharing() {
    assertThat(SharingEvidence.problems(Map.of("0", 5L, "1", 7L), 12, 0.4, TWO)).isEmpty();
  }

  @Test
  void aOneWorkerRunFailsEvenThoughItFittedEveryMinibatchAndMovedTheParameters() {
    // What local mode reports (one worker, on the driver), and a cluster run in which executor 1 never trained.
    assertThat(SharingEvidence.problems(Map.of("driver", 12L), 12, 0.4, TWO)).containsExactly(
        "worker 0 fitted no minibatch (fitted={driver=12})", "worker 1 fitted no minibatch (fitted={driver=12})",
        "minibatches fitted by [driver], not one of the workers [0, 1]");
    assertThat(SharingEvidence.problems(Map.of("0", 12L), 12, 0.4, TWO))
        .containsExactly("worker 1 fitted no minibatch (fitted={0=12})");
    assertThat(SharingEvidence.problems(Map.of("0", 12L, "1", 0L), 12, 0.4, TWO)).singleElement().asString()
        .startsWith("worker 1 fitted no minibatch");
  }

  @Test
  void aMeshThatNeverFormedOrAMinibatchFittedTwiceOrNeverFails() {
    assertThat(SharingEvidence.problems(Map.of("0", 6L, "1", 6L), 12, 0.0, TWO))
        .containsExactly("the parameters moved by 0.0, not more than 0.001");
    assertThat(SharingEvidence.problems(Map.of("0", 6L, "1", 7L), 12, 0.4, TWO))
        .containsExactly("the workers fitted 13 minibatches, not the 12 exported");
    assertThat(SharingEvidence.problems(Map.of("0", 6L, "1", 5L), 12, 0.4, TWO))
        .containsExactly("the workers fitted 11 minibatches, not the 12 exported");
  }
}
