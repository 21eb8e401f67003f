package io.dunkclip.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Spark and dunkclip settings with one precedence, lowest first: {@code conf/dunkclip.conf} (a properties file,
 * found through {@code $DUNKCLIP_CONF} or {@code $DUNKCLIP_HOME/conf/dunkclip.conf}), then {@code --conf key=value}.
 * Keys starting with {@code spark.} go to Spark; keys starting with {@code dunkclip.} configure the jobs.
 */
public final class Settings {
  private Settings() {}

  public static Map<String, String> load(Map<String, String> fromCommandLine) {
    Map<String, String> settings = new LinkedHashMap<>();
    Path file = confFile();
    if (file != null && Files.isRegularFile(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read settings file " + file + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).trim()));
    }
    settings.putAll(fromCommandLine);
    for (String key : settings.keySet()) {
      if (!key.startsWith("spark.") && !key.startsWith("dunkclip.")) {
        // Given with --conf it is bad usage (exit 2); in the settings file it is that file's problem.
        boolean given = fromCommandLine.containsKey(key);
        String message = "Cannot use setting " + key + ": settings start with spark. or dunkclip. (from "
            + (given ? "--conf" : file) + ")";
        throw given ? new UsageException(message) : new IllegalArgumentException(message);
      }
    }
    return settings;
  }

  public static Map<String, String> spark(Map<String, String> settings) {
    Map<String, String> spark = new LinkedHashMap<>();
    settings.forEach((key, value) -> {
      if (key.startsWith("spark.")) {
        spark.put(key, value);
      }
    });
    return spark;
  }

  static Path confFile() {
    String explicit = System.getenv("DUNKCLIP_CONF");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = System.getenv("DUNKCLIP_HOME");
    return home == null || home.isBlank() ? null : Path.of(home, "conf", "dunkclip.conf");
  }
}
