package io.dunkclip.jobs.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.jobs.tapes.TapeInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which outputs a command may replace, checked before it reads or decodes anything. A command replaces only what it
 * can prove is its own earlier output: a directory that does not exist yet or is empty, one holding the marker
 * {@value #MARKER} that names this command (every command that replaces a directory writes it there, {@link #mark}),
 * or, for an output an older dunkclip wrote before the marker existed, a file only that command writes
 * ({@link Claim#proofs}, e.g. {@code _tapes.csv} of a frames dataset). Refused whatever the marker says: an output
 * that is a file, that is an input or lies inside one, or that holds an input. The output must also be writable: a
 * probe file is created and deleted where the output is written (in it when it exists, else in the nearest directory
 * above it that exists).
 *
 * <p>The marker's name starts with an underscore, so Spark's and Hadoop's readers of a dataset skip it.
 */
public final class OutputGuard {
  /** The ownership marker in every directory a command replaces; names the command that wrote it. */
  public static final String MARKER = "_dunkclip.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MARKER_MAX_BYTES = 4096;

  private OutputGuard() {}

  /**
   * What a command is about to write.
   *
   * @param command the command, as the marker names it
   * @param option the option naming the output, without dashes ({@code output}, {@code workdir}, {@code detect})
   * @param optionValue that option's value as given (the output itself, or for report the detect directory)
   * @param output the output directory
   * @param inputs what the command reads, by option name (paths or globs; null values are left out)
   * @param proofs names of files that, inside an output without a marker, prove it is this command's output written by
   *     an older dunkclip
   * @param names when not empty, the only entries of the output the command writes: an output holding none of them
   *     is not at risk and may be claimed (the quickstart's working directory)
   * @param wholeDirectory whether the output is replaced as a whole through a hidden sibling, so its parent is
   *     written too, rather than written into
   */
  public record Claim(String command, String option, String optionValue, String output, Map<String, String> inputs,
      List<String> proofs, List<String> names, boolean wholeDirectory) {
    public Claim {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(optionValue, "optionValue");
      Objects.requireNonNull(output, "output");
      inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      proofs = List.copyOf(proofs);
      names = List.copyOf(names);
    }

    /** A claim on {@code output} with no inputs, proofs or names yet. */
    public static Claim of(String command, String option, String output, boolean wholeDirectory) {
      return new Claim(command, option, output, output, Map.of(), List.of(), List.of(), wholeDirectory);
    }

    /** A claim on {@code output}, which lies inside the directory that {@code option} names ({@code value}). */
    public static Claim within(String command, String option, String value, String output, boolean wholeDirectory) {
      return new Claim(command, option, value, output, Map.of(), List.of(), List.of(), wholeDirectory);
    }

    /** This claim, also reading {@code value} given by {@code option} (left out when null). */
    public Claim reading(String inputOption, String value) {
      if (value == null) {
        return this;
      }
      Map<String, String> more = new LinkedHashMap<>(inputs);
      more.put(inputOption, value);
      return new Claim(command, option, optionValue, output, more, proofs, names, wholeDirectory);
    }

    /** This claim, with files that prove an unmarked output is this command's (from before the marker). */
    public Claim provenBy(String... files) {
      return new Claim(command, option, optionValue, output, inputs, Arrays.asList(files), names, wholeDirectory);
    }

    /** This claim, writing only these entries of the output. */
    public Claim writingOnly(String... entries) {
      return new Claim(command, option, optionValue, output, inputs, proofs, Arrays.asList(entries), wholeDirectory);
    }
  }

  /**
   * Refuses {@code claim} with an {@link OutputRefusedException} (one line naming the path and the fix) unless the
   * command may write its output there; does nothing else. Fails with an {@link UncheckedIOException} when the
   * filesystem cannot be asked.
   */
  public static void check(Claim claim, Configuration conf) {
    Path path = new Path(claim.output());
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path target = fs.makeQualified(path);
      checkInputs(claim, target, conf);
      FileStatus status = status(fs, target);
      if (status != null && status.isFile()) {
        throw refused(claim, "it is a file, and " + claim.command() + " writes a directory there", null,
            "choose a new directory for --" + claim.option());
      }
      if (status != null) {
        checkOwner(claim, fs, target);
      }
      checkWritable(claim, fs, target, status != null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the " + claim.command() + " output " + claim.output() + ": "
          + firstLine(e) + " (" + claim.option() + "=" + claim.optionValue() + ")", e);
    }
  }

  /**
   * Refuses an output that is a file or cannot be written, as {@link #check} does, without asking whose it is (an
   * output root that collects many runs, such as nightly's).
   */
  public static void checkWritable(String command, String option, String output, Configuration conf) {
    Claim claim = Claim.of(command, option, output, false);
    Path path = new Path(output);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path target = fs.makeQualified(path);
      FileStatus status = status(fs, target);
      if (status != null && status.isFile()) {
        throw refused(claim, "it is a file, and " + command + " writes a directory there", null,
            "choose a new directory for --" + option);
      }
      checkWritable(claim, fs, target, status != null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the " + command + " output " + output + ": " + firstLine(e) + " ("
          + option + "=" + output + ")", e);
    }
  }

  /** Writes the marker naming {@code command} into {@code dir}: from now on {@code command} may replace it. */
  public static void mark(String dir, String command, Configuration conf) {
    Map<String, String> marker = new LinkedHashMap<>();
    marker.put("command", command);
    marker.put("about", "written by dunkclip " + command + ": its next run may replace this directory; other commands"
        + " refuse to");
    Outputs.writeFile(Outputs.child(dir, MARKER), conf, out -> out.write(JSON.writeValueAsBytes(marker)));
  }

  private static void checkInputs(Claim claim, Path target, Configuration conf) throws IOException {
    for (Map.Entry<String, String> input : claim.inputs().entrySet()) {
      String setting = input.getKey() + "=" + input.getValue();
      String fix = "choose an --" + claim.option() + " outside the inputs";
      for (Path path : inputPaths(input.getValue(), conf)) {
        if (sameFileSystem(path, target) && path.toUri().getPath().equals(target.toUri().getPath())) {
          throw refused(claim, "it is the " + input.getKey() + " itself", setting, fix);
        }
        if (inside(target, path)) {
          throw refused(claim, "it lies inside the " + input.getKey() + " " + Outputs.display(path), setting, fix);
        }
        if (inside(path, target)) {
          throw refused(claim, "it holds the " + input.getKey() + " " + Outputs.display(path), setting, fix);
        }
      }
    }
  }

  /** An input as paths: itself, or for a glob that names no existing path, what it matches. */
  private static List<Path> inputPaths(String input, Configuration conf) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    List<Path> paths = new ArrayList<>();
    if (TapeInputs.hasGlob(input) && !fs.exists(path)) {
      FileStatus[] matches = fs.globStatus(path);
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        paths.add(fs.makeQualified(match.getPath()));
      }
    } else {
      paths.add(fs.makeQualified(path));
    }
    return paths;
  }

  private static void checkOwner(Claim claim, FileSystem fs, Path target) throws IOException {
    FileStatus[] children = fs.listStatus(target);
    if (children.length == 0) {
      return;
    }
    Path marker = new Path(target, MARKER);
    if (fs.exists(marker)) {
      String owner = readCommand(fs, marker);
      if (claim.command().equals(owner)) {
        return;
      }
      throw refused(claim, "it holds the output of " + (owner == null ? "an unknown command" : "dunkclip " + owner)
          + " (" + MARKER + "), not of " + claim.command(), null, "choose another --" + claim.option());
    }
    for (String proof : claim.proofs()) {
      if (fs.exists(new Path(target, proof))) {
        return;
      }
    }
    if (!claim.names().isEmpty()
        && Arrays.stream(children).noneMatch(child -> claim.names().contains(child.getPath().getName()))) {
      return;
    }
    throw refused(claim, "it holds files that dunkclip " + claim.command() + " did not write (no " + MARKER
        + " in it)", null, "choose a new or empty --" + claim.option() + ", or move what is in " + claim.output()
        + " elsewhere first");
  }

  private static void checkWritable(Claim claim, FileSystem fs, Path target, boolean exists) throws IOException {
    Path dir = exists ? target : target.getParent();
    while (dir != null && !fs.exists(dir)) {
      dir = dir.getParent();
    }
    String fix = "choose a writable --" + claim.option();
    if (dir == null) {
      throw refused(claim, "no directory above it exists", null, fix);
    }
    if (fs.getFileStatus(dir).isFile()) {
      throw refused(claim, Outputs.display(dir) + " is a file, not a directory", null,
          "choose another --" + claim.option());
    }
    probe(claim, fs, dir, fix);
    if (exists && claim.wholeDirectory() && target.getParent() != null) {
      probe(claim, fs, target.getParent(), fix); // the new output is written beside the old one, then renamed
    }
  }

  /** Creates and deletes a hidden file in {@code dir}; refuses the claim when it cannot be created. */
  private static void probe(Claim claim, FileSystem fs, Path dir, String fix) throws IOException {
    FileSystem raw = Outputs.withoutChecksumFiles(fs);
    Path probe = new Path(dir, "._dunkclip-write-probe-" + UUID.randomUUID());
    try {
      raw.create(probe, false).close();
    } catch (IOException e) {
      // Local files say "<probe path> (Permission denied)": the reason without the probe's made-up name.
      String reason = firstLine(e).replace(probe.toString(), "").replace(probe.toUri().getPath(), "").strip();
      if (reason.startsWith("(") && reason.endsWith(")")) {
        reason = reason.substring(1, reason.length() - 1);
      }
      OutputRefusedException refusal = refused(claim, Outputs.display(dir) + " is not writable (" + reason + ")",
          null, fix);
      refusal.initCause(e);
      throw refusal;
    }
    raw.delete(probe, false);
  }

  private static String readCommand(FileSystem fs, Path marker) throws IOException {
    try (InputStream in = fs.open(marker)) {
      JsonNode command;
      try {
        command = JSON.readTree(in.readNBytes(MARKER_MAX_BYTES)).get("command");
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return null; // not a marker this dunkclip wrote: the output is not provably its own
      }
      return command != null && command.isTextual() ? command.asText() : null;
    }
  }

  private static FileStatus status(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (org.apache.hadoop.fs.ParentNotDirectoryException e) {
      return null; // below a file: checkWritable names the file
    }
  }

  private static boolean sameFileSystem(Path a, Path b) {
    return Objects.equals(lower(a.toUri().getScheme()), lower(b.toUri().getScheme()))
        && Objects.equals(lower(a.toUri().getAuthority()), lower(b.toUri().getAuthority()));
  }

  /** Whether {@code child} lies strictly inside {@code parent} (both qualified). */
  static boolean inside(Path child, Path parent) {
    if (!sameFileSystem(child, parent)) {
      return false;
    }
    String dir = parent.toUri().getPath();
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    String path = child.toUri().getPath();
    return path.startsWith(prefix) && path.length() > prefix.length();
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  private static OutputRefusedException refused(Claim claim, String why, String inputSetting, String fix) {
    String settings = claim.option() + "=" + claim.optionValue() + (inputSetting == null ? "" : ", " + inputSetting);
    return new OutputRefusedException("Cannot write the " + claim.command() + " output to " + claim.output() + ": "
        + why + " (" + settings + "); " + fix);
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
