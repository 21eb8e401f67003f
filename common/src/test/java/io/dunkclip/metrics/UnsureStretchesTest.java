package io.dunkclip.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class UnsureStretchesTest {
  @Example
  void stretchesNearestTheThresholdComeFirst() {
    float[] scores = {0.15f, 0.15f, 0.9f, 0.9f, 0.5f, 0.7f, 0.45f};
    List<UnsureStretches.Stretch> unsure = UnsureStretches.leastSure(scores, 0.5, 2, 10);
    assertThat(unsure).extracting(UnsureStretches.Stretch::frames).containsExactly(FrameRange.of(6, 6),
        FrameRange.of(4, 5), FrameRange.of(0, 1), FrameRange.of(2, 3));
    assertThat(unsure.get(1).meanScore()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(UnsureStretches.leastSure(scores, 0.5, 2, 1)).hasSize(1);
  }

  @Example
  void framesNotScoredAreLeftOut() {
    float[] scores = {Float.NaN, Float.NaN, Float.NaN, 0.2f};
    assertThat(UnsureStretches.leastSure(scores, 0.5, 2, 5)).containsExactly(
        new UnsureStretches.Stretch(FrameRange.of(2, 3), 0.2f));
  }

  /** Against the plain rule: every stretch's mean, all sorted by distance then start, the first {@code limit}. */
  @Property(tries = 500)
  void matchesSortingEveryStretch(@ForAll @Size(max = 40) List<@FloatRange(min = 0, max = 1) Float> values,
      @ForAll @IntRange(min = 1, max = 7) int window, @ForAll @IntRange(min = 0, max = 9) int limit,
      @ForAll @FloatRange(min = 0, max = 1) float threshold) {
    float[] scores = new float[values.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = values.get(i);
    }
    List<double[]> naive = new ArrayList<>();
    for (int first = 0; first < scores.length; first += window) {
      double sum = 0;
      int last = Math.min(first + window, scores.length) - 1;
      for (int f = first; f <= last; f++) {
        sum += scores[f];
      }
      naive.add(new double[] {first, last, sum / (last - first + 1)});
    }
    naive.sort((a, b) -> Math.abs(a[2] - threshold) != Math.abs(b[2] - threshold)
        ? Double.compare(Math.abs(a[2] - threshold), Math.abs(b[2] - threshold)) : Double.compare(a[0], b[0]));
    List<UnsureStretches.Stretch> got = UnsureStretches.leastSure(scores, threshold, window, limit);
    assertThat(got).hasSize(Math.min(limit, naive.size()));
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).frames()).isEqualTo(FrameRange.of((long) naive.get(i)[0], (long) naive.get(i)[1]));
    }
  }
}
