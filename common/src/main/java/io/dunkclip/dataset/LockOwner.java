package io.dunkclip.dataset;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds the lock of a dataset, as its lock file says, and the rule that tells a live lock from one a killed run
 * left behind. The file is {@code key=value} lines ({@link #write}).
 *
 * <p>The rule ({@link #staleReason}): on the host that took the lock, the lock is stale when no process with its pid
 * runs any more, or one runs that started at another time (the pid was reused). From another host a process cannot
 * be seen, so the holder touches the file every {@link #HEARTBEAT} and the lock is stale when the file has not been
 * touched for {@link #MAX_SILENCE}. A file that does not say who holds it (its holder was killed between creating
 * and writing it, or is writing it now) is stale once it is {@link #WRITE_GRACE} old.
 *
 * @param id unique per run: a reclaim compares it to be sure it deletes the lock it judged stale
 * @param command the command that took the lock
 * @param user the operating-system user running it
 * @param host the host name of the process holding the lock; empty when it could not be found out
 * @param pid its process id
 * @param processStart when that process started (ISO-8601), empty when unknown: tells a reused pid apart
 * @param since when the lock was taken
 */
public record LockOwner(String id, String command, String user, String host, long pid, String processStart,
    Instant since) {
  /** How often the holder touches its lock file. */
  public static final Duration HEARTBEAT = Duration.ofMinutes(1);
  /** How long a lock held from another host may go untouched before it counts as left by a killed run. */
  public static final Duration MAX_SILENCE = Duration.ofMinutes(10);
  /** How long a lock file that does not (yet) name its holder counts as being written. */
  public static final Duration WRITE_GRACE = Duration.ofMinutes(1);

  public LockOwner {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(processStart, "processStart");
    Objects.requireNonNull(since, "since");
  }

  /** Whether a process runs, as the host that holds a lock sees it. */
  @FunctionalInterface
  public interface Processes {
    /** Whether a process with this pid runs and, when {@code start} is not empty, started then. */
    boolean running(long pid, String start);
  }

  /** The lock file's text. */
  public String write() {
    StringBuilder text = new StringBuilder("# dunkclip lock: a run is writing this dataset; delete this file only if"
        + " that run is gone\n");
    fields().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("command", command);
    fields.put("user", user);
    fields.put("host", host);
    fields.put("pid", Long.toString(pid));
    fields.put("process_start", processStart);
    fields.put("since", since.toString());
    return fields;
  }

  /**
   * The holder a lock file names; empty when the text does not name one completely (a file being written, or cut off
   * when its writer was killed).
   */
  public static Optional<LockOwner> parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0) {
        fields.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    String id = fields.get("id");
    String since = fields.get("since");
    String pid = fields.get("pid");
    if (id == null || id.isEmpty() || since == null || pid == null || !fields.containsKey("host")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LockOwner(id, fields.getOrDefault("command", ""), fields.getOrDefault("user", ""),
          fields.get("host"), Long.parseLong(pid), fields.getOrDefault("process_start", ""), Instant.parse(since)));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The holder in words, for messages: {@code extract, pid 4242 on host h by user u since 2026-...}. */
  public String describe() {
    return command + ", pid " + pid + " on host " + (host.isEmpty() ? "(unknown)" : host) + " by user " + user
        + " since " + since;
  }

  /**
   * Why a lock counts as left by a killed run, or empty while its holder may still be running.
   *
   * @param owner the holder the file names; empty when it names none
   * @param touched when the lock file was last written or touched
   * @param now the time now
   * @param thisHost the host name of the process asking; empty when unknown (then no pid is trusted)
   * @param processes what runs on this host
   */
  public static Optional<String> staleReason(Optional<LockOwner> owner, Instant touched, Instant now,
      String thisHost, Processes processes) {
    Duration silence = Duration.between(touched, now);
    if (owner.isEmpty()) {
      return silence.compareTo(WRITE_GRACE) > 0
          ? Optional.of("it names no holder and was last written " + silence.toSeconds() + " s ago")
          : Optional.empty();
    }
    LockOwner holder = owner.get();
    if (!thisHost.isEmpty() && holder.host().equals(thisHost)) {
      return processes.running(holder.pid(), holder.processStart()) ? Optional.empty()
          : Optional.of("no process " + holder.pid() + (holder.processStart().isEmpty() ? "" : " started at "
              + holder.processStart()) + " runs on this host " + thisHost);
    }
    return silence.compareTo(MAX_SILENCE) > 0
        ? Optional.of("its holder on host " + holder.host() + " has not touched it for " + silence.toSeconds()
            + " s (it does every " + HEARTBEAT.toSeconds() + " s)")
        : Optional.empty();
  }
}
