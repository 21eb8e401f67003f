package io.dunkclip.jobs.extract;

import io.dunkclip.video.Fit;
import java.util.Objects;

/**
 * Options of {@code dunkclip extract}. Build them with {@link #builder}; each option has a {@code _DEFAULT}.
 *
 * @param width upright output width in pixels (the model's input width)
 * @param height upright output height
 * @param segmentFrames frames per Spark task; see {@link #SEGMENT_FRAMES_DEFAULT}
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
  public static final int SEGMENT_FRAMES_DEFAULT = 300;
  /** Width and height of the frames: the small CNN's input. */
  public static final int SIZE_DEFAULT = 64;
  public static final Fit FIT_DEFAULT = Fit.STRETCH;
  public static final ExtractFormat FORMAT_DEFAULT = ExtractFormat.PARQUET;
  /** The image encoding inside Parquet when none is named; the JPEG layout always encodes JPEG. */
  public static final String IMAGE_FORMAT_DEFAULT = "png";
  public static final boolean UPDATE_DEFAULT = false;

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

  /** Options that read the tapes at {@code input} (a path or glob) and write the frames to {@code output}. */
  public static Builder builder(String input, String output) {
    return new Builder(input, output);
  }

  /**
   * A builder holding these options, to change some of them. An image format that is its layout's own is left to
   * follow the layout, so changing the layout to JPEG brings JPEG images with it.
   */
  public Builder toBuilder() {
    Builder builder = new Builder(input, output);
    builder.width = width;
    builder.height = height;
    builder.segmentFrames = segmentFrames;
    builder.imageFormat = imageFormat.equals(imageFormatOf(format)) ? null : imageFormat;
    builder.fit = fit;
    builder.format = format;
    builder.update = update;
    return builder;
  }

  /** The image encoding a layout uses when none is named. */
  static String imageFormatOf(ExtractFormat layout) {
    return layout == ExtractFormat.JPG ? "jpg" : IMAGE_FORMAT_DEFAULT;
  }

  /** Builds an {@link ExtractConfig}; unset values are the defaults, and {@link #build()} checks them all. */
  public static final class Builder {
    private String input;
    private String output;
    private int width = SIZE_DEFAULT;
    private int height = SIZE_DEFAULT;
    private int segmentFrames = SEGMENT_FRAMES_DEFAULT;
    /** Null follows the layout ({@link #imageFormatOf}). */
    private String imageFormat;
    private Fit fit = FIT_DEFAULT;
    private ExtractFormat format = FORMAT_DEFAULT;
    private boolean update = UPDATE_DEFAULT;

    private Builder(String input, String output) {
      this.input = input;
      this.output = output;
    }

    public Builder input(String pathOrGlob) {
      this.input = pathOrGlob;
      return this;
    }

    public Builder output(String dir) {
      this.output = dir;
      return this;
    }

    /** Upright output size in pixels. */
    public Builder size(int newWidth, int newHeight) {
      this.width = newWidth;
      this.height = newHeight;
      return this;
    }

    public Builder segmentFrames(int frameCount) {
      this.segmentFrames = frameCount;
      return this;
    }

    /** {@code png} or {@code jpg}; null follows the layout (JPEG for {@link ExtractFormat#JPG}, else PNG). */
    public Builder imageFormat(String encoding) {
      this.imageFormat = encoding;
      return this;
    }

    public Builder fit(Fit newFit) {
      this.fit = newFit;
      return this;
    }

    public Builder format(ExtractFormat layout) {
      this.format = layout;
      return this;
    }

    /** Replace only this run's tapes in an existing dataset ({@code --update}), or the whole dataset. */
    public Builder update(boolean onlyThisRunsTapes) {
      this.update = onlyThisRunsTapes;
      return this;
    }

    public ExtractConfig build() {
      Objects.requireNonNull(format, "format");
      String images = imageFormat != null ? imageFormat : imageFormatOf(format);
      return new ExtractConfig(input, output, width, height, segmentFrames, images, fit, format, update);
    }
  }
}
