package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final int W = 10;
  private static final int H = 7;

  @Test
  void theSameSeedGivesTheSameViewAndTheInputsStayAsTheyWere() {
    byte[] frame = random(1);
    byte[] background = random(2);
    byte[] frameCopy = frame.clone();
    byte[] backgroundCopy = background.clone();
    Augmentation.View a = Augmentation.view(frame, background, W, H, 99);
    Augmentation.View b = Augmentation.view(frame, background, W, H, 99);
    assertThat(a.frame()).containsExactly(b.frame());
    assertThat(a.background()).containsExactly(b.background());
    assertThat(frame).containsExactly(frameCopy);
    assertThat(background).containsExactly(backgroundCopy);
    assertThat(Augmentation.view(frame, null, W, H, 99).background()).isNull();
    int differing = 0;
    for (long seed = 0; seed < 20; seed++) {
      differing += java.util.Arrays.equals(Augmentation.view(frame, background, W, H, seed).frame(), a.frame()) ? 0
          : 1;
    }
    assertThat(differing).as("other seeds give other views").isGreaterThanOrEqualTo(19);
  }

  @Test
  void movingShiftsEveryPixelAndRepeatsTheEdgeAndMirroringTwiceIsTheIdentity() {
    byte[] rgb = random(3);
    byte[] moved = Augmentation.moved(rgb, W, H, false, 2, -1);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int sx = Math.max(0, Math.min(W - 1, x - 2));
        int sy = Math.max(0, Math.min(H - 1, y + 1));
        for (int c = 0; c < 3; c++) {
          assertThat(moved[(y * W + x) * 3 + c]).isEqualTo(rgb[(sy * W + sx) * 3 + c]);
        }
      }
    }
    byte[] mirrored = Augmentation.moved(rgb, W, H, true, 0, 0);
    assertThat(mirrored[0]).isEqualTo(rgb[(W - 1) * 3]);
    assertThat(Augmentation.moved(mirrored, W, H, true, 0, 0)).containsExactly(rgb);
  }

  @Test
  void photometricIsTheIdentityAtUnitSettingsAndBrightensWithGain() {
    byte[] rgb = random(4);
    assertThat(Augmentation.photometric(rgb, 1, new double[] {1, 1, 1}, 1)).containsExactly(rgb);
    byte[] grey = new byte[W * H * 3];
    java.util.Arrays.fill(grey, (byte) 100);
    byte[] brighter = Augmentation.photometric(grey, 1.2, new double[] {1, 1, 1}, 1.5);
    for (byte b : brighter) {
      assertThat(b & 0xff).isEqualTo(120); // a flat picture has no contrast to stretch
    }
    byte[] blurred = Augmentation.boxBlur(grey, W, H);
    assertThat(blurred).containsExactly(grey);
  }

  @Test
  void theBackgroundGetsTheFramesCourtColoursAndPositionButNotItsLight() {
    byte[] grey = new byte[W * H * 3];
    java.util.Arrays.fill(grey, (byte) 100);
    int recoloured = 0;
    int relit = 0;
    for (long seed = 0; seed < 50; seed++) {
      Augmentation.View view = Augmentation.view(grey, grey, W, H, seed);
      // A flat picture stays flat when moved or mirrored: the background is only recoloured, one value per channel.
      byte[] b = view.background();
      for (int p = 3; p < b.length; p++) {
        assertThat(b[p]).isEqualTo(b[p % 3]);
      }
      recoloured += b[0] != 100 || b[1] != 100 || b[2] != 100 ? 1 : 0;
      double frameMean = mean(view.frame());
      relit += Math.abs(frameMean - mean(b)) > 3 ? 1 : 0;
    }
    assertThat(recoloured).as("court colours change").isGreaterThan(40);
    assertThat(relit).as("the frame's light changes apart from its background").isGreaterThan(30);
  }

  @Test
  void recolouringPermutesAndScalesTheChannels() {
    byte[] rgb = {10, 20, 30, 40, 50, 60};
    assertThat(Augmentation.recoloured(rgb, new int[] {2, 0, 1}, new double[] {1, 2, 0.5}))
        .containsExactly(30, 20, 10, 60, 80, 25);
  }

  @Test
  void theForegroundIsWhereTheFrameDiffersFromItsBackgroundInAnyChannel() {
    byte[] background = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
    // Differences: none, at the lower bound, half way, at the upper bound, far beyond (in the blue channel only).
    byte[] frame = {100, 100, 100, 124, 100, 100, 100, 56, 100, 100, 100, (byte) 164, 100, 100, (byte) 255};
    assertThat(Augmentation.foreground(frame, background)).containsExactly(0, 0, 0.5, 1, 1);
  }

  @Test
  void blendingTakesTheBaseWhereTheMaskIsEmptyAndTheOverlayWhereItIsFull() {
    byte[] base = {0, 10, 20, 100, 100, 100, 0, 0, 0};
    byte[] over = {50, 50, 50, (byte) 200, (byte) 200, (byte) 200, 9, 9, 9};
    assertThat(Augmentation.blended(base, over, new double[] {0, 0.5, 1}))
        .containsExactly(0, 10, 20, (byte) 150, (byte) 150, (byte) 150, 9, 9, 9);
  }

  @Test
  void smearingSpreadsAPointAlongOneDirectionOnlyAndTheMaskNeverShrinks() {
    byte[] point = new byte[W * H * 3];
    int cx = 4;
    int cy = 3;
    point[(cy * W + cx) * 3] = (byte) 150;
    byte[] across = Augmentation.smeared(point, W, H, 3, true);
    byte[] down = Augmentation.smeared(point, W, H, 3, false);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int red = (y * W + x) * 3;
        assertThat(across[red] & 0xff).isEqualTo(y == cy && Math.abs(x - cx) <= 1 ? 50 : 0);
        assertThat(down[red] & 0xff).isEqualTo(x == cx && Math.abs(y - cy) <= 1 ? 50 : 0);
        assertThat(across[red + 1]).isZero();
      }
    }
    double[] mask = new double[W * H];
    mask[cy * W + cx] = 1;
    double[] smearedMask = Augmentation.smeared(mask, W, H, 5, true);
    for (int p = 0; p < mask.length; p++) {
      assertThat(smearedMask[p]).isGreaterThanOrEqualTo(mask[p]);
      int x = p % W;
      assertThat(smearedMask[p]).isEqualTo(p / W == cy && Math.abs(x - cx) <= 2 ? (x == cx ? 1 : 0.4) : 0,
          org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  /**
   * An orange court and a blue figure in front of it. Recoloured together (another court), the figure's channels
   * always rank the opposite way to the court's; recoloured apart (other clothes), they often do not. A frame-only
   * model has no background to tell the figure from the court, so it only ever sees them recoloured together.
   */
  @Test
  void theFiguresColoursChangeApartFromTheCourtsOnlyWhenTheBackgroundIsKnown() {
    int side = 32;
    byte[] court = new byte[side * side * 3];
    for (int p = 0; p < court.length; p += 3) {
      court[p] = (byte) 220;
      court[p + 1] = 90;
      court[p + 2] = 30;
    }
    byte[] frame = court.clone();
    for (int y = 10; y < 22; y++) {
      for (int x = 10; x < 22; x++) {
        int p = (y * side + x) * 3;
        frame[p] = 30;
        frame[p + 1] = 90;
        frame[p + 2] = (byte) 220;
      }
    }
    int apart = 0;
    int seeds = 300;
    for (long seed = 0; seed < seeds; seed++) {
      Augmentation.View withBackground = Augmentation.view(frame, court, side, side, seed);
      double[] figure = blockMean(withBackground.frame(), side, 14, 14, 4);
      double[] courtSeen = blockMean(withBackground.background(), side, 1, 1, 4);
      apart += java.util.Arrays.equals(ranks(figure), reversed(ranks(courtSeen))) ? 0 : 1;

      Augmentation.View frameOnly = Augmentation.view(frame, null, side, side, seed);
      double[] figureAlone = blockMean(frameOnly.frame(), side, 14, 14, 4);
      double[] courtAlone = blockMean(frameOnly.frame(), side, 1, 1, 4);
      assertThat(ranks(figureAlone)).as("seed %d, frame only", seed).containsExactly(reversed(ranks(courtAlone)));
    }
    // The figure is recoloured on its own in half the views, five in six of those to another channel order.
    assertThat(apart).isBetween(seeds / 4, seeds * 3 / 5);
  }

  private static double[] blockMean(byte[] rgb, int side, int x0, int y0, int size) {
    double[] sum = new double[3];
    for (int y = y0; y < y0 + size; y++) {
      for (int x = x0; x < x0 + size; x++) {
        for (int c = 0; c < 3; c++) {
          sum[c] += rgb[(y * side + x) * 3 + c] & 0xff;
        }
      }
    }
    return sum;
  }

  /** The channel indices from the brightest to the darkest. */
  private static int[] ranks(double[] channels) {
    return java.util.stream.IntStream.range(0, 3).boxed()
        .sorted((a, b) -> Double.compare(channels[b], channels[a])).mapToInt(Integer::intValue).toArray();
  }

  private static int[] reversed(int[] order) {
    return new int[] {order[2], order[1], order[0]};
  }

  private static double mean(byte[] rgb) {
    double sum = 0;
    for (byte v : rgb) {
      sum += v & 0xff;
    }
    return sum / rgb.length;
  }

  private static byte[] random(long seed) {
    byte[] rgb = new byte[W * H * 3];
    new Random(seed).nextBytes(rgb);
    return rgb;
  }
}
