package io.dunkclip.jobs.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of the project uses which, read from the sources: imports and fully qualified names in code (not in
 * comments or strings), the same dependencies the compiler sees. Small on purpose: the project's own packages only.
 */
final class PackageGraph {
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  /** A qualified name of the project: lower-case package parts, then a type (upper-case initial). */
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.dunkclip(?:\\.[a-z_][a-z0-9_]*)+(?=\\.[A-Z])");

  /** package → the packages it uses → the files that use them. */
  private final Map<String, Map<String, Set<String>>> uses = new TreeMap<>();

  static PackageGraph of(Path... sourceRoots) {
    PackageGraph graph = new PackageGraph();
    for (Path root : sourceRoots) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(file -> file.toString().endsWith(".java")).forEach(file -> graph.add(root.relativize(file),
            read(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the sources under " + root + ": " + e.getMessage(), e);
      }
    }
    return graph;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  void add(Path file, String source) {
    String code = codeOnly(source);
    Matcher declared = PACKAGE.matcher(code);
    if (!declared.find()) {
      return;
    }
    String pkg = declared.group(1);
    Map<String, Set<String>> used = uses.computeIfAbsent(pkg, p -> new TreeMap<>());
    Matcher reference = REFERENCE.matcher(code);
    while (reference.find()) {
      if (!reference.group().equals(pkg)) {
        used.computeIfAbsent(reference.group(), p -> new TreeSet<>()).add(file.toString());
      }
    }
  }

  Set<String> packages() {
    return uses.keySet();
  }

  /** The project's packages that {@code pkg} uses; empty for a package without sources. */
  Set<String> used(String pkg) {
    return uses.getOrDefault(pkg, Map.of()).keySet();
  }

  /**
   * The package cycles: each group of packages that reach one another (strongly connected, Tarjan's algorithm), with
   * the uses inside the group and the files that make them; empty when the graph is free of cycles.
   */
  List<String> cycles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> groups = new ArrayList<>();
    for (String pkg : uses.keySet()) {
      if (!index.containsKey(pkg)) {
        connect(pkg, index, low, stack, onStack, groups);
      }
    }
    List<String> cycles = new ArrayList<>();
    for (Set<String> group : groups) {
      StringBuilder cycle = new StringBuilder(String.join(" <-> ", group));
      for (String from : group) {
        uses.getOrDefault(from, Map.of()).forEach((to, files) -> {
          if (group.contains(to)) {
            cycle.append("\n  ").append(from).append(" -> ").append(to).append(" in ").append(files);
          }
        });
      }
      cycles.add(cycle.toString());
    }
    return cycles;
  }

  private void connect(String pkg, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> groups) {
    index.put(pkg, index.size());
    low.put(pkg, index.get(pkg));
    stack.push(pkg);
    onStack.add(pkg);
    for (String next : uses.getOrDefault(pkg, Map.of()).keySet()) {
      if (!index.containsKey(next)) {
        connect(next, index, low, stack, onStack, groups);
        low.put(pkg, Math.min(low.get(pkg), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(pkg, Math.min(low.get(pkg), index.get(next)));
      }
    }
    if (low.get(pkg).equals(index.get(pkg))) {
      Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(pkg));
      if (group.size() > 1) {
        groups.add(group);
      }
    }
  }

  /** The source with comments, string, text-block and character literals blanked out. */
  static String codeOnly(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        code.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? n : end + 3;
        code.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < n && source.charAt(end) != c) {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        i = end + 1;
        code.append(c).append(c);
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }
}
