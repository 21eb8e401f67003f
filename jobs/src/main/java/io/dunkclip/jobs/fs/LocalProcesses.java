package io.dunkclip.jobs.fs;

import java.time.Instant;

/**
 * Whether a run on this host that left something behind (a dataset lock, a scratch folder) still runs: the one rule
 * for both.
 */
final class LocalProcesses {
  private LocalProcesses() {}

  /**
   * Whether process {@code pid} runs on this host and, when {@code start} is known ({@link #start}), is the process
   * that started then: a reused pid is not the run that left the thing.
   */
  static boolean running(long pid, String start) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .map(process -> start.isEmpty() || start(process).isEmpty() || start(process).equals(start))
        .orElse(false);
  }

  /** When {@code process} started, as an ISO instant; empty when the system does not say. */
  static String start(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse("");
  }
}
