package io.dunkclip.jobs.render;

/**
 * Options of {@code dunkclip render}.
 *
 * @param slowmo 1 = real time; 2 = half speed (frame rate halved, audio dropped: see ClipWriter)
 * @param reel also write one highlight video per tape with all its clips, {@code <tape stem>-reel.mp4}
 */
public record RenderConfig(String clips, String input, String output, double slowmo, boolean reel)
    implements java.io.Serializable {
  public RenderConfig {
    if (!(slowmo >= 1 && slowmo <= 16)) {
      throw new IllegalArgumentException("Cannot render: slow motion must be 1 to 16 (slowmo=" + slowmo + ")");
    }
  }

  public static RenderConfig plain(String clips, String input, String output) {
    return new RenderConfig(clips, input, output, 1.0, false);
  }
}
