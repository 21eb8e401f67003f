package io.dunkclip.jobs;

import io.dunkclip.jobs.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session per test JVM, UI off, shared by every test class (starting Spark costs
 * seconds). Never stopped by a test: the JVM's exit ends it.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.create("dunkclip-tests", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }
    return session;
  }
}
