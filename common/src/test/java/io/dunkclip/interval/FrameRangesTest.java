package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FrameRangesTest {

  @Example
  void coalesceJoinsOverlappingAndTouchingRanges() {
    assertThat(FrameRanges.coalesce(List.of(
        FrameRange.of(10, 12), FrameRange.of(0, 3), FrameRange.of(4, 5), FrameRange.of(2, 2),
        FrameRange.of(11, 20), FrameRange.of(22, 22))))
        .containsExactly(FrameRange.of(0, 5), FrameRange.of(10, 20), FrameRange.of(22, 22));
  }

  @Example
  void coalesceOfNothingIsNothing() {
    assertThat(FrameRanges.coalesce(List.of())).isEmpty();
    assertThat(FrameRanges.unionLength(List.of())).isZero();
  }

  @Property(tries = 500)
  void coalesceKeepsExactlyTheSameFrames(@ForAll("rangeLists") List<FrameRange> ranges) {
    List<FrameRange> coalesced = FrameRanges.coalesce(ranges);
    for (long frame = 0; frame < 50; frame++) {
      long f = frame;
      boolean covered = ranges.stream().anyMatch(r -> r.contains(f));
      assertThat(coalesced.stream().filter(r -> r.contains(f)).count())
          .isEqualTo(covered ? 1 : 0);
    }
    for (int i = 1; i < coalesced.size(); i++) {
      // Sorted with at least one uncovered frame between neighbours.
      assertThat(coalesced.get(i).first()).isGreaterThan(coalesced.get(i - 1).last() + 1);
    }
  }

  @Property(tries = 500)
  void lengthsMatchCountingFrames(
      @ForAll("rangeLists") List<FrameRange> a, @ForAll("rangeLists") List<FrameRange> b) {
    long inA = 0;
    long inBoth = 0;
    for (long frame = 0; frame < 50; frame++) {
      long f = frame;
      boolean isA = a.stream().anyMatch(r -> r.contains(f));
      boolean isB = b.stream().anyMatch(r -> r.contains(f));
      inA += isA ? 1 : 0;
      inBoth += isA && isB ? 1 : 0;
    }
    assertThat(FrameRanges.unionLength(a)).isEqualTo(inA);
    assertThat(FrameRanges.intersectionLength(a, b)).isEqualTo(inBoth);
    assertThat(FrameRanges.intersectionLength(b, a)).isEqualTo(inBoth);
  }

  @Provide
  Arbitrary<List<FrameRange>> rangeLists() {
    Arbitrary<FrameRange> range = Combinators.combine(
        Arbitraries.longs().between(0, 35), Arbitraries.longs().between(1, 12))
        .as((first, length) -> FrameRange.of(first, first + length - 1));
    return range.list().ofMaxSize(8);
  }
}
