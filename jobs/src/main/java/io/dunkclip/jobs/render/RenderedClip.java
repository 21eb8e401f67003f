package io.dunkclip.jobs.render;

import java.io.Serializable;

/** One clip as rendered (a manifest row), or the reason it could not be. */
public record RenderedClip(String video, int clip, long startFrame, long endFrame, String file, long frames,
    long audioSamples, double seconds, String error) implements Serializable {
  private static final long serialVersionUID = 1L;
}
