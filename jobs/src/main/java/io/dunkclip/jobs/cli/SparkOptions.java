package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.spark.SparkSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every Spark command takes. */
public final class SparkOptions {
  /** The master URLs Spark 3.5 accepts (SparkContext.createTaskScheduler and its cluster managers). */
  private static final Pattern MASTER = Pattern.compile("local"
      + "|local\\[(\\*|[1-9][0-9]*)(\\s*,\\s*[1-9][0-9]*)?\\]"
      + "|local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*\\]"
      + "|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[*], or what spark-submit set)")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark (spark.*) or dunkclip (dunkclip.*) setting; repeatable. Overrides conf/dunkclip.conf.")
  List<String> conf = new ArrayList<>();

  private Map<String, String> settings;

  /**
   * The settings of this run (conf/dunkclip.conf, then --conf), after checking the command line's part of them:
   * each --conf is KEY=VALUE and the master URL is one Spark knows.
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
      if (master != null) {
        checkMaster(master, "master");
      }
      if (loaded.containsKey("spark.master")) {
        checkMaster(loaded.get("spark.master"), "spark.master");
      }
      settings = loaded;
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
    Map<String, String> checked = settings();
    String chosen = master;
    if (chosen == null && System.getProperty("spark.master") == null) {
      chosen = SparkSessions.DEFAULT_MASTER;
    }
    return SparkSessions.create("dunkclip " + command, chosen, Settings.spark(checked));
  }

  /** Refuses a master URL Spark would not parse, before a session is started, naming where it came from. */
  static void checkMaster(String url, String setting) {
    if (!MASTER.matcher(url.trim()).matches()) {
      throw new UsageException("Cannot start Spark: the master URL is not one Spark knows; use local[*], local[N],"
          + " local-cluster[N,C,M], spark://HOST:PORT, yarn or k8s://URL (" + setting + "=" + url + ")");
    }
  }
}
