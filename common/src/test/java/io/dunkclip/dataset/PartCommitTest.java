package io.dunkclip.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.dataset.PartCommit.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The commit of one part against a model of its three copies: from every state a crash can leave, the remaining
 * steps end with the new copy live and nothing else, and the live name never holds a mix.
 */
class PartCommitTest {
  /** What is where: each copy is absent (null), the old rows or the new rows. */
  private record Copies(String staged, String live, String aside) {
    Copies apply(Step step) {
      return switch (step) {
        case MOVE_ASIDE -> {
          assertThat(aside).as("aside is free before moving there").isNull();
          yield new Copies(staged, null, live);
        }
        case MOVE_IN -> {
          assertThat(live).as("the live name is free before moving in").isNull();
          yield new Copies(null, staged, aside);
        }
        case DELETE_ASIDE -> new Copies(staged, live, null);
      };
    }

    List<Step> remaining() {
      return PartCommit.remaining("video=a.mp4", staged != null, live != null, aside != null);
    }
  }

  @Test
  void aReplacedPartIsFinishedFromEveryCrashPointWithTheNewCopyLiveAndNothingLeft() {
    for (Copies start : List.of(new Copies("new", "old", null), new Copies("new", null, null))) {
      List<Step> steps = start.remaining();
      for (int crash = 0; crash <= steps.size(); crash++) {
        Copies state = start;
        for (Step step : steps.subList(0, crash)) {
          state = state.apply(step);
          assertThat(state.live()).as("the live name holds one copy or none").isIn(null, "old", "new");
        }
        for (Step step : state.remaining()) {
          state = state.apply(step);
        }
        assertThat(state).as("after a crash at step %d from %s", crash, start).isEqualTo(new Copies(null, "new", null));
        assertThat(state.remaining()).isEmpty();
      }
    }
  }

  @Test
  void stepsOfAFreshReplacementAndOfANewPart() {
    assertThat(new Copies("new", "old", null).remaining())
        .containsExactly(Step.MOVE_ASIDE, Step.MOVE_IN, Step.DELETE_ASIDE);
    assertThat(new Copies("new", null, null).remaining()).containsExactly(Step.MOVE_IN);
  }

  @Test
  void statesNoStepLeavesAreRefusedRatherThanGuessed() {
    for (Copies impossible : List.of(new Copies("new", "x", "old"), new Copies(null, null, "old"),
        new Copies(null, null, null))) {
      assertThatThrownBy(impossible::remaining).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot finish the update of part video=a.mp4")
          .hasMessageContaining("delete the update journal");
    }
    assertThat(PartCommit.asideName("video=a.mp4")).isEqualTo(".video=a.mp4.replaced");
  }
}
