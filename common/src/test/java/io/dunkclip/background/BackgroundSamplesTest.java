package io.dunkclip.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackgroundSamplesTest {

  @Test
  void evenlySpacedFramesAreTheMiddlesOfEqualStretchesForEveryLengthAndCount() {
    for (long frames = 1; frames <= 80; frames++) {
      for (int count = 1; count <= 40; count++) {
        long[] picked = BackgroundSamples.evenly(frames, count);
        int n = (int) Math.min(frames, count);
        assertThat(picked).hasSize(n);
        for (int i = 0; i < n; i++) {
          // frame picked[i] lies in stretch i, [i * frames / n, (i + 1) * frames / n), rounded down
          assertThat(picked[i]).isGreaterThanOrEqualTo(i * frames / n);
          assertThat(picked[i] * n).isLessThan((i + 1) * frames);
          if (i > 0) {
            assertThat(picked[i]).isGreaterThan(picked[i - 1]);
          }
        }
      }
    }
  }

  @Test
  void manyKeyframesAreThinnedEvenlyToTheMaximumAndFewAreReplacedByEvenFrames() {
    long[] keyframes = LongStream.range(0, 100).map(i -> i * 30).toArray(); // 100 keyframes, one per 30 frames
    long[] picked = BackgroundSamples.frames(3000, keyframes);
    assertThat(picked).hasSize(BackgroundSamples.MAX_SAMPLES);
    assertThat(Arrays.stream(picked).allMatch(f -> f % 30 == 0)).as("only keyframes").isTrue();
    assertThat(picked[0]).isLessThan(300);
    assertThat(picked[picked.length - 1]).isGreaterThan(2700);

    long[] twelve = LongStream.range(0, 12).map(i -> i * 250).toArray();
    assertThat(BackgroundSamples.frames(3000, twelve)).containsExactly(twelve);

    long[] one = {0};
    assertThat(BackgroundSamples.frames(3000, one)).containsExactly(BackgroundSamples.evenly(3000,
        BackgroundSamples.MAX_SAMPLES));
    assertThat(BackgroundSamples.frames(5, new long[] {0})).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void theChoiceDependsOnTheTapeOnlyAndRefusesBrokenKeyframeLists() {
    long[] keyframes = LongStream.range(0, 40).map(i -> i * 15).toArray();
    assertThat(BackgroundSamples.frames(600, keyframes)).containsExactly(BackgroundSamples.frames(600, keyframes));
    assertThatThrownBy(() -> BackgroundSamples.frames(0, new long[0]))
        .hasMessageContaining("frameCount=0");
    assertThatThrownBy(() -> BackgroundSamples.frames(100, new long[] {0, 50, 40}))
        .hasMessageContaining("keyframe 2=40");
    assertThatThrownBy(() -> BackgroundSamples.frames(100, new long[] {0, 100}))
        .hasMessageContaining("keyframe 1=100");
  }
}
