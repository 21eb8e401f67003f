package io.dunkclip.jobs.extract;

/**
 * Options of {@code dunkclip extract}.
 *
 * @param width upright output width in pixels (the model's input width)
 * @param height upright output height
 * @param segmentFrames frames per Spark task; see {@link #DEFAULT_SEGMENT_FRAMES}
 * @param imageFormat {@code png} (lossless, the default: training sees exactly the pixels detection decodes) or
 *     {@code jpg} (smaller, lossy)
 */
public record ExtractConfig(String input, String output, int width, int height, int segmentFrames, String imageFormat) implements java.io.Serializable {
  /**
   * 300 frames: 10 s of 30 fps video, a few keyframe intervals, so one seek (100–600 ms at 1080p) is a small share of
   * a task, while a two-minute tape still makes 12 tasks to spread over the cluster.
   */
  public static final int DEFAULT_SEGMENT_FRAMES = 300;

  public static final int DEFAULT_SIZE = 64;

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
  }
}
