package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.spark.SparkSessions;
import io.dunkclip.video.Tapes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every Spark command takes. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[*], or what spark-submit set)")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A Spark (spark.*) or dunkclip (dunkclip.*) setting; repeatable. Overrides conf/dunkclip.conf.")
  Map<String, String> conf = new LinkedHashMap<>();

  private Map<String, String> settings;

  public Map<String, String> settings() {
    if (settings == null) {
      settings = Settings.load(conf);
    }
    return settings;
  }

  public SparkSession session(String command) {
    return SparkSessions.create("dunkclip " + command, master(), Settings.spark(settings()));
  }

  /**
   * The session of a command whose tasks decode or encode video. With a local master those tasks run in this JVM,
   * so FFmpeg's libraries load while Spark starts rather than in the first tasks.
   */
  public SparkSession videoSession(String command) {
    String chosen = master() != null ? master() : System.getProperty("spark.master", "");
    if (chosen.startsWith("local")) {
      Tapes.loadFfmpegInBackground();
    }
    return session(command);
  }

  private String master() {
    if (master == null && System.getProperty("spark.master") == null) {
      return SparkSessions.DEFAULT_MASTER;
    }
    return master;
  }
}
