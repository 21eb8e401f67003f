package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRangeTest {

  @Test
  void singleFrameRangeHasLengthOne() {
    FrameRange range = FrameRange.of(3, 3);
    assertThat(range.length()).isEqualTo(1);
    assertThat(range.contains(3)).isTrue();
    assertThat(range.contains(2)).isFalse();
    assertThat(range.contains(4)).isFalse();
  }

  @Test
  void bothEndsAreInclusive() {
    FrameRange range = FrameRange.of(0, 9);
    assertThat(range.length()).isEqualTo(10);
    assertThat(range.contains(0)).isTrue();
    assertThat(range.contains(9)).isTrue();
    assertThat(range.contains(10)).isFalse();
  }

  @Test
  void rejectsNegativeFirstFrame() {
    assertThatThrownBy(() -> FrameRange.of(-1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create frame range: first frame must be 0 or more (first=-1)");
  }

  @Test
  void rejectsLastBeforeFirst() {
    assertThatThrownBy(() -> FrameRange.of(5, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create frame range: last frame must not be before first frame 5,"
            + " ranges are inclusive (last=4)");
  }

  @Test
  void touchingRangesDoNotOverlap() {
    assertThat(FrameRange.of(0, 4).overlaps(FrameRange.of(5, 9))).isFalse();
    assertThat(FrameRange.of(0, 4).intersectionLength(FrameRange.of(5, 9))).isZero();
    assertThat(FrameRange.of(0, 4).iou(FrameRange.of(5, 9))).isZero();
  }

  @Test
  void sharingOneFrameOverlaps() {
    assertThat(FrameRange.of(0, 5).overlaps(FrameRange.of(5, 9))).isTrue();
    assertThat(FrameRange.of(5, 9).overlaps(FrameRange.of(0, 5))).isTrue();
    assertThat(FrameRange.of(0, 5).intersectionLength(FrameRange.of(5, 9))).isEqualTo(1);
  }

  @Test
  void iouCountsFrames() {
    // [0,9] and [5,14]: 5 shared frames out of 15.
    assertThat(FrameRange.of(0, 9).iou(FrameRange.of(5, 14))).isEqualTo(5.0 / 15.0);
    assertThat(FrameRange.of(2, 7).iou(FrameRange.of(2, 7))).isEqualTo(1.0);
    // Containment: [0,9] holds [0,4], 5 of 10 frames.
    assertThat(FrameRange.of(0, 9).iou(FrameRange.of(0, 4))).isEqualTo(0.5);
  }

  @Test
  void ordersByFirstThenLast() {
    List<FrameRange> ranges = new ArrayList<>(List.of(
        FrameRange.of(5, 6), FrameRange.of(0, 9), FrameRange.of(0, 3), FrameRange.of(5, 5)));
    Collections.sort(ranges);
    assertThat(ranges).containsExactly(
        FrameRange.of(0, 3), FrameRange.of(0, 9), FrameRange.of(5, 5), FrameRange.of(5, 6));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(FrameRange.of(4, 8));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(FrameRange.of(4, 8));
    }
  }
}
