package io.dunkclip.jobs.train;

import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.Headless;
import io.dunkclip.metrics.OperatingPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training report written beside the model, for a person deciding whether to trust it: {@code
 * <model>.metrics.csv}, one row per epoch (for a spreadsheet or a notebook), and {@code <model>.curve.png}, the
 * validation loss, F1 and ROC AUC per epoch with the saved (best) epoch marked.
 *
 * <p>The plot is drawn with XChart: a small (~0.4 MB) Apache-licensed library with no required dependencies that
 * renders through Java2D into an image, so it works headless on the driver.
 */
public final class TrainingReport {
  public static final String CSV_SUFFIX = ".metrics.csv";
  public static final String CURVE_SUFFIX = ".curve.png";
  public static final String PR_SUFFIX = ".pr.png";
  static final String[] HEADER = {"epoch", "seconds", "validation_frames", "precision", "recall", "f1", "roc_auc",
      "loss", "threshold"};
  static final int WIDTH = 900;
  static final int HEIGHT = 500;
  /** Y-axis group of the loss: its own scale on the right, since cross-entropy is not bounded by 1. */
  private static final int LOSS_AXIS = 1;

  private TrainingReport() {}

  /**
   * Writes both files of the report for the model at {@code model}, each atomically.
   *
   * @param epochs the validated epochs, in order
   * @param bestEpoch the epoch whose network was saved
   */
  public static void write(String model, List<EpochMetrics> epochs, int bestEpoch, Configuration conf) {
    EpochMetrics best = best(epochs, bestEpoch);
    Outputs.writeFile(model + CSV_SUFFIX, conf, out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writeCsv(writer, epochs);
      writer.flush();
    });
    XYChart chart = curve(epochs, best);
    Outputs.writeFile(model + CURVE_SUFFIX, conf, out -> ChartEncoder.saveChart(chart, out, "png"));
  }

  /**
   * Writes {@code <model>.pr.png}: the validation precision-recall curve of the saved epoch, one point per distinct
   * score, with the model's threshold marked.
   */
  public static void writePrecisionRecall(String model, double[] scores, boolean[] positives, int epoch,
      double threshold, Configuration conf) {
    XYChart chart = precisionRecall(scores, positives, epoch, threshold);
    Outputs.writeFile(model + PR_SUFFIX, conf, out -> ChartEncoder.saveChart(chart, out, "png"));
  }

  static XYChart precisionRecall(double[] scores, boolean[] positives, int epoch, double threshold) {
    Headless.ensure();
    List<OperatingPoint.CurvePoint> curve = OperatingPoint.curve(scores, positives);
    double[] recall = curve.stream().mapToDouble(OperatingPoint.CurvePoint::recall).toArray();
    double[] precision = curve.stream().mapToDouble(OperatingPoint.CurvePoint::precision).toArray();
    OperatingPoint.CurvePoint chosen = curve.stream().filter(p -> p.threshold() >= threshold)
        .reduce((first, second) -> second).orElse(curve.isEmpty() ? null : curve.get(0));
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "Validation precision-recall, epoch %d: threshold %.3f%s", epoch,
            threshold, chosen == null ? "" : String.format(Locale.ROOT, " (precision %.3f, recall %.3f)",
                chosen.precision(), chosen.recall())))
        .xAxisTitle("recall").yAxisTitle("precision").build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setXAxisDecimalPattern("0.00");
    if (recall.length > 0) {
      addSeries(chart, "validation frames", recall, precision, new Color(0x1f77b4), 0);
    }
    if (chosen != null) {
      XYSeries marker = chart.addSeries("the model's threshold", new double[] {chosen.recall()},
          new double[] {chosen.precision()});
      marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      marker.setMarker(SeriesMarkers.DIAMOND);
      marker.setMarkerColor(Color.BLACK);
    }
    return chart;
  }

  /** The metrics table; NaN (no validation frames, or one class only) is written as {@code NaN}. */
  static void writeCsv(Writer out, List<EpochMetrics> epochs) throws IOException {
    CSVPrinter csv = CsvFormats.printer(out, List.of(HEADER));
    for (EpochMetrics e : epochs) {
      csv.printRecord(e.epoch(), decimal(e.seconds(), 3), e.validationFrames(), decimal(e.precision(), 6),
          decimal(e.recall(), 6), decimal(e.f1(), 6), decimal(e.rocAuc(), 6), decimal(e.loss(), 6),
          decimal(e.threshold(), 6));
    }
    // Not closed: the caller owns the stream.
    csv.flush();
  }

  /** The training curve: F1 and ROC AUC on a 0..1 scale at the left, loss on its own scale at the right. */
  static XYChart curve(List<EpochMetrics> epochs, EpochMetrics best) {
    Headless.ensure();
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "Training curve: best epoch %d of %d (F1 %.3f, ROC AUC %.3f)",
            best.epoch(), epochs.size(), best.f1(), best.rocAuc()))
        .xAxisTitle("epoch").build();
    chart.setYAxisGroupTitle(0, "F1, ROC AUC (validation)");
    chart.setYAxisGroupTitle(LOSS_AXIS, "loss (validation)");
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setYAxisGroupPosition(LOSS_AXIS, Styler.YAxisPosition.Right);
    chart.getStyler().setYAxisMin(0, 0.0);
    chart.getStyler().setYAxisMax(0, 1.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    if (epochs.size() == 1) {
      // A one-point axis has no width, and XChart then draws the best-epoch line beside the point.
      chart.getStyler().setXAxisMin(epochs.get(0).epoch() - 1.0);
      chart.getStyler().setXAxisMax(epochs.get(0).epoch() + 1.0);
    }
    // Epochs are whole numbers; XChart may place ticks between them, which get no label.
    chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");

    double[] x = new double[epochs.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = epochs.get(i).epoch();
    }
    addSeries(chart, "F1", x, epochs.stream().mapToDouble(EpochMetrics::f1).toArray(), new Color(0x1f77b4), 0);
    addSeries(chart, "ROC AUC", x, epochs.stream().mapToDouble(EpochMetrics::rocAuc).toArray(),
        new Color(0x2ca02c), 0);
    double[] loss = epochs.stream().mapToDouble(EpochMetrics::loss).toArray();
    if (anyFinite(loss)) {
      addSeries(chart, "loss", x, loss, new Color(0xd62728), LOSS_AXIS);
    }
    if (Double.isFinite(best.f1())) {
      XYSeries marker = chart.addSeries("best epoch " + best.epoch(), new double[] {best.epoch()},
          new double[] {best.f1()});
      marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      marker.setMarker(SeriesMarkers.DIAMOND);
      marker.setMarkerColor(Color.BLACK);
    }
    AnnotationLine line = new AnnotationLine(best.epoch(), true, false);
    chart.addAnnotation(line);
    return chart;
  }

  private static void addSeries(XYChart chart, String name, double[] x, double[] y, Color color, int axis) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setLineStyle(new BasicStroke(2f));
    series.setYAxisGroup(axis);
  }

  private static boolean anyFinite(double[] values) {
    for (double value : values) {
      if (Double.isFinite(value)) {
        return true;
      }
    }
    return false;
  }

  private static EpochMetrics best(List<EpochMetrics> epochs, int bestEpoch) {
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("Cannot write a training report: no epoch was validated (epochs=0)");
    }
    return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Cannot write a training report: the best epoch is not"
            + " among the validated epochs " + epochs.stream().map(EpochMetrics::epoch).toList() + " (bestEpoch="
            + bestEpoch + ")"));
  }

  private static String decimal(double value, int places) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%." + places + "f", value);
  }
}
