package io.dunkclip.jobs.render;

import java.util.List;

/** What a render run wrote: a file per clip (see the manifest) and the clips that failed. */
public record RenderResult(String output, List<RenderedClip> clips, List<RenderedClip> failed, double seconds) {
  public String summary() {
    return String.format(java.util.Locale.ROOT, "render: clips=%d failed=%d seconds=%.1f output=%s",
        clips.size(), failed.size(), seconds, output);
  }
}
