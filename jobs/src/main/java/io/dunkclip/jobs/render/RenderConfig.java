package io.dunkclip.jobs.render;

import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.video.TapeInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Options of {@code dunkclip render}, built with {@link #builder()}.
 *
 * @param clips the clips.csv to render
 * @param input the tapes as the user named them (a path or glob); with {@code tapes} given, only their description
 * @param tapes the tapes already resolved (nightly hands over the one it checked), not resolved again from
 *     {@code input}; null to resolve {@code input}
 * @param tapeInfos frame tables of tapes already probed (by detect), by name, not probed again; empty: probe them
 * @param slowmo 1 = real time; 2 = half speed (frame rate halved, audio dropped: see ClipWriter)
 * @param reel also write one highlight video per tape with all its clips, {@code <tape stem>-reel.mp4}
 * @param copy stream copy instead of re-encoding: fast and lossless, but each clip starts at the keyframe at or
 *     before its first frame (not frame-accurate; the manifest says which frames each file holds)
 */
public record RenderConfig(String clips, String input, List<TapeRef> tapes, Map<String, TapeInfo> tapeInfos,
    String output, double slowmo, boolean reel, boolean copy) implements java.io.Serializable {
  public static final double SLOWMO_DEFAULT = 1;
  public static final double SLOWMO_MAX = 16;

  public RenderConfig {
    if (!(slowmo >= 1 && slowmo <= SLOWMO_MAX)) {
      throw new IllegalArgumentException("Cannot render: slow motion must be 1 to " + (int) SLOWMO_MAX + " (slowmo="
          + slowmo + ")");
    }
    if (copy && slowmo != 1) {
      throw new IllegalArgumentException("Cannot render: a stream copy keeps the tape's timing and cannot slow clips"
          + " down; drop --copy or --slowmo (slowmo=" + slowmo + ", copy=true)");
    }
    tapes = tapes == null ? null : List.copyOf(tapes);
    tapeInfos = tapeInfos == null ? Map.of() : Map.copyOf(tapeInfos);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RenderConfig}: re-encoded, frame-accurate clips at real time unless told otherwise. */
  public static final class Builder {
    private String clips;
    private String input;
    private List<TapeRef> tapes;
    private Map<String, TapeInfo> tapeInfos = Map.of();
    private String output;
    private double slowmo = SLOWMO_DEFAULT;
    private boolean reel;
    private boolean copy;

    private Builder() {}

    public Builder clips(String clipsCsv) {
      this.clips = clipsCsv;
      return this;
    }

    /** The tapes, a path or glob. */
    public Builder input(String pathOrGlob) {
      this.input = pathOrGlob;
      this.tapes = null;
      return this;
    }

    /** Tapes already resolved and probed (by detect): neither resolved nor probed again. */
    public Builder tapes(List<TapeRef> resolved, Map<String, TapeInfo> probed) {
      this.tapes = List.copyOf(resolved);
      this.tapeInfos = Map.copyOf(probed);
      this.input = resolved.stream().map(TapeRef::uri).collect(Collectors.joining(","));
      return this;
    }

    public Builder output(String dir) {
      this.output = dir;
      return this;
    }

    public Builder slowmo(double factor) {
      this.slowmo = factor;
      return this;
    }

    public Builder reel(boolean perTape) {
      this.reel = perTape;
      return this;
    }

    public Builder copy(boolean streamCopy) {
      this.copy = streamCopy;
      return this;
    }

    public RenderConfig build() {
      return new RenderConfig(clips, input, tapes, tapeInfos, output, slowmo, reel, copy);
    }
  }
}
