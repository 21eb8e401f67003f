package io.dunkclip.jobs.extract;

import io.dunkclip.video.Fit;
import java.util.Objects;

/**
 * Options of {@code dunkclip extract}.
 *
 * @param width upright output width in pixels (the model's input width)
 * @param height upright output height
 * @param segmentFrames frames per Spark task; see {@link #DEFAULT_SEGMENT_FRAMES}
 * @param imageFormat how images are encoded: {@code png} (lossless, the default for Parquet: training sees exactly
 *     the pixels detection decodes) or {@code jpg} (smaller, lossy; the only choice for {@link ExtractFormat#JPG})
 * @param fit how the upright picture is fitted to {@code width x height}: stretched (the default) or padded
 * @param format the layout of the output: a Parquet dataset (the default) or one JPEG file per frame
 * @param update replace only this run's tapes inside an existing frames dataset at {@code output} instead of the
 *     whole dataset ({@link ExtractUpdate}); false (the default) replaces the dataset
 */
public record ExtractConfig(String input, String output, int width, int height, int segmentFrames, String imageFormat,
    Fit fit, ExtractFormat format, boolean update) implements java.io.Serializable {
  /**
   * 300 frames: 10 s of 30 fps video, a few keyframe intervals, so one seek (100–600 ms at 1080p) is a small share of
   * a task, while a two-minute tape still makes 12 tasks to spread over the cluster.
   */
  public static final int DEFAULT_SEGMENT_FRAMES = 300;

  public static final int DEFAULT_SIZE = 64;

  public static final Fit FIT_DEFAULT = Fit.STRETCH;
  public static final ExtractFormat FORMAT_DEFAULT = ExtractFormat.PARQUET;

  public ExtractConfig {
    if (width < 8 || height < 8) {
      throw new IllegalArgumentException(
          "Cannot extract frames: the size must be at least 8x8 (size=" + width + "x" + height + ")");
    }
    if (segmentFrames < 1) {
      throw new IllegalArgumentException(
          "Cannot extract frames: a segment needs at least 1 frame (segment-frames=" + segmentFrames + ")");
    }
    if (!imageFormat.equals("png") && !imageFormat.equals("jpg")) {
      throw new IllegalArgumentException(
          "Cannot extract frames: unknown image format (image-format=" + imageFormat + "); use png or jpg");
    }
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(format, "format");
    if (format == ExtractFormat.JPG && !imageFormat.equals("jpg")) {
      throw new IllegalArgumentException("Cannot extract frames: --format jpg writes JPEG files; --image-format only "
          + "chooses the encoding inside Parquet (image-format=" + imageFormat + ")");
    }
  }

  /** Options that replace the whole dataset at {@code output}, as before {@code --update} existed. */
  public ExtractConfig(String input, String output, int width, int height, int segmentFrames, String imageFormat,
      Fit fit, ExtractFormat format) {
    this(input, output, width, height, segmentFrames, imageFormat, fit, format, false);
  }

  /** Stretched frames in a Parquet dataset, as before fit and format existed. */
  public ExtractConfig(String input, String output, int width, int height, int segmentFrames, String imageFormat) {
    this(input, output, width, height, segmentFrames, imageFormat, FIT_DEFAULT, FORMAT_DEFAULT);
  }

  public ExtractConfig withFit(Fit newFit) {
    return new ExtractConfig(input, output, width, height, segmentFrames, imageFormat, newFit, format, update);
  }

  /** The same options written as {@code newFormat}; the JPEG layout brings its image format with it. */
  public ExtractConfig withFormat(ExtractFormat newFormat) {
    String images = newFormat == ExtractFormat.JPG ? "jpg" : imageFormat;
    return new ExtractConfig(input, output, width, height, segmentFrames, images, fit, newFormat, update);
  }

  public ExtractConfig withOutput(String newOutput) {
    return new ExtractConfig(input, newOutput, width, height, segmentFrames, imageFormat, fit, format, update);
  }

  /** The same options, replacing only this run's tapes in an existing dataset ({@code --update}) or not. */
  public ExtractConfig withUpdate(boolean newUpdate) {
    return new ExtractConfig(input, output, width, height, segmentFrames, imageFormat, fit, format, newUpdate);
  }
}
