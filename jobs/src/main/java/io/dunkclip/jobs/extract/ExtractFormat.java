package io.dunkclip.jobs.extract;

import java.util.Locale;

/** How {@code dunkclip extract} lays out the frames it writes ({@code --format}). */
public enum ExtractFormat {
  /** A Parquet dataset partitioned by {@code video}, one row per frame with the image inside: what train reads. */
  PARQUET(io.dunkclip.jobs.frames.FrameLayout.PARQUET),
  /** One JPEG file per frame, {@code DIR/<video>/frame-000405.jpg}, as the original workflow wrote them. */
  JPG(io.dunkclip.jobs.frames.FrameLayout.JPG);

  private final String id;

  ExtractFormat(String id) {
    this.id = id;
  }

  /** The name used on the command line. */
  public String id() {
    return id;
  }

  public static ExtractFormat parse(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ExtractFormat format : values()) {
      if (format.id.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Cannot extract frames: unknown output format (format=" + name + "); use parquet or jpg");
  }
}
