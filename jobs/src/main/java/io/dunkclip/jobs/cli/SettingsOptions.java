package io.dunkclip.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/**
 * The option every command takes: {@code --conf KEY=VALUE} over {@code conf/dunkclip.conf}. A command without a Spark
 * session (sample, evaluate) takes only this; {@link SparkOptions} adds {@code --master}. Either way the command's
 * filesystem comes from {@link #hadoop()}, so {@code spark.hadoop.*} settings reach it.
 */
public class SettingsOptions {
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark (spark.*) or dunkclip (dunkclip.*) setting; repeatable. Overrides conf/dunkclip.conf.")
  List<String> conf = new ArrayList<>();

  private Map<String, String> settings;

  /**
   * The settings of this run (conf/dunkclip.conf, then --conf), after checking the command line's part of them:
   * each --conf is KEY=VALUE and a {@code spark.master} is a URL Spark knows.
   *
   * @throws UsageException naming the value and the fix
   */
  public Map<String, String> settings() {
    if (settings == null) {
      Map<String, String> fromCommandLine = new LinkedHashMap<>();
      for (String setting : conf) {
        int equals = setting.indexOf('=');
        if (equals < 0) {
          throw new UsageException("Cannot use --conf " + setting + ": a setting is KEY=VALUE and this one has no"
              + " '='; write --conf " + setting + "=VALUE (conf=" + setting + ")");
        }
        fromCommandLine.put(setting.substring(0, equals).trim(), setting.substring(equals + 1));
      }
      Map<String, String> loaded = Settings.load(fromCommandLine);
      check(loaded);
      settings = loaded;
    }
    return settings;
  }

  /** Checks the loaded settings before they are used; {@link SparkOptions} adds the master's. */
  void check(Map<String, String> loaded) {
    if (loaded.containsKey("spark.master")) {
      SparkOptions.checkMaster(loaded.get("spark.master"), "spark.master");
    }
  }

  /**
   * The Hadoop configuration of this run: its {@code spark.hadoop.*} settings (those spark-submit passes as system
   * properties, then the command's), as a Spark session would have it. Commands without a session use it for their
   * filesystem; the others for the checks made before Spark starts.
   */
  public Configuration hadoop() {
    Configuration hadoop = new Configuration();
    System.getProperties().stringPropertyNames().forEach(key -> {
      if (key.startsWith(HADOOP_PREFIX)) {
        hadoop.set(key.substring(HADOOP_PREFIX.length()), System.getProperty(key));
      }
    });
    settings().forEach((key, value) -> {
      if (key.startsWith(HADOOP_PREFIX)) {
        hadoop.set(key.substring(HADOOP_PREFIX.length()), value);
      }
    });
    return hadoop;
  }
}
