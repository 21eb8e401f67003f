package io.dunkclip.jobs.tapes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns the user's {@code --input PATH_OR_GLOB} into tapes. A directory given by name stands for the video files in
 * it; a glob stands for exactly what it matches, so a directory or a missing file among the matches becomes a tape
 * with a problem that the job reports; a path that exists as written is taken literally even when its name holds glob
 * characters. Two tapes with one file name are refused: the name is the tape's key.
 */
public final class TapeInputs {
  /** File extensions taken from a directory given by name. */
  public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "m4v", "mkv", "avi", "webm", "3gp");

  private TapeInputs() {}

  /** The input names no file at all: a directory without video files, or a glob that matches nothing. */
  public static final class NoTapesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NoTapesException(String message) {
      super(message);
    }
  }

  public static List<TapeRef> resolve(String pathOrGlob, Configuration conf) {
    try {
      return checkUniqueNames(find(pathOrGlob, conf), pathOrGlob);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list tapes: " + e.getMessage() + " (input=" + pathOrGlob + ")", e);
    }
  }

  private static List<TapeRef> find(String pathOrGlob, Configuration conf) throws IOException {
    Path path = new Path(pathOrGlob);
    FileSystem fs = path.getFileSystem(conf);
    List<TapeRef> tapes = new ArrayList<>();
    // A file whose name holds glob characters (phones and editors write "dunk [1].mp4") is itself when it exists.
    if (!hasGlob(pathOrGlob) || fs.exists(path)) {
      Path qualified = fs.makeQualified(path);
      FileStatus status;
      try {
        status = fs.getFileStatus(qualified);
      } catch (FileNotFoundException e) {
        tapes.add(new TapeRef(qualified.toString(), qualified.getName(), -1, 0, "no such file"));
        return tapes;
      }
      if (status.isDirectory()) {
        FileStatus[] children = fs.listStatus(qualified);
        Arrays.sort(children);
        for (FileStatus child : children) {
          if (child.isFile() && isVideoName(child.getPath().getName())) {
            tapes.add(ref(child));
          }
        }
        if (tapes.isEmpty()) {
          throw new NoTapesException("Cannot find tapes: the directory holds no video files ("
              + String.join(", ", VIDEO_EXTENSIONS) + ") (input=" + pathOrGlob + ")");
        }
        return tapes;
      }
      tapes.add(ref(status));
      return tapes;
    }
    FileStatus[] matches = fs.globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new NoTapesException(
          "Cannot find tapes: the pattern matches nothing (input=" + pathOrGlob + "); check the path and quoting");
    }
    Arrays.sort(matches);
    for (FileStatus match : matches) {
      tapes.add(ref(match));
    }
    return tapes;
  }

  private static TapeRef ref(FileStatus status) {
    String uri = status.getPath().toString();
    String name = status.getPath().getName();
    if (status.isDirectory()) {
      return new TapeRef(uri, name, -1, status.getModificationTime(), "is a directory, not a video file");
    }
    return new TapeRef(uri, name, status.getLen(), status.getModificationTime(), null);
  }

  static boolean isVideoName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  public static boolean hasGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<TapeRef> checkUniqueNames(List<TapeRef> tapes, String input) {
    Map<String, String> seen = new HashMap<>();
    for (TapeRef tape : tapes) {
      String earlier = seen.putIfAbsent(tape.name(), tape.uri());
      if (earlier != null) {
        throw new IllegalArgumentException("Cannot use two tapes with the same file name " + tape.name() + ": "
            + earlier + " and " + tape.uri() + " (the file name is the tape's key in CSV files; rename one) (input="
            + input + ")");
      }
    }
    return tapes;
  }
}
