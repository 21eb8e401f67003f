package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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

  /**
   * The Hadoop configuration the session will have (its {@code spark.hadoop.*} settings: those spark-submit passes as
   * system properties, then the command's), for checks made before Spark starts.
   */
  public Configuration hadoop() {
    Configuration conf = new Configuration();
    System.getProperties().stringPropertyNames().forEach(key -> {
      if (key.startsWith(HADOOP_PREFIX)) {
        conf.set(key.substring(HADOOP_PREFIX.length()), System.getProperty(key));
      }
    });
    settings().forEach((key, value) -> {
      if (key.startsWith(HADOOP_PREFIX)) {
        conf.set(key.substring(HADOOP_PREFIX.length()), value);
      }
    });
    return conf;
  }

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  public SparkSession session(String command) {
    String chosen = master;
    if (chosen == null && System.getProperty("spark.master") == null) {
      chosen = SparkSessions.DEFAULT_MASTER;
    }
    return SparkSessions.create("dunkclip " + command, chosen, Settings.spark(settings()));
  }
}
