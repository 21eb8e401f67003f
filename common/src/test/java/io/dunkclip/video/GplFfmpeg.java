package io.dunkclip.video;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} program of the GPL FFmpeg build (a test dependency, never shipped), which has libx265: the only
 * way here to make HEVC tapes like the ones recent phones record. Extracted once into JavaCPP's cache; the program
 * finds its libraries beside it ($ORIGIN rpath).
 */
final class GplFfmpeg {
  private static String path;

  private GplFfmpeg() {}

  static synchronized String ffmpeg() {
    if (path == null) {
      try {
        File[] files = Loader.cacheResources("/org/bytedeco/ffmpeg/" + Loader.getPlatform() + "-gpl/");
        File program = null;
        for (File file : files) {
          File candidate = new File(file, "ffmpeg");
          if (file.getName().equals("ffmpeg")) {
            program = file;
          } else if (candidate.isFile()) {
            program = candidate;
          }
        }
        if (program == null) {
          throw new IllegalStateException("The GPL FFmpeg test dependency holds no ffmpeg program (looked in "
              + java.util.Arrays.toString(files) + ")");
        }
        if (!program.canExecute() && !program.setExecutable(true)) {
          throw new IllegalStateException("Cannot make " + program + " executable");
        }
        path = program.getAbsolutePath();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot extract the GPL FFmpeg build's ffmpeg program", e);
      }
    }
    return path;
  }
}
