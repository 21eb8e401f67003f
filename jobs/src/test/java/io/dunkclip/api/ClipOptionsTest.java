package io.dunkclip.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.ClipSettings;
import org.junit.jupiter.api.Test;

class ClipOptionsTest {
  @Test
  void aThresholdAloneTakesDetectsOtherDefaults() {
    ClipOptions options = ClipOptions.threshold(0.7);

    assertThat(options.settings()).isEqualTo(new ClipSettings(0.7, 0.7, 0.5, 1.0, 0.0, 0.4));
    assertThat(options.threshold()).isEqualTo(0.7);
    assertThat(options.exitThreshold()).isEqualTo(0.7);
    assertThat(options.minSeconds()).isEqualTo(0.5);
    assertThat(options.maxGapSeconds()).isEqualTo(1.0);
    assertThat(options.padSeconds()).isEqualTo(0.0);
    assertThat(options.smoothSeconds()).isEqualTo(0.4);
  }

  @Test
  void eachWithChangesOneSettingAndKeepsTheRest() {
    ClipOptions options = ClipOptions.threshold(0.8).withExitThreshold(0.6).withMinSeconds(2).withMaxGapSeconds(3)
        .withPadSeconds(0.25).withSmoothSeconds(0);

    assertThat(options).isEqualTo(new ClipOptions(0.8, 0.6, 2, 3, 0.25, 0));
    assertThat(options.settings()).isEqualTo(new ClipSettings(0.8, 0.6, 2.0, 3.0, 0.25, 0.0));
    assertThat(options.hashCode()).isEqualTo(new ClipOptions(0.8, 0.6, 2, 3, 0.25, 0).hashCode());
    assertThat(options).isNotEqualTo(options.withPadSeconds(0.5));
    assertThat(options.toString()).isEqualTo("ClipOptions[threshold=0.8, exitThreshold=0.6, minSeconds=2.0,"
        + " maxGapSeconds=3.0, padSeconds=0.25, smoothSeconds=0.0]");
  }

  @Test
  void refusesWhatDetectRefusesWithDetectsMessages() {
    assertThatThrownBy(() -> ClipOptions.threshold(0.5).withExitThreshold(0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot detect: the exit threshold must not be above the enter threshold 0.5 (exit-threshold=0.6)");
    assertThatThrownBy(() -> ClipOptions.threshold(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot detect: the threshold must be in (0, 1] (threshold=1.5)");
    assertThatThrownBy(() -> new ClipOptions(0.9, 0.9, -1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("durations must be 0 or more (min-seconds=-1.0");
    assertThatThrownBy(() -> ClipOptions.threshold(0.9).withSmoothSeconds(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot detect: the smoothing window must be 0 (off) to 10 seconds (smooth-seconds=11.0)");
  }
}
