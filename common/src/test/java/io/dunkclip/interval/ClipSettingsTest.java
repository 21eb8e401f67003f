package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one home of the clip settings' rules: ranges, hysteresis, and seconds turned into frames. */
class ClipSettingsTest {
  private static ClipSettings smoothing(double seconds) {
    return ClipSettings.DEFAULTS.withSmoothSeconds(seconds);
  }

  private static ClipSettings thresholds(Double enter, Double exit) {
    return ClipSettings.DEFAULTS.withThreshold(enter).withExitThreshold(exit);
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
  void rejectsANegativeOrHugeSmoothingWindow() {
    assertThatThrownBy(() -> smoothing(-0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot detect: the smoothing window must be 0 (off) to 10 seconds (smooth-seconds=-0.1)");
    assertThatThrownBy(() -> smoothing(Double.NaN)).hasMessageContaining("(smooth-seconds=NaN)");
    assertThatThrownBy(() -> smoothing(Double.POSITIVE_INFINITY)).hasMessageContaining("(smooth-seconds=Infinity)");
    assertThat(smoothing(ClipSettings.MAX_SMOOTH_SECONDS).smoothSeconds()).isEqualTo(10);
  }

  @Test
  void thresholdsGivenAreInZeroToOneWithTheExitNotAboveTheEnter() {
    assertThatThrownBy(() -> thresholds(0.0, null))
        .hasMessage("Cannot detect: the threshold must be in (0, 1] (threshold=0.0)");
    assertThatThrownBy(() -> thresholds(1.5, null)).hasMessageContaining("(threshold=1.5)");
    assertThatThrownBy(() -> thresholds(null, -0.1))
        .hasMessage("Cannot detect: the exit threshold must be in (0, 1] (exit-threshold=-0.1)");
    assertThatThrownBy(() -> thresholds(0.5, 0.9))
        .hasMessage("Cannot detect: the exit threshold must not be above the enter threshold 0.5 (exit-threshold=0.9)");
    assertThat(thresholds(0.9, 0.9).exitThreshold()).isEqualTo(0.9);
    assertThat(thresholds(1.0, null).threshold()).isEqualTo(1.0);
  }

  @Test
  void negativeDurationsAreRefusedNamingAllThree() {
    assertThatThrownBy(() -> ClipSettings.DEFAULTS.withPadSeconds(-1))
        .hasMessage("Cannot detect: durations must be 0 or more (min-seconds=0.5, max-gap-seconds=1.0,"
            + " pad-seconds=-1.0)");
    assertThatThrownBy(() -> ClipSettings.DEFAULTS.withMinSeconds(Double.NaN)).hasMessageContaining("min-seconds=NaN");
  }

  /**
   * Every combination of given and model thresholds on a grid, against the rule written out plainly: the enter
   * threshold is the one given, else the model's; the exit threshold is the one given (refused above the enter),
   * else the enter threshold when one was given, else the model's exit capped at the enter threshold.
   */
  @Test
  void theThresholdsUsedFollowThePrecedenceForEveryCombination() {
    Double[] given = {null, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
    double[] model = {0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
    int checked = 0;
    for (Double enter : given) {
      for (Double exit : given) {
        if (enter != null && exit != null && exit > enter) {
          continue;
        }
        ClipSettings settings = thresholds(enter, exit);
        for (double modelEnter : model) {
          for (double modelExit : model) {
            double expectedEnter = enter != null ? enter : modelEnter;
            assertThat(settings.enter(modelEnter)).isEqualTo(expectedEnter);
            if (exit != null && exit > expectedEnter) {
              assertThatThrownBy(() -> settings.exit(modelEnter, modelExit))
                  .hasMessageContaining("must not be above the enter threshold " + expectedEnter);
            } else {
              double expectedExit = exit != null ? exit : enter != null ? enter : Math.min(modelExit, modelEnter);
              assertThat(settings.exit(modelEnter, modelExit)).isEqualTo(expectedExit)
                  .isLessThanOrEqualTo(expectedEnter);
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo((7 * 7 - 15) * 36);
  }

  @Test
  void thePolicyTurnsSecondsIntoFramesAtTheTapesRate() {
    ClipSettings settings = new ClipSettings(0.9, 0.5, 0.5, 1.0, 0.2, 0.4);
    assertThat(settings.policy(0.9, 0.5, 15, 0, 0)).isEqualTo(new ClipPolicy(0.9, 0.5, 8, 15, 3, 3));
    assertThat(settings.policy(0.9, 0.5, 30, 0.1, 0.3)).isEqualTo(new ClipPolicy(0.9, 0.5, 15, 30, 9, 15));
    assertThat(settings.policy(0.9, 0.5, 0, 0, 0)).as("unknown rate: 30 fps")
        .isEqualTo(new ClipPolicy(0.9, 0.5, 15, 30, 6, 6));
    // A clip is at least one frame, however short the minimum.
    assertThat(settings.withMinSeconds(0).policy(0.9, 0.5, 15, 0, 0).minFrames()).isEqualTo(1);
  }
}
