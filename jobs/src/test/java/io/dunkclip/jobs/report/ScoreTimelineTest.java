package io.dunkclip.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.detect.SegmentScores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timelines built from detect's scores in memory equal those read back from the scores dataset. */
class ScoreTimelineTest {
  @TempDir Path dir;

  @Test
  void timelinesFromScoresInMemoryEqualTimelinesReadFromTheDataset() {
    SparkSession spark = TestSpark.session();
    Random random = new Random(42);
    List<SegmentScores> segments = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    // A long tape (buckets of several frames, segments cutting buckets anywhere), a short one (a point per frame),
    // a tape whose scores stop early (damage), single keyframe scores as fast mode keeps them, and an empty segment.
    addTape(segments, rows, "long.mp4", 0, 7_777, random, new int[] {300, 1, 997, 4_000, 2_479});
    addTape(segments, rows, "short.mp4", 0, 120, random, new int[] {50, 70});
    addTape(segments, rows, "damaged.mp4", 0, 3_650, random, new int[] {1_800, 1_850});
    segments.add(new SegmentScores("damaged.mp4", 3_650, new float[0], List.of(), "decoding stopped"));
    for (long keyframe : new long[] {4_000, 4_030, 4_060}) {
      float score = random.nextFloat();
      segments.add(new SegmentScores("damaged.mp4", keyframe, new float[] {score}, List.of(), null));
      rows.add(RowFactory.create("damaged.mp4", keyframe, score));
    }
    java.util.Collections.shuffle(segments, random);

    String scoresDir = dir.resolve("scores").toString();
    StructType schema = new StructType().add("video", DataTypes.StringType, false)
        .add("frame", DataTypes.LongType, false).add("score", DataTypes.FloatType, false);
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(scoresDir);

    Map<String, ScoreTimeline> read = ScoreTimeline.read(spark, scoresDir);
    Map<String, ScoreTimeline> inMemory = ScoreTimeline.fromScores(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(segments, 4));

    assertThat(inMemory.keySet()).containsExactlyInAnyOrder("long.mp4", "short.mp4", "damaged.mp4")
        .isEqualTo(read.keySet());
    for (String video : read.keySet()) {
      ScoreTimeline expected = read.get(video);
      ScoreTimeline actual = inMemory.get(video);
      assertThat(actual.bucketFrames()).as(video).isEqualTo(expected.bucketFrames());
      assertThat(actual.firstFrames()).as(video).containsExactly(expected.firstFrames());
      assertThat(actual.maxScores()).as(video).containsExactly(expected.maxScores());
    }
    assertThat(inMemory.get("long.mp4").bucketFrames()).isEqualTo(5); // 7777 frames in at most 1800 points
    assertThat(inMemory.get("short.mp4").bucketFrames()).isEqualTo(1);
    assertThat(inMemory.get("damaged.mp4").firstFrames()).endsWith(4_000L, 4_030L, 4_060L);
  }

  private static void addTape(List<SegmentScores> segments, List<Row> rows, String video, long first, long frames,
      Random random, int[] cuts) {
    long start = first;
    for (int length : cuts) {
      float[] scores = new float[length];
      for (int i = 0; i < length; i++) {
        scores[i] = random.nextFloat();
        rows.add(RowFactory.create(video, start + i, scores[i]));
      }
      segments.add(new SegmentScores(video, start, scores, List.of(), null));
      start += length;
    }
    assertThat(start - first).isEqualTo(frames);
  }
}
