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
