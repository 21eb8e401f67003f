package io.dunkclip.jobs.train;

import java.io.Serializable;

/** A stored frame with its label: 1 when a player is in frame. */
public record LabelledImage(String video, long frame, int label, byte[] image) implements Serializable {
  private static final long serialVersionUID = 1L;
}
