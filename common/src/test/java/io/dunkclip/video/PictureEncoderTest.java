package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PictureEncoderTest {
  private static byte[] picture(int width, int height, long seed) {
    Random random = new Random(seed);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        rgb[o] = (byte) (x * 255 / Math.max(1, width - 1)); // gradients with noise: neither flat nor random
        rgb[o + 1] = (byte) (y * 255 / Math.max(1, height - 1));
        rgb[o + 2] = (byte) random.nextInt(256);
      }
    }
    return rgb;
  }

  private static BufferedImage read(byte[] file) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
    assertThat(image).as("a readable image file").isNotNull();
    return image;
  }

  @Test
  void pngIsLosslessForEveryPictureOfASizeIncludingOddWidthsWhoseRowsArePadded() throws IOException {
    // 37 and 1 pixels wide: rows of 111 and 3 bytes sit in padded native lines, a stride bug would shear the picture.
    for (int[] size : new int[][] {{224, 224}, {37, 19}, {1, 5}, {64, 48}}) {
      try (PictureEncoder encoder = PictureEncoder.open("png", size[0], size[1])) {
        for (long seed = 0; seed < 3; seed++) { // reused encoder: every picture comes out as itself, not the first
          byte[] rgb = picture(size[0], size[1], seed);
          byte[] file = encoder.encode(rgb);
          assertThat(file).startsWith(0x89, 'P', 'N', 'G');
          BufferedImage image = read(file);
          assertThat(image.getWidth()).isEqualTo(size[0]);
          assertThat(image.getHeight()).isEqualTo(size[1]);
          assertThat(Rgb.fromImage(image)).as("size %dx%d seed %d", size[0], size[1], seed).isEqualTo(rgb);
        }
      }
    }
  }

  @Test
  void storedPngIsLosslessAndAsLargeAsItsPixelsWhileFastPngIsSmaller() throws IOException {
    for (int[] size : new int[][] {{224, 224}, {37, 19}}) {
      try (PictureEncoder stored = PictureEncoder.open("png", size[0], size[1], PictureEncoder.PngDeflate.STORED);
          PictureEncoder fast = PictureEncoder.open("png", size[0], size[1], PictureEncoder.PngDeflate.FAST)) {
        for (long seed = 0; seed < 2; seed++) {
          byte[] rgb = picture(size[0], size[1], seed);
          byte[] file = stored.encode(rgb);
          assertThat(Rgb.fromImage(read(file))).as("size %dx%d seed %d", size[0], size[1], seed).isEqualTo(rgb);
          // Stored deflate blocks: the pixels plus a filter byte per row and the chunk framing, never less.
          assertThat(file.length).isGreaterThan(rgb.length + size[1]);
          assertThat(fast.encode(rgb).length).isLessThan(file.length);
        }
      }
    }
  }

  @Test
  void jpegKeepsTheSizeAndIsCloseToThePicture() throws IOException {
    byte[] rgb = new byte[64 * 48 * 3];
    java.util.Arrays.fill(rgb, (byte) 200);
    try (PictureEncoder encoder = PictureEncoder.open("jpg", 64, 48)) {
      BufferedImage image = read(encoder.encode(rgb));
      assertThat(image.getWidth()).isEqualTo(64);
      assertThat(image.getHeight()).isEqualTo(48);
      byte[] back = Rgb.fromImage(image);
      for (int i = 0; i < back.length; i++) {
        assertThat(Math.abs((back[i] & 0xff) - 200)).isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void refusesAPictureOfAnotherSizeAndUnknownFormats() {
    try (PictureEncoder encoder = PictureEncoder.open("png", 8, 8)) {
      assertThatThrownBy(() -> encoder.encode(new byte[8 * 9 * 3]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("takes 8x8 RGB pictures of 192 bytes");
    }
    assertThatThrownBy(() -> PictureEncoder.open("gif", 8, 8))
        .hasMessageContaining("image-format=gif");
    assertThatThrownBy(() -> PictureEncoder.open("png", 0, 8))
        .hasMessageContaining("size=0x8");
  }
}
