package io.dunkclip.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  private static final int W = 8;
  private static final int H = 6;

  @Test
  void medianMatchesSortingEveryByteForRandomSampleSets() {
    Random random = new Random(3);
    for (int n = 1; n <= 12; n++) {
      List<byte[]> samples = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] s = new byte[W * H * 3];
        random.nextBytes(s);
        samples.add(s);
      }
      byte[] median = Background.median(samples, W * H * 3);
      for (int p = 0; p < W * H * 3; p++) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
          values[i] = samples.get(i)[p] & 0xff;
        }
        Arrays.sort(values);
        assertThat(median[p] & 0xff).as("byte %d of %d samples", p, n).isEqualTo(values[(n - 1) / 2]);
      }
    }
  }

  @Test
  void aPlayerInFewerThanHalfTheSamplesLeavesTheEmptyCourtAndMakesThoseSamplesBusy() {
    byte[] court = flat(90, 120, 60);
    List<byte[]> samples = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      samples.add(i < 4 ? withPlayer(court, i) : court.clone());
    }
    Background background = Background.estimate(samples, frames(9), W, H);
    assertThat(background.rgb()).containsExactly(court);
    assertThat(background.busy()).isEqualTo(4 / 9.0);
    assertThat(background.unreliable()).isFalse();
    assertThat(background.describe()).contains("9 sampled frame(s), 44% of them busy").doesNotContain("unreliable");
  }

  @Test
  void aPlayerStandingInMostSamplesIsReportedAsUnreliable() {
    byte[] court = flat(90, 120, 60);
    List<byte[]> samples = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      samples.add(i < 6 ? withPlayer(court, 0) : court.clone());
    }
    Background background = Background.estimate(samples, frames(9), W, H);
    // The median holds the standing player: the empty samples are the ones that differ, and they are few...
    assertThat(background.busy()).isEqualTo(3 / 9.0);
    // ... so this case is only caught when the player moves; with movement most samples differ:
    List<byte[]> moving = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      moving.add(i < 8 ? withPlayer(court, i % 6) : court.clone());
    }
    Background busy = Background.estimate(moving, frames(10), W, H);
    assertThat(busy.rgb()).as("each pixel is covered in fewer than half the samples").containsExactly(court);
    assertThat(busy.busy()).isGreaterThan(Background.UNRELIABLE_BUSY);
    assertThat(busy.unreliable()).isTrue();
    assertThat(busy.describe()).contains("unreliable");
  }

  @Test
  void fewDecodedSamplesAreUnreliableAndBadInputIsRefusedByName() {
    byte[] court = flat(1, 2, 3);
    assertThat(Background.estimate(List.of(court, court), frames(2), W, H).unreliable()).isTrue();
    assertThatThrownBy(() -> Background.estimate(List.of(), new long[0], W, H))
        .hasMessageContaining("samples=0");
    assertThatThrownBy(() -> Background.estimate(List.of(new byte[5]), new long[] {17}, W, H))
        .hasMessageContaining("sample 0 (frame 17) has 5 bytes");
    assertThatThrownBy(() -> Background.changedFraction(new byte[3], new byte[6]))
        .hasMessageContaining("frame=3 bytes, background=6 bytes");
  }

  @Test
  void changedFractionCountsPixelsOverTheThresholdInAnyChannel() {
    byte[] a = flat(100, 100, 100);
    byte[] b = a.clone();
    b[0] = (byte) (100 + Background.PIXEL_CHANGE); // not more than the threshold: unchanged
    b[4] = (byte) (100 - Background.PIXEL_CHANGE - 1); // pixel 1, green: changed
    b[8] = (byte) 255; // pixel 2, blue: changed
    assertThat(Background.changedFraction(b, a)).isEqualTo(2.0 / (W * H));
  }

  private static long[] frames(int n) {
    long[] frames = new long[n];
    Arrays.setAll(frames, i -> i * 10L);
    return frames;
  }

  private static byte[] flat(int r, int g, int b) {
    byte[] rgb = new byte[W * H * 3];
    for (int p = 0; p < rgb.length; p += 3) {
      rgb[p] = (byte) r;
      rgb[p + 1] = (byte) g;
      rgb[p + 2] = (byte) b;
    }
    return rgb;
  }

  /** A 2x3 dark figure at column {@code x}. */
  private static byte[] withPlayer(byte[] court, int x) {
    byte[] rgb = court.clone();
    for (int y = 2; y < 5; y++) {
      for (int dx = 0; dx < 2; dx++) {
        int p = (y * W + x + dx) * 3;
        rgb[p] = 10;
        rgb[p + 1] = 10;
        rgb[p + 2] = 10;
      }
    }
    return rgb;
  }
}
