package io.dunkclip.jobs.tapes;

import java.io.Serializable;

/**
 * A tape as found on a Hadoop filesystem.
 *
 * @param uri fully qualified location ({@code file:/...}, {@code hdfs://...}, {@code s3a://...})
 * @param name the file name, which is the tape's {@code video} key in every CSV
 * @param size bytes, or -1 when the path does not exist or is not a file (then {@code problem} says why)
 * @param modificationTime milliseconds since the epoch, as the filesystem reports it
 * @param problem null for a readable file, otherwise why it cannot be a tape (reported, never skipped silently)
 */
public record TapeRef(String uri, String name, long size, long modificationTime, String problem)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public boolean usable() {
    return problem == null;
  }

  /** The tape's name without its extension, for naming clip files. */
  public String stem() {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
