package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectConfigTest {
  private static DetectConfig smoothing(double seconds) {
    return DetectConfig.defaults("tapes", "m", "out").withSmoothSeconds(seconds);
  }

  @Test
  void theSmoothingHalfWindowIsHalfTheWindowInFramesRounded() {
    assertThat(smoothing(0.4).smoothHalfWindow(15)).isEqualTo(3);
    assertThat(smoothing(0.4).smoothHalfWindow(30)).isEqualTo(6);
    assertThat(smoothing(0.4).smoothHalfWindow(24)).isEqualTo(5);
    assertThat(smoothing(0.4).smoothHalfWindow(59.94)).isEqualTo(12);
    assertThat(smoothing(0.05).smoothHalfWindow(15)).isZero();
    assertThat(smoothing(0).smoothHalfWindow(240)).isZero();
    assertThat(smoothing(0.4).smoothHalfWindow(0)).as("unknown rate: 30 fps").isEqualTo(6);
  }

  @Test
  void smoothingIsOnByDefaultAndKeptByEveryOtherOption() {
    DetectConfig defaults = DetectConfig.defaults("tapes", "m", "out");
    assertThat(defaults.smoothSeconds()).isEqualTo(DetectConfig.SMOOTH_SECONDS_DEFAULT).isEqualTo(0.4);
    assertThat(new DetectConfig("tapes", "m", "out", null, null, 0.5, 1, 0, 300, 64, false, null, null)
        .smoothSeconds()).isEqualTo(DetectConfig.SMOOTH_SECONDS_DEFAULT);
    DetectConfig off = defaults.withSmoothSeconds(0);
    assertThat(off.withFast(true).withSegmentation(37, 16).withOutput("o2").withThreshold(0.9).withLabels("l.csv")
        .withFrames("frames").smoothSeconds()).isZero();
  }

  @Test
  void rejectsANegativeOrHugeSmoothingWindow() {
    assertThatThrownBy(() -> smoothing(-0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot detect: the smoothing window must be 0 (off) to 10 seconds (smooth-seconds=-0.1)");
    assertThatThrownBy(() -> smoothing(Double.NaN)).hasMessageContaining("(smooth-seconds=NaN)");
    assertThatThrownBy(() -> smoothing(Double.POSITIVE_INFINITY)).hasMessageContaining("(smooth-seconds=Infinity)");
    assertThat(smoothing(DetectConfig.MAX_SMOOTH_SECONDS).smoothSeconds()).isEqualTo(10);
  }
}
