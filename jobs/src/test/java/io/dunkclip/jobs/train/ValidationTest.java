package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.dunkclip.model.TapeBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationTest {
  @Test
  void eachTapesScoresMoveToTheMeanEmptyLevelOfTheReliableValidationTapes() {
    List<Validation.ScoredFrame> raw = new ArrayList<>();
    raw.add(new Validation.ScoredFrame("a.mp4", 0, 0, 0.1f, 0.1f));
    raw.add(new Validation.ScoredFrame("a.mp4", 1, 1, 0.8f, 0.1f));
    raw.add(new Validation.ScoredFrame("b.mp4", 0, 0, 0.4f, 0.4f));
    raw.add(new Validation.ScoredFrame("b.mp4", 1, 1, 0.9f, 0.4f));
    raw.add(new Validation.ScoredFrame("busy.mp4", 0, 1, 0.7f, 0.95f));

    Validation.Relative relative = Validation.relative(raw, Set.of("busy.mp4"));

    double reference = (TapeBaseline.logit(0.1) + TapeBaseline.logit(0.4)) / 2;
    assertThat(relative.baselineLogit()).isCloseTo(reference, offset(1e-6));
    List<Validation.ScoredFrame> frames = relative.frames();
    assertThat(frames.get(0).score()).as("a's empty court at the common level")
        .isCloseTo((float) TapeBaseline.sigmoid(reference), offset(1e-5f));
    assertThat(frames.get(2).score()).as("b's empty court at the common level")
        .isCloseTo((float) TapeBaseline.sigmoid(reference), offset(1e-5f));
    assertThat(frames.get(1).score()).isGreaterThan(0.8f);
    assertThat(frames.get(3).score()).isLessThan(0.9f);
    assertThat(frames.get(4).score()).as("an unreliable background leaves its tape raw").isEqualTo(0.7f);
  }

  @Test
  void aFrameOnlyModelOrNoReliableBackgroundKeepsRawScoresAndNoReference() {
    List<Validation.ScoredFrame> frameOnly = List.of(new Validation.ScoredFrame("a.mp4", 0, 0, 0.3f, Float.NaN));
    assertThat(Validation.relative(frameOnly, Set.of()).baselineLogit()).isNull();
    assertThat(Validation.relative(frameOnly, Set.of()).frames()).isEqualTo(frameOnly);
    List<Validation.ScoredFrame> busy = List.of(new Validation.ScoredFrame("a.mp4", 0, 0, 0.3f, 0.9f));
    assertThat(Validation.relative(busy, Set.of("a.mp4")).baselineLogit()).isNull();
    assertThat(Validation.relative(busy, Set.of("a.mp4")).frames().get(0).score()).isEqualTo(0.3f);
  }
}
