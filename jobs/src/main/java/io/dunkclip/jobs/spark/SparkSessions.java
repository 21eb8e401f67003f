package io.dunkclip.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session a command runs in. Precedence, lowest first: built-in defaults for a laptop or CI box,
 * then {@code conf/dunkclip.conf}, then {@code --conf key=value} on the command line.
 */
public final class SparkSessions {
  public static final String DEFAULT_MASTER = "local[*]";

  /** Sessions a notebook builds itself can set this too; without it extract is slower, not different. */
  public static final String CONCURRENT_WRITERS_KEY = "spark.sql.maxConcurrentOutputFileWriters";

  static final String CONCURRENT_WRITERS = "4";

  private SparkSessions() {}

  public static SparkSession create(String appName, String master, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setAppName(appName);
    // Defaults sized for 2 cores; every one can be overridden.
    conf.set("spark.ui.enabled", "false");
    conf.set("spark.sql.shuffle.partitions", "8");
    conf.set("spark.ui.showConsoleProgress", "false");
    conf.set("spark.sql.parquet.compression.codec", "snappy");
    // A write partitioned by video (the frames dataset) otherwise sorts every task's rows by video before writing,
    // although an extract task holds one tape: each 224x224 frame row went through the sorter's memory (3.0 GB peak
    // RSS and 2 s more for the extract benchmark, against 1.6 GB). With concurrent writers a task writes each video
    // it meets to its own open file, and sorts only past this many videos.
    conf.set(CONCURRENT_WRITERS_KEY, CONCURRENT_WRITERS);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER); // spark-submit sets spark.master itself
    }
    settings.forEach(conf::set);
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
