package io.dunkclip.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code ffmpeg} program of the GPL FFmpeg build, which has libx265: the only way here to make HEVC tapes like the
 * ones recent phones record. The build's jar is copied by Maven beside the tests (never onto a classpath, where
 * JavaCPP would load its libraries in place of the shipped LGPL ones) and unpacked once into a temporary folder; the
 * program finds its libraries beside it ($ORIGIN rpath).
 */
final class GplFfmpeg {
  static final String JAR_PROPERTY = "dunkclip.test.gplFfmpegJar";
  private static String path;

  private GplFfmpeg() {}

  static synchronized String ffmpeg() {
    if (path == null) {
      String jar = System.getProperty(JAR_PROPERTY);
      if (jar == null || !Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException("Cannot find the GPL FFmpeg jar the HEVC tests need (" + JAR_PROPERTY + "="
            + jar + "); run the tests through Maven, which copies it to common/target/gpl-ffmpeg");
      }
      try (ZipFile zip = new ZipFile(jar)) {
        Path dir = Files.createTempDirectory("dunkclip-gpl-ffmpeg");
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          String name = entry.getName();
          int slash = name.lastIndexOf('/');
          if (entry.isDirectory() || !name.startsWith("org/bytedeco/ffmpeg/")) {
            continue;
          }
          Path target = dir.resolve(name.substring(slash + 1));
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Path program = dir.resolve("ffmpeg");
        if (!Files.isRegularFile(program) || !program.toFile().setExecutable(true)) {
          throw new IllegalStateException("The GPL FFmpeg jar " + jar + " holds no usable ffmpeg program");
        }
        path = program.toString();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot unpack the GPL FFmpeg build's ffmpeg program from " + jar, e);
      }
    }
    return path;
  }
}
