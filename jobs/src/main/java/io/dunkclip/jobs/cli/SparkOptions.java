package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.spark.SparkSessions;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every Spark command takes: the settings ({@code --conf}) and {@code --master}. */
public final class SparkOptions extends SettingsOptions {
  /**
   * The master URL forms Spark 3.5 starts a session with. Spark refuses any other form only once the session starts,
   * with its own error; checked here it is a usage error that names where the URL came from.
   */
  private static final Pattern MASTER = Pattern.compile("local"
      + "|local\\[(\\*|[1-9][0-9]*)(\\s*,\\s*[1-9][0-9]*)?\\]"
      + "|local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*\\]"
      + "|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[*], or what spark-submit set)")
  String master;

  @Override
  void check(Map<String, String> loaded) {
    if (master != null) {
      checkMaster(master, "master");
    }
    super.check(loaded);
  }

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
