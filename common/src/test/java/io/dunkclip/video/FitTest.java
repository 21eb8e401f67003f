package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FitTest {

  @Example
  void namesAreTheCommandLineAndModelFileNames() {
    assertThat(Fit.parse("stretch")).isEqualTo(Fit.STRETCH);
    assertThat(Fit.parse("PAD")).isEqualTo(Fit.PAD);
    assertThat(Fit.STRETCH.id()).isEqualTo(io.dunkclip.model.ModelMetadata.FIT_STRETCH);
    assertThat(Fit.PAD.id()).isEqualTo("pad");
    assertThatThrownBy(() -> Fit.parse("crop")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fit frames: unknown fit (fit=crop); use stretch or pad");
  }

  @Example
  void stretchFillsTheCanvasWhateverTheAspectRatio() {
    assertThat(Fit.STRETCH.place(96, 192, 128, 64)).isEqualTo(new Placement(0, 0, 128, 64));
  }

  @Example
  void padCentresAPortraitPictureBetweenBarsLeftAndRight() {
    // 192x256 into 128x64: scale 1/4 gives 48x64, bars of 40 on each side.
    assertThat(Fit.PAD.place(192, 256, 128, 64)).isEqualTo(new Placement(40, 0, 48, 64));
    // 16:9 into a square: full width, bars above and below.
    assertThat(Fit.PAD.place(160, 90, 64, 64)).isEqualTo(new Placement(0, 14, 64, 36));
    assertThat(Fit.PAD.place(160, 90, 320, 180)).isEqualTo(new Placement(0, 0, 320, 180));
  }

  @Example
  void sizesBelowOnePixelAreRefused() {
    assertThatThrownBy(() -> Fit.PAD.place(0, 10, 64, 64)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(fit=pad)");
  }

  /** Every source and canvas up to 12x12 against the rule, in integer arithmetic (no float rounding to disagree). */
  @Example
  void padKeepsTheAspectRatioForEverySmallCase() {
    for (int sw = 1; sw <= 12; sw++) {
      for (int sh = 1; sh <= 12; sh++) {
        for (int cw = 1; cw <= 12; cw++) {
          for (int ch = 1; ch <= 12; ch++) {
            checkPad(sw, sh, cw, ch);
          }
        }
      }
    }
  }

  @Property(tries = 2000)
  void padKeepsTheAspectRatio(
      @ForAll @IntRange(min = 1, max = 4000) int sourceWidth, @ForAll @IntRange(min = 1, max = 4000) int sourceHeight,
      @ForAll @IntRange(min = 1, max = 1000) int canvasWidth, @ForAll @IntRange(min = 1, max = 1000) int canvasHeight) {
    checkPad(sourceWidth, sourceHeight, canvasWidth, canvasHeight);
  }

  private static void checkPad(int sw, int sh, int cw, int ch) {
    Placement p = Fit.PAD.place(sw, sh, cw, ch);
    String what = sw + "x" + sh + " on " + cw + "x" + ch + ": " + p;
    assertThat(p.width()).as(what).isBetween(1, cw);
    assertThat(p.height()).as(what).isBetween(1, ch);
    assertThat(p.width() == cw || p.height() == ch).as("touches two sides: " + what).isTrue();
    // Centred: opposite bars differ by at most one pixel, the odd one going right or down.
    int left = p.x();
    int right = cw - p.x() - p.width();
    int top = p.y();
    int bottom = ch - p.y() - p.height();
    assertThat(right - left).as("horizontal bars: " + what).isBetween(0, 1);
    assertThat(bottom - top).as("vertical bars: " + what).isBetween(0, 1);
    // The scale is min(cw/sw, ch/sh), the other side its rounding to the nearest pixel (at least 1).
    boolean fullWidth = (long) cw * sh <= (long) ch * sw;
    if (fullWidth) {
      assertThat(p.width()).as(what).isEqualTo(cw);
      assertRounded(p.height(), (long) sh * cw, sw, what);
    } else {
      assertThat(p.height()).as(what).isEqualTo(ch);
      assertRounded(p.width(), (long) sw * ch, sh, what);
    }
  }

  /** {@code side} is within half a pixel of {@code numerator / denominator}, or 1 when that is below half a pixel. */
  private static void assertRounded(int side, long numerator, long denominator, String what) {
    long twiceError = Math.abs(2 * side * denominator - 2 * numerator);
    if (side == 1) {
      assertThat(2 * numerator).as(what).isLessThan(3 * denominator); // the exact value is below 1.5
    } else {
      assertThat(twiceError).as("rounded side: " + what).isLessThanOrEqualTo(denominator);
    }
  }
}
