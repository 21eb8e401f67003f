package io.dunkclip.jobs.detect;

import java.io.Serializable;

/**
 * The coarse pass of fast mode over one segment: the keyframes of frames {@code first..last} that were decoded, with
 * their scores ({@code scores[i]} belongs to frame {@code frames[i]}). {@code error} says why the pass stopped early;
 * keyframes it did not reach are simply absent.
 */
public record KeyframeScores(String video, long first, long last, long[] frames, float[] scores, String error)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
