package io.dunkclip.jobs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a gradient-sharing run must show to count as one, from its training statistics rather than its logs: every
 * expected worker fitted minibatches, together they fitted each exported minibatch once, and the parameters moved. A
 * run in which one worker did all the training (the other never joined, or joined and idled) fails it, and so does a
 * run whose mesh never formed: its parameters stay as initialised.
 */
public final class SharingEvidence {
  /**
   * Smallest L2 change of the parameters that counts as trained: a network whose updates never arrived stays exactly
   * where it was initialised (0); one epoch of the tests' small networks moves it by 0.1 or more.
   */
  public static final double MIN_PARAMETER_CHANGE = 1e-3;

  private SharingEvidence() {}

  /**
   * Why the run does not show gradient sharing by {@code workers}; empty when it does.
   *
   * @param fitted minibatches fitted by each worker, by executor id ({@link TrainResult#minibatchesFitted()})
   * @param exported minibatches exported for the epochs the run trained
   * @param parameterChange L2 change of the parameters ({@link TrainResult#parameterChange()})
   * @param workers the executor ids that must each have fitted minibatches
   */
  public static List<String> problems(Map<String, Long> fitted, long exported, double parameterChange,
      Set<String> workers) {
    List<String> problems = new ArrayList<>();
    for (String worker : new TreeSet<>(workers)) {
      long count = fitted.getOrDefault(worker, 0L);
      if (count <= 0) {
        problems.add("worker " + worker + " fitted no minibatch (fitted=" + fitted + ")");
      }
    }
    Set<String> unexpected = new TreeSet<>(fitted.keySet());
    unexpected.removeAll(workers);
    if (!unexpected.isEmpty()) {
      problems.add("minibatches fitted by " + unexpected + ", not one of the workers " + new TreeSet<>(workers));
    }
    long total = fitted.values().stream().mapToLong(Long::longValue).sum();
    if (total != exported) {
      problems.add("the workers fitted " + total + " minibatches, not the " + exported + " exported");
    }
    if (!(parameterChange > MIN_PARAMETER_CHANGE)) {
      problems.add("the parameters moved by " + parameterChange + ", not more than " + MIN_PARAMETER_CHANGE);
    }
    return problems;
  }
}
