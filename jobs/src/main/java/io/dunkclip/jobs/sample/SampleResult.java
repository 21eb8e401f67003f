package io.dunkclip.jobs.sample;

import java.util.List;

/** The generated tapes and where their truth is. */
public record SampleResult(String output, String labels, List<String> tapes, long frames, int playerEvents,
    double seconds) {
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "sample: tapes=%d frames=%d player_events=%d seconds=%.1f labels=%s", tapes.size(), frames, playerEvents,
        seconds, labels);
  }
}
