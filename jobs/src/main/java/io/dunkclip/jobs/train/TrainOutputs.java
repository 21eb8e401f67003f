package io.dunkclip.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.metrics.EdgeCorrection;
import io.dunkclip.metrics.EnterThreshold;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a training run leaves: the kept epoch's operating point (thresholds, clip edges, the empty level) stamped
 * into the model, the model file, its {@code .metrics.json} and the training reports.
 */
final class TrainOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(TrainOutputs.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainOutputs() {}

  /**
   * The operating point of the saved epoch: calibrated on its validation scores, else the threshold given.
   * Thresholds and the kept epoch's validation scores are relative to each tape's empty level; the model keeps the
   * reference level they were moved to, so detect moves an unseen tape's scores the same way.
   */
  static ModelMetadata operatingPoint(TrainConfig config, ModelMetadata metadata, EpochMetrics best,
      Validation.Scored bestScored, List<TapeTable.Entry> tapes) {
    boolean calibrated = config.calibrate() && !Double.isNaN(best.threshold()) && best.threshold() > 0
        && bestScored.point().isPresent();
    ModelMetadata operating = metadata.withBaselineLogit(bestScored.baselineLogit());
    if (calibrated) {
      ClipCalibration clips = clipCalibration(bestScored.frames(), best.threshold(), tapes);
      operating = operating.withThresholds(best.threshold(), clips.enter(), ModelMetadata.THRESHOLD_CALIBRATED)
          .withEdges(clips.edges().beforeSeconds(), clips.edges().afterSeconds());
    } else {
      operating = operating.withThreshold(config.threshold(), ModelMetadata.THRESHOLD_FIXED);
    }
    if (config.calibrate() && !calibrated) {
      LOG.warn("Cannot calibrate the threshold: the validation tapes hold no frame with a player; keeping {}",
          config.threshold());
    }
    LOG.info("Saving epoch {} (validation ROC AUC {}) at threshold {}, enter threshold {} ({})", best.epoch(),
        best.rocAuc(), operating.threshold(), operating.enter(), operating.thresholdRule());
    return operating;
  }

  /** Writes the model ({@code trained} with {@code operating}) and returns its metadata as stamped on writing. */
  static ModelMetadata writeModel(String model, ComputationGraph trained, ModelMetadata operating,
      Configuration conf) {
    ModelMetadata[] stamped = new ModelMetadata[1];
    Outputs.writeFile(model, conf, out -> stamped[0] = DunkModel.write(trained, operating, out));
    return stamped[0];
  }

  /** Writes the run's {@code .metrics.json}, its per-epoch report and the kept epoch's precision-recall report. */
  static void writeReports(TrainResult result, Validation.Scored bestScored, Configuration conf) {
    Outputs.writeFile(result.model() + ".metrics.json", conf, out -> JSON.writeValue(out, result));
    TrainingReport.write(result.model(), result.epochs(), result.bestEpoch(), conf);
    TrainingReport.writePrecisionRecall(result.model(), bestScored.scores(), bestScored.positives(),
        result.bestEpoch(), result.metadata().threshold(), conf);
  }

  /** The clip-level calibration: detect's enter threshold and the clips' edge corrections. */
  record ClipCalibration(double enter, EdgeCorrection.Correction edges) {}

  /**
   * The enter threshold for {@code exit}, chosen on the validation frames as clips ({@link EnterThreshold}), with
   * detect's default clip options and smoothing at each tape's frame rate, and then how far inside the labelled clips
   * the clips found at those thresholds lie ({@link EdgeCorrection}). Each validation tape's frames are one block
   * (whole tapes, or the last block of a single tape).
   */
  static ClipCalibration clipCalibration(List<Validation.ScoredFrame> frames, double exit,
      List<TapeTable.Entry> tapes) {
    Map<String, List<Validation.ScoredFrame>> byTape = new TreeMap<>();
    frames.forEach(f -> byTape.computeIfAbsent(f.video(), v -> new ArrayList<>()).add(f));
    Map<String, Double> fps = new HashMap<>();
    tapes.forEach(t -> fps.put(t.video(), t.fps()));
    List<EnterThreshold.Tape> validationTapes = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (Map.Entry<String, List<Validation.ScoredFrame>> tape : byTape.entrySet()) {
      List<Validation.ScoredFrame> sorted = new ArrayList<>(tape.getValue());
      sorted.sort(Comparator.comparingLong(Validation.ScoredFrame::frame));
      long first = sorted.get(0).frame();
      int length = (int) (sorted.get(sorted.size() - 1).frame() - first + 1);
      double[] scores = new double[length];
      boolean[] positive = new boolean[length];
      for (Validation.ScoredFrame f : sorted) {
        scores[(int) (f.frame() - first)] = f.score();
        positive[(int) (f.frame() - first)] = f.label() == 1;
      }
      List<FrameRange> truth = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        if (positive[i] && (i == 0 || !positive[i - 1])) {
          int end = i;
          while (end + 1 < length && positive[end + 1]) {
            end++;
          }
          truth.add(FrameRange.of(i, end));
        }
      }
      double rate = fps.getOrDefault(tape.getKey(), 0.0) > 0 ? fps.get(tape.getKey()) : 30;
      rates.add(rate);
      // As detect finds clips: in scores smoothed with its default window.
      int halfWindow = (int) Math.round(ClipSettings.SMOOTH_SECONDS_DEFAULT * rate / 2);
      validationTapes.add(new EnterThreshold.Tape(ScoreSmoothing.median(scores, halfWindow), truth,
          Math.max(1, (long) Math.ceil(ClipSettings.MIN_SECONDS_DEFAULT * rate - 1e-9)),
          Math.round(ClipSettings.MAX_GAP_SECONDS_DEFAULT * rate)));
    }
    EnterThreshold.Choice choice = EnterThreshold.choose(validationTapes, exit);
    LOG.info("Enter threshold {} (validation clip F1 {}, step {}..{})", choice.enter(), choice.clipF1(),
        choice.stepLow(), choice.stepHigh());
    EdgeCorrection.Correction edges = EdgeCorrection.measure(validationTapes,
        rates.stream().mapToDouble(Double::doubleValue).toArray(), choice.enter(), exit);
    LOG.info("Clip edges: the labelled clips began {} s earlier and ended {} s later (lower median of {} validation"
        + " clip(s)); detect widens its clips by as much", edges.beforeSeconds(), edges.afterSeconds(),
        edges.matches());
    return new ClipCalibration(choice.enter(), edges);
  }
}
