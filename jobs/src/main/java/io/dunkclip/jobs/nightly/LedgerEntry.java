package io.dunkclip.jobs.nightly;

import io.dunkclip.jobs.tapes.TapeRef;
import java.util.List;
import java.util.Locale;

/**
 * What the ledger knows about one tape for one model version: which version of the tape file (size, modification
 * time, SHA-256) was processed, how it ended and how often it was tried.
 *
 * @param video the tape's file name (its key in every CSV)
 * @param uri where the tape was found
 * @param size bytes of the processed version
 * @param modified modification time of the processed version, milliseconds since the epoch
 * @param sha256 checksum of the processed version's bytes ("" when the tape could not be read at all)
 * @param outcome ok, damaged (clipped up to the damage, not retried until the file changes), failed (will be
 *     retried) or quarantined (not retried until the file changes)
 * @param attempts runs that tried this version of the tape
 * @param reason why the last attempt failed, or for a damaged tape what is damaged ("" when ok)
 * @param clips clip files committed for the tape
 * @param commit the id of the committed tape directory (its {@code _COMMIT} file holds the same id): an entry whose
 *     directory holds another id (or none) is stale and the tape is processed again
 */
public record LedgerEntry(String video, String uri, long size, long modified, String sha256, Outcome outcome,
    int attempts, String reason, int clips, String commit) {
  static final List<String> HEADER =
      List.of("video", "uri", "size", "modified", "sha256", "outcome", "attempts", "reason", "clips", "commit");

  /**
   * How a tape's last attempt ended. {@code DAMAGED}: the tape is truncated or damaged part way, and the clips of its
   * readable frames were committed as for {@code OK}; the damage is in {@link #reason()}.
   */
  public enum Outcome {
    OK, DAMAGED, FAILED, QUARANTINED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the tape's clips were committed (ok, or damaged with the clips of its readable part). */
    public boolean committed() {
      return this == OK || this == DAMAGED;
    }

    static Outcome parse(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** Whether {@code tape} is, by size and modification time, the version this entry describes. */
  public boolean sameVersion(TapeRef tape) {
    return tape.size() == size && tape.modificationTime() == modified;
  }

  /** The same content found with a new size/mtime stamp (copied again, touched): the outcome stands. */
  LedgerEntry restamped(TapeRef tape) {
    return new LedgerEntry(video, tape.uri(), tape.size(), tape.modificationTime(), sha256, outcome, attempts, reason,
        clips, commit);
  }

  List<Object> cells() {
    return List.of(video, uri, size, modified, sha256, outcome.label(), attempts, reason, clips, commit);
  }
}
