package io.dunkclip.jobs.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.detect.SegmentScores;
import io.dunkclip.jobs.spark.Headless;
import io.dunkclip.video.TapeInfo;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import scala.Tuple2;

/**
 * A tape's per-frame scores as a plot: the score, the enter (and exit) threshold, the detected clips shaded and the
 * true intervals as a band above them. A long tape has far more frames than the plot has pixels, so the scores are
 * reduced on the executors to at most {@link #MAX_POINTS} buckets per tape, each keeping its <em>highest</em> score:
 * a peak above the threshold stays visible however long the tape.
 *
 * @param video the tape's name
 * @param bucketFrames frames per point (1 = every frame)
 * @param firstFrames each point's first frame
 * @param maxScores each point's highest score
 */
record ScoreTimeline(String video, long bucketFrames, long[] firstFrames, double[] maxScores) {
  static final int MAX_POINTS = 1800;
  static final int WIDTH = 960;
  static final int HEIGHT = 280;
  private static final double TRUTH_LOW = 1.03;
  private static final double TRUTH_HIGH = 1.10;

  /** The timelines of every tape in a scores dataset ({@code video, frame, score}), by tape name. */
  static Map<String, ScoreTimeline> read(SparkSession spark, String scoresDir) {
    Dataset<Row> scores = spark.read().parquet(scoresDir);
    List<Row> sizes = new ArrayList<>();
    for (Row extent : scores.groupBy("video").agg(max("frame")).collectAsList()) {
      sizes.add(RowFactory.create(extent.getString(0), bucketFramesFor(extent.getLong(1) + 1)));
    }
    Dataset<Row> bucketSizes = spark.createDataFrame(sizes, new StructType()
        .add("video", DataTypes.StringType, false).add("bucket_frames", DataTypes.LongType, false));
    List<Row> points = scores.join(broadcast(bucketSizes), "video")
        .withColumn("bucket", floor(col("frame").divide(col("bucket_frames"))))
        .groupBy("video", "bucket")
        .agg(min("frame").as("first"), max("score").as("max_score"), max("bucket_frames").as("bucket_frames"))
        .select("video", "first", "max_score", "bucket_frames")
        .collectAsList();
    // At most MAX_POINTS rows per tape: sorted here rather than by another shuffle.
    points = new ArrayList<>(points);
    points.sort(java.util.Comparator.comparing((Row r) -> r.getString(0)).thenComparingLong(r -> r.getLong(1)));
    Map<String, List<Row>> byVideo = new LinkedHashMap<>();
    for (Row point : points) {
      byVideo.computeIfAbsent(point.getString(0), v -> new ArrayList<>()).add(point);
    }
    Map<String, ScoreTimeline> timelines = new HashMap<>();
    byVideo.forEach((video, rows) -> {
      long[] first = new long[rows.size()];
      double[] score = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        first[i] = rows.get(i).getLong(1);
        score[i] = rows.get(i).getFloat(2);
      }
      timelines.put(video, new ScoreTimeline(video, rows.get(0).getLong(3), first, score));
    });
    return timelines;
  }

  /**
   * The same timelines as {@link #read}, from detect's scores still in memory (a Spark job over cached segments and a
   * small collect instead of reading the dataset back through Spark SQL).
   */
  static Map<String, ScoreTimeline> fromScores(JavaRDD<SegmentScores> scores) {
    JavaRDD<SegmentScores> scored = scores.filter(s -> s.scores().length > 0);
    Map<String, Long> framesPerPoint = new HashMap<>();
    for (Tuple2<String, Long> end : scored.map(s -> new Tuple2<>(s.video(), s.first() + s.scores().length))
        .collect()) {
      framesPerPoint.merge(end._1(), end._2(), Math::max);
    }
    framesPerPoint.replaceAll((video, frames) -> bucketFramesFor(frames));
    // Per segment: for each bucket it touches, the bucket's first frame in the segment and its highest score.
    List<Tuple2<Tuple2<String, Long>, Tuple2<Long, Float>>> partials = scored
        .flatMap(s -> {
          long size = framesPerPoint.get(s.video());
          Map<Long, Tuple2<Long, Float>> buckets = new LinkedHashMap<>();
          for (int i = 0; i < s.scores().length; i++) {
            long frame = s.first() + i;
            buckets.merge(frame / size, new Tuple2<>(frame, s.scores()[i]), ScoreTimeline::wider);
          }
          List<Tuple2<Tuple2<String, Long>, Tuple2<Long, Float>>> out = new ArrayList<>();
          buckets.forEach((bucket, point) -> out.add(new Tuple2<>(new Tuple2<>(s.video(), bucket), point)));
          return out.iterator();
        })
        .collect();
    Map<String, TreeMap<Long, Tuple2<Long, Float>>> byVideo = new HashMap<>();
    for (Tuple2<Tuple2<String, Long>, Tuple2<Long, Float>> partial : partials) {
      byVideo.computeIfAbsent(partial._1()._1(), v -> new TreeMap<>())
          .merge(partial._1()._2(), partial._2(), ScoreTimeline::wider);
    }
    Map<String, ScoreTimeline> timelines = new HashMap<>();
    byVideo.forEach((video, buckets) -> {
      long[] first = new long[buckets.size()];
      double[] score = new double[buckets.size()];
      int i = 0;
      for (Tuple2<Long, Float> point : buckets.values()) { // bucket order is frame order
        first[i] = point._1();
        score[i++] = point._2();
      }
      timelines.put(video, new ScoreTimeline(video, framesPerPoint.get(video), first, score));
    });
    return timelines;
  }

  /** Frames per point for a tape of {@code frames} frames: at most {@link #MAX_POINTS} points. */
  private static long bucketFramesFor(long frames) {
    return Math.max(1, (frames + MAX_POINTS - 1) / MAX_POINTS);
  }

  /** Two parts of one bucket as one: the earlier first frame and the higher score. */
  private static Tuple2<Long, Float> wider(Tuple2<Long, Float> a, Tuple2<Long, Float> b) {
    return new Tuple2<>(Math.min(a._1(), b._1()), Math.max(a._2(), b._2()));
  }

  /**
   * The plot. With the tape's frame table the x axis is in seconds (exact for variable frame rates too), without it
   * (the tape was not found) in frames.
   *
   * @param truth the labelled intervals, or null when no labels were given
   */
  XYChart chart(TapeInfo info, List<ClipRow> clips, List<FrameRange> truth, double threshold, double exitThreshold) {
    Headless.ensure();
    boolean seconds = info != null;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(video)
        .xAxisTitle(seconds ? "seconds" : "frame").yAxisTitle("score").build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(truth != null ? TRUTH_HIGH + 0.02 : 1.0);
    chart.getStyler().setYAxisDecimalPattern("0.0");
    chart.getStyler().setXAxisMin(0.0);
    double end = seconds ? info.secondsAt(info.frameCount() - 1) + info.frameDurationMicros(info.frameCount() - 1)
        / 1e6 : firstFrames[firstFrames.length - 1] + bucketFrames;
    chart.getStyler().setXAxisMax(end);

    if (!clips.isEmpty()) {
      List<double[]> spans = new ArrayList<>();
      for (ClipRow clip : clips) {
        spans.add(seconds ? new double[] {clip.startSec(), clip.endSec()}
            : new double[] {clip.range().first(), clip.range().last() + 1});
      }
      band(chart, "detected clips", spans, 0.0, 1.0, new Color(255, 140, 0, 90));
    }
    if (truth != null && !truth.isEmpty()) {
      List<double[]> spans = new ArrayList<>();
      for (FrameRange range : truth) {
        spans.add(span(info, range));
      }
      band(chart, "truth (labels)", spans, TRUTH_LOW, TRUTH_HIGH, new Color(0x2ca02c));
    }
    double[] x = new double[firstFrames.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = seconds ? info.secondsAt(Math.min(firstFrames[i], info.frameCount() - 1)) : firstFrames[i];
    }
    XYSeries score = chart.addSeries(bucketFrames == 1 ? "score" : String.format(Locale.ROOT,
        "score (highest of %d frames)", bucketFrames), x, maxScores.clone());
    score.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    score.setMarker(SeriesMarkers.NONE);
    score.setLineColor(new Color(0x1f77b4));
    score.setLineStyle(new BasicStroke(1.2f));
    if (!Double.isNaN(threshold)) { // unknown for outputs of a detect that did not record its run
      level(chart, String.format(Locale.ROOT, "threshold %.3f", threshold), threshold, end, new Color(0xd62728));
    }
    if (exitThreshold < threshold) {
      level(chart, String.format(Locale.ROOT, "exit threshold %.3f", exitThreshold), exitThreshold, end,
          new Color(0x9467bd));
    }
    return chart;
  }

  private static double[] span(TapeInfo info, FrameRange range) {
    if (info == null) {
      return new double[] {range.first(), range.last() + 1};
    }
    long last = Math.min(range.last(), info.frameCount() - 1);
    long first = Math.min(range.first(), last);
    return new double[] {info.secondsAt(first), info.secondsAt(last) + info.frameDurationMicros(last) / 1e6};
  }

  /** Rectangles from {@code low} to {@code high} over each span, drawn as one polygon joined along {@code low}. */
  private static void band(XYChart chart, String name, List<double[]> spans, double low, double high, Color color) {
    double[] x = new double[spans.size() * 4];
    double[] y = new double[spans.size() * 4];
    int i = 0;
    for (double[] span : spans) {
      x[i] = span[0];
      y[i++] = low;
      x[i] = span[0];
      y[i++] = high;
      x[i] = span[1];
      y[i++] = high;
      x[i] = span[1];
      y[i++] = low;
    }
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    series.setMarker(SeriesMarkers.NONE);
    series.setFillColor(color);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(0.5f));
  }

  private static void level(XYChart chart, String name, double value, double end, Color color) {
    XYSeries series = chart.addSeries(name, new double[] {0, end}, new double[] {value, value});
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
  }
}
