package io.dunkclip.jobs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dunkclip.video.Fit;
import org.junit.jupiter.api.Test;

class ExtractConfigTest {
  @Test
  void unsetOptionsAreTheNamedDefaults() {
    ExtractConfig config = ExtractConfig.builder("tapes/*.mp4", "frames").build();

    assertEquals(new ExtractConfig("tapes/*.mp4", "frames", 64, 64, 300, "png", Fit.STRETCH, ExtractFormat.PARQUET,
        false), config);
  }

  @Test
  void theJpegLayoutBringsJpegImagesUnlessAnotherEncodingIsNamed() {
    assertEquals("jpg", ExtractConfig.builder("in", "out").format(ExtractFormat.JPG).build().imageFormat());
    assertEquals("jpg", ExtractConfig.builder("in", "out").imageFormat("jpg").build().imageFormat());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ExtractConfig.builder("in", "out").format(ExtractFormat.JPG).imageFormat("png").build());
    assertTrue(refused.getMessage().contains("image-format=png"), refused.getMessage());
  }

  @Test
  void toBuilderKeepsEveryOptionAndLetsTheLayoutChangeItsEncoding() {
    ExtractConfig config = ExtractConfig.builder("in", "out").size(40, 24).segmentFrames(13).fit(Fit.PAD)
        .update(true).build();

    assertEquals(config, config.toBuilder().build());
    ExtractConfig jpeg = config.toBuilder().format(ExtractFormat.JPG).build();
    assertEquals(new ExtractConfig("in", "out", 40, 24, 13, "jpg", Fit.PAD, ExtractFormat.JPG, true), jpeg);
    ExtractConfig named = config.toBuilder().imageFormat("jpg").build();
    assertEquals("jpg", named.toBuilder().build().imageFormat());
  }

  @Test
  void refusesASizeBelowEightPixels() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ExtractConfig.builder("in", "out").size(7, 64).build());
    assertEquals("Cannot extract frames: the size must be at least 8x8 (size=7x64)", refused.getMessage());
  }
}
