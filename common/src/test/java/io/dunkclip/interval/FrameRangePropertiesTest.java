package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** FrameRange arithmetic against counting frames one by one. */
class FrameRangePropertiesTest {

  @Property(tries = 500)
  void intersectionAndIouMatchFrameCounting(
      @ForAll("ranges") FrameRange a, @ForAll("ranges") FrameRange b) {
    long shared = 0;
    long either = 0;
    for (long frame = 0; frame <= 40; frame++) {
      shared += a.contains(frame) && b.contains(frame) ? 1 : 0;
      either += a.contains(frame) || b.contains(frame) ? 1 : 0;
    }
    assertThat(a.intersectionLength(b)).isEqualTo(shared);
    assertThat(a.overlaps(b)).isEqualTo(shared > 0);
    assertThat(a.iou(b)).isEqualTo((double) shared / either);
    assertThat(a.iou(b)).isEqualTo(b.iou(a));
  }

  @Property(tries = 500)
  void compareToIsConsistentWithEquals(
      @ForAll("ranges") FrameRange a, @ForAll("ranges") FrameRange b) {
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
  }

  @Provide
  Arbitrary<FrameRange> ranges() {
    Arbitrary<Long> first = Arbitraries.longs().between(0, 30);
    Arbitrary<Long> length = Arbitraries.longs().between(1, 10);
    return Combinators.combine(first, length).as((f, n) -> FrameRange.of(f, f + n - 1));
  }
}
