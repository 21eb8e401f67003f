package io.dunkclip.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyframeWindowsTest {
  @Test
  void theLongestIntervalRunsFromAKeyframeToTheNextOrToTheTapesEnd() {
    assertThat(KeyframeWindows.longestInterval(100, new long[] {0})).isEqualTo(100);
    assertThat(KeyframeWindows.longestInterval(100, new long[] {0, 10, 20, 70})).isEqualTo(50);
    // frames before the first keyframe are decoded in full: they do not count
    assertThat(KeyframeWindows.longestInterval(100, new long[] {60, 90})).isEqualTo(30);
    assertThat(KeyframeWindows.longestInterval(100, new long[0])).isZero();
    assertThatThrownBy(() -> KeyframeWindows.longestInterval(100, new long[] {10, 10}))
        .hasMessageContaining("(keyframe[0]=10)");
  }
}
