package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClipPolicyTest {

  @Test
  void thresholdIsTheSingleThresholdBehaviour() {
    assertThat(ClipPolicy.threshold(0.7)).isEqualTo(new ClipPolicy(0.7, 0.7, 1, 0, 0, 0));
  }

  @Test
  void acceptsTheExtremes() {
    assertThat(new ClipPolicy(1.0, 0.0, 1, 0, 0, 0).exitThreshold()).isZero();
    assertThat(new ClipPolicy(0.0, 0.0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE).minFrames()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void rejectsAnEnterThresholdAboveOne() {
    assertThatThrownBy(() -> new ClipPolicy(1.2, 0.5, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip policy: thresholds must be in [0, 1] (enter-threshold=1.2)");
  }

  @Test
  void rejectsANegativeOrNaNExitThreshold() {
    assertThatThrownBy(() -> new ClipPolicy(0.5, -0.1, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip policy: thresholds must be in [0, 1] (exit-threshold=-0.1)");
    assertThatThrownBy(() -> new ClipPolicy(0.5, Double.NaN, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(exit-threshold=NaN)");
  }

  @Test
  void rejectsAnExitThresholdAboveTheEnterThreshold() {
    assertThatThrownBy(() -> new ClipPolicy(0.5, 0.6, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip policy: the exit threshold must not be above the enter"
            + " threshold 0.5 (exit-threshold=0.6)");
  }

  @Test
  void rejectsAMinimumBelowOneFrame() {
    assertThatThrownBy(() -> new ClipPolicy(0.5, 0.5, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip policy: a clip must be at least 1 frame long"
            + " (min-frames=0)");
  }

  @Test
  void rejectsNegativeGapsAndPads() {
    assertThatThrownBy(() -> new ClipPolicy(0.5, 0.5, 1, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create clip policy: frame counts must be 0 or more"
            + " (max-gap-frames=-1)");
    assertThatThrownBy(() -> new ClipPolicy(0.5, 0.5, 1, 0, -2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(pad-before-frames=-2)");
    assertThatThrownBy(() -> new ClipPolicy(0.5, 0.5, 1, 0, 0, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(pad-after-frames=-3)");
  }
}
