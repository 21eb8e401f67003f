package io.dunkclip.jobs.render;

import java.io.Serializable;

/**
 * One clip as rendered (a manifest row), or the reason it could not be.
 *
 * @param startFrame the first frame asked for (clips.csv)
 * @param endFrame the last frame asked for
 * @param fileStartFrame the tape frame the file actually starts with: {@code startFrame} when re-encoded, the
 *     keyframe at or before it with {@code --copy}
 * @param fileEndFrame the tape frame the file actually ends with
 * @param mode {@code encode} (frame-accurate) or {@code copy} (stream copy, keyframe-aligned)
 */
public record RenderedClip(String video, int clip, long startFrame, long endFrame, String file, long frames,
    long audioSamples, double seconds, String error, long fileStartFrame, long fileEndFrame, String mode)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENCODE = "encode";
  public static final String COPY = "copy";
}
