package io.dunkclip.jobs.detect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;

import io.dunkclip.background.Background;
import io.dunkclip.jobs.extract.BackgroundFiles;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.FramesDataset;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.spark.ModelPool;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.model.BatchScorer;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Scores detect's other source, stored frames (where {@link SegmentScoring} scores frames decoded from tapes): a frames
 * dataset written by {@code dunkclip extract} (Parquet layout, with {@code _tapes.csv}, opened as a
 * {@link FramesDataset}). The stored frames are scored as they are, so they must have the model's input size and fit.
 * Rows are spread over tasks by (video, block of {@code segmentFrames}) and sorted within each task; every run of
 * consecutive frames of one video becomes a {@link SegmentScores}, so the runs stitch exactly as from tapes. Clip
 * times come from the stored timestamps, the same as a probe of the tape gives.
 */
final class StoredFrameScoring {
  private StoredFrameScoring() {}

  /** A frame's identity while it waits in a batch. */
  private record FrameKey(String video, long frame) {}

  static DetectJob.Scoring score(SparkSession spark, DetectConfig config, ModelMetadata metadata,
      SegmentScoring scoring, Configuration conf) {
    String dir = config.frames();
    FramesDataset dataset = FramesDataset.open(dir, conf);
    dataset.requireModelInput(spark, metadata, config.model());
    List<TapeTable.Entry> table = dataset.tapes();
    Dataset<Row> frames = spark.read().parquet(dir);

    // Each tape's frame table, from the stored timestamps: 8 bytes a frame on the driver.
    Map<String, long[]> timestamps = new HashMap<>();
    Map<String, Integer> filled = new HashMap<>();
    for (TapeTable.Entry entry : table) {
      timestamps.put(entry.video(), new long[(int) entry.frames()]);
      filled.put(entry.video(), 0);
    }
    List<TapeError> errors = new ArrayList<>();
    Iterator<Row> stamps = frames.select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.TIMESTAMP_US)
        .toLocalIterator();
    while (stamps.hasNext()) {
      Row row = stamps.next();
      long[] tapeStamps = timestamps.get(row.getString(0));
      long frame = row.getLong(1);
      if (tapeStamps != null && frame >= 0 && frame < tapeStamps.length) {
        tapeStamps[(int) frame] = row.getLong(2);
        filled.merge(row.getString(0), 1, Integer::sum);
      }
    }
    Map<String, TapeInfo> infos = new LinkedHashMap<>();
    for (TapeTable.Entry entry : table) {
      if (filled.get(entry.video()) != entry.frames()) {
        errors.add(new TapeError(entry.video(), entry.uri(), "frames", "the frames dataset holds "
            + filled.get(entry.video()) + " of its " + entry.frames() + " frames (see " + dir + "/_errors.csv);"
            + " extract it again to detect in it", filled.get(entry.video())));
        continue;
      }
      long[] ts = timestamps.get(entry.video());
      boolean increasing = true;
      for (int i = 1; i < ts.length; i++) {
        increasing &= ts[i] > ts[i - 1];
      }
      if (!increasing) {
        errors.add(new TapeError(entry.video(), entry.uri(), "frames",
            "the stored frame timestamps are not increasing; extract it again", 0));
        continue;
      }
      infos.put(entry.video(), new TapeInfo(entry.video(), ts, new long[] {0}, entry.fps(), entry.width(),
          entry.height(), 0, false, 0, 0));
    }

    Map<String, Background> backgrounds = new LinkedHashMap<>();
    if (metadata.needsBackground() && !infos.isEmpty()) {
      Map<String, Long> counts = new LinkedHashMap<>();
      infos.forEach((video, info) -> counts.put(video, info.frameCount()));
      backgrounds.putAll(BackgroundFiles.readFromDataset(spark, dir, counts, metadata.inputWidth(),
          metadata.inputHeight(), conf));
      scoring = scoring.withBackgrounds(JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(DetectJob.forExecutors(backgrounds)));
    }
    SegmentScoring tapeScoring = scoring;

    int segmentFrames = config.segmentFrames();
    long total = infos.values().stream().mapToLong(TapeInfo::frameCount).sum();
    int partitions = (int) Math.max(1, Math.min(100_000, (total + segmentFrames - 1) / segmentFrames));
    List<String> videos = List.copyOf(infos.keySet());
    spark.sparkContext().setJobDescription("dunkclip: detect in the frames dataset " + dir + ", " + videos.size()
        + " tape(s), " + total + " frames");
    JavaRDD<SegmentScores> scored = frames
        .filter(col(FrameRows.VIDEO).isin(videos.toArray()))
        .select(FrameRows.VIDEO, FrameRows.FRAME, FrameRows.IMAGE)
        .repartition(partitions, col(FrameRows.VIDEO), floor(col(FrameRows.FRAME).divide(segmentFrames)))
        .sortWithinPartitions(FrameRows.VIDEO, FrameRows.FRAME)
        .javaRDD()
        .mapPartitions(rows -> scoreSorted(rows, tapeScoring).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new DetectJob.Scoring(scored, List.of(), infos, errors, 0, backgrounds, List.of());
  }

  /** Scores rows sorted by (video, frame); each stretch of consecutive frames of one video becomes one entry. */
  private static List<SegmentScores> scoreSorted(Iterator<Row> rows, SegmentScoring scoring) {
    List<SegmentScores> out = new ArrayList<>();
    DunkModel model = ModelPool.borrow(scoring.modelKey(), scoring.modelFile().value());
    try {
      Piece piece = new Piece();
      // Rows come sorted by video: one scorer per video, since a background model needs each tape's background.
      List<Row> tapeRows = new ArrayList<>();
      while (rows.hasNext() || !tapeRows.isEmpty()) {
        Row next = rows.hasNext() ? rows.next() : null;
        if (next != null && (tapeRows.isEmpty() || tapeRows.get(0).getString(0).equals(next.getString(0)))) {
          tapeRows.add(next);
          continue;
        }
        BatchScorer.scoreAll(tapeRows.iterator(), row -> FrameRows.decode((byte[]) row.get(2)),
            scoring.scorer(model, tapeRows.get(0).getString(0)), scoring.batchSize(), (row, score) -> {
              String video = row.getString(0);
              long frame = row.getLong(1);
              if (!video.equals(piece.video) || frame != piece.first + piece.count) {
                piece.closeInto(out, scoring);
                piece.video = video;
                piece.first = frame;
              }
              piece.add(score);
            });
        tapeRows.clear();
        if (next != null) {
          tapeRows.add(next);
        }
      }
      piece.closeInto(out, scoring);
    } finally {
      ModelPool.release(scoring.modelKey(), model);
    }
    return out;
  }

  /** Consecutive frames of one video being collected. */
  private static final class Piece {
    String video;
    long first;
    int count;
    float[] scores = new float[256];

    void add(float score) {
      if (count == scores.length) {
        scores = Arrays.copyOf(scores, count * 2);
      }
      scores[count++] = score;
    }

    void closeInto(List<SegmentScores> out, SegmentScoring scoring) {
      if (count > 0) {
        out.add(scoring.segmentScores(video, first, Arrays.copyOf(scores, count), null));
      }
      count = 0;
    }
  }
}
