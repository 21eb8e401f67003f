package io.dunkclip.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A labels file that cannot be used for the tapes at hand, with every problem found, so one run shows all there is
 * to fix rather than one line per attempt.
 *
 * <p>The message has one line per problem, in the order of {@link #problems()}; the first names the first problem's
 * line. It lists at most {@link #MAX_LISTED} problems and then says how many more there are.
 */
public final class LabelProblemsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Problems spelled out in the message; a file with thousands of gaps should not fill the terminal. */
  public static final int MAX_LISTED = 20;

  private final String source;
  private final List<LabelProblem> problems;

  /**
   * @param source the labels file's name or path, as the user knows it
   * @param problems at least one problem, in the order to report them
   */
  public LabelProblemsException(String source, List<LabelProblem> problems) {
    this(source, problems, message(problems.stream().map(p -> p.describe(source)).toList(), source));
  }

  private LabelProblemsException(String source, List<LabelProblem> problems, String message) {
    super(message);
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems of several labels files at once, each line naming its own file; {@link #source()} names them all.
   *
   * @param bySource each file's problems (at least one in all), in the order to report them
   */
  public static LabelProblemsException ofFiles(Map<String, List<LabelProblem>> bySource) {
    List<LabelProblem> all = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    bySource.forEach((source, problems) -> {
      all.addAll(problems);
      problems.forEach(p -> lines.add(p.describe(source)));
    });
    String sources = String.join(" + ", bySource.keySet());
    return new LabelProblemsException(sources, all, message(lines, sources));
  }

  private static String message(List<String> problems, String source) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot report label problems: there are none (source=" + source + ")");
    }
    StringBuilder message = new StringBuilder();
    int listed = Math.min(problems.size(), MAX_LISTED);
    for (int i = 0; i < listed; i++) {
      if (i > 0) {
        message.append('\n');
      }
      message.append(problems.get(i));
    }
    if (problems.size() > listed) {
      message.append("\n... and ").append(problems.size() - listed).append(" more problems in ").append(source);
    }
    return message.toString();
  }

  /** The labels file's name or path, as given to the check. */
  public String source() {
    return source;
  }

  /** Every problem found, in the order of the message. */
  public List<LabelProblem> problems() {
    return problems;
  }

  /** The line of the first problem, or 0 when it belongs to no line. */
  public long line() {
    return problems.get(0).line();
  }
}
