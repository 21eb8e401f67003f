package io.dunkclip.jobs.render;

/**
 * Options of {@code dunkclip render}.
 *
 * @param slowmo 1 = real time; 2 = half speed (frame rate halved, audio dropped: see ClipWriter)
 * @param reel also write one highlight video per tape with all its clips, {@code <tape stem>-reel.mp4}
 * @param copy stream copy instead of re-encoding: fast and lossless, but each clip starts at the keyframe at or
 *     before its first frame (not frame-accurate; the manifest says which frames each file holds)
 */
public record RenderConfig(String clips, String input, String output, double slowmo, boolean reel, boolean copy)
    implements java.io.Serializable {
  public RenderConfig {
    if (!(slowmo >= 1 && slowmo <= 16)) {
      throw new IllegalArgumentException("Cannot render: slow motion must be 1 to 16 (slowmo=" + slowmo + ")");
    }
    if (copy && slowmo != 1) {
      throw new IllegalArgumentException("Cannot render: a stream copy keeps the tape's timing and cannot slow clips"
          + " down; drop --copy or --slowmo (slowmo=" + slowmo + ", copy=true)");
    }
  }

  /** Re-encoded, frame-accurate clips. */
  public RenderConfig(String clips, String input, String output, double slowmo, boolean reel) {
    this(clips, input, output, slowmo, reel, false);
  }

  public static RenderConfig plain(String clips, String input, String output) {
    return new RenderConfig(clips, input, output, 1.0, false);
  }
}
