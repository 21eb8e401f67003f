package io.dunkclip.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs bundled with the FFmpeg natives (same build as the library), so
 * tests and benchmarks can compare with FFmpeg's own command line on a machine that has no FFmpeg installed.
 */
public final class FfmpegTools {
  private FfmpegTools() {}

  /** Output and exit status of a finished program. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Prints the path of the bundled {@code ffmpeg} or {@code ffprobe} (for scripts/bench). */
  public static void main(String[] args) {
    System.out.println(args.length > 0 && args[0].equals("ffprobe") ? ffprobe() : ffmpeg());
  }

  public static String ffmpeg() {
    return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
  }

  public static String ffprobe() {
    return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
  }

  /** Runs a program to completion; fails with its stderr when it exits non-zero. */
  public static Run run(String program, String... args) {
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      java.util.concurrent.CompletableFuture<String> stderr = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> readAll(process.getErrorStream()));
      String stdout = readAll(process.getInputStream());
      int code = process.waitFor();
      Run run = new Run(code, stdout, stderr.join());
      if (code != 0) {
        throw new IllegalStateException("Command failed with exit code " + code + ": " + String.join(" ", command)
            + "\n" + run.stderr());
      }
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + program, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + program, e);
    }
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
