package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

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

    // Known answers: the empty levels 0.1 and 0.4 are odds 1/9 and 2/3; their mean logit is the logit of the
    // geometric mean odds sqrt(2/27), probability 0.213939. Each tape moves by its own odds ratio to that level: a's
    // 0.8 (odds 4) becomes odds 4 * 9 * sqrt(2/27) (p 0.907390), b's 0.9 (odds 9) odds 9 * 1.5 * sqrt(2/27)
    // (p 0.786061).
    assertThat(relative.baselineLogit()).isCloseTo(-1.3013448427, offset(1e-6));
    List<Validation.ScoredFrame> frames = relative.frames();
    assertThat(frames.get(0).score()).as("a's empty court at the common level").isCloseTo(0.2139388f, offset(1e-5f));
    assertThat(frames.get(2).score()).as("b's empty court at the common level").isCloseTo(0.2139388f, offset(1e-5f));
    assertThat(frames.get(1).score()).as("a's player frame, moved by a's ratio").isCloseTo(0.9073899f, offset(1e-5f));
    assertThat(frames.get(3).score()).as("b's player frame, moved by b's ratio").isCloseTo(0.7860612f, offset(1e-5f));
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
