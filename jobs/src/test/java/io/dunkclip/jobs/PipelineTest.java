package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.Labels;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.jobs.evaluate.EvaluateConfig;
import io.dunkclip.jobs.evaluate.EvaluateJob;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.render.RenderedClip;
import io.dunkclip.jobs.sample.SampleConfig;
import io.dunkclip.jobs.sample.SampleJob;
import io.dunkclip.jobs.sample.SampleResult;
import io.dunkclip.jobs.train.EpochMetrics;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.jobs.train.TrainResult;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on generated tapes, real parts only: FFmpeg decode and encode through JavaCV, DL4J training
 * with gradient sharing on a local[2] Spark session. Steps run in order and feed each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
  @TempDir static Path work;
  static SampleResult sample;
  static ExtractResult extract;
  static TrainResult train;
  static DetectResult detect;
  /**
   * Epochs of step 3, most of this test's time (~32 s each on 2 quiet cores; 64x64 is what the model needs). 4 since
   * fast mode decodes around keyframes scoring 0.5 or more: before that, after 4 epochs (validation F1 0.92-0.94)
   * fast mode twice missed the short clips of the portrait tape that scoring every frame found; since, two runs at 4
   * epochs (F1 0.951 and 0.943) passed every step. 48x48 or 32x32 frames made models too weak for step 5 or for the
   * 0.95 threshold.
   */
  static final int EPOCHS = 4;

  static SparkSession spark() {
    return TestSpark.session();
  }

  static String dir(String name) {
    return work.resolve(name).toString();
  }

  @Test
  @Order(1)
  void sampleWritesTapesAndFullCoverageLabels() {
    // The quickstart's default sample: 4 tapes of 30 s, 2 dunks each, one tape portrait (rotate=90).
    sample = SampleJob.run(new Configuration(),
        SampleConfig.builder(dir("tapes")).tapes(4).seconds(30).seed(7).build());
    assertThat(sample.tapes()).hasSize(4);
    assertThat(sample.playerEvents()).isEqualTo(8);
    Labels labels = CsvFiles.readLabels(sample.labels(), new Configuration());
    assertThat(labels.videos()).containsExactlyInAnyOrderElementsOf(sample.tapes());
  }

  @Test
  @Order(2)
  void extractWritesEveryFrameOnceUprightAndResized() {
    // 70-frame segments: tapes of 450 frames split in the middle of GOPs, so segment edges are exercised.
    // Written beside the training frames: step 6 detects from these 64x48 frames with the 64x64 model.
    extract = ExtractJob.run(spark(), ExtractConfig.builder(dir("tapes"), dir("frames-48")).size(64, 48)
        .segmentFrames(70).build());
    assertThat(extract.errors()).isEmpty();
    assertThat(extract.frames()).isEqualTo(sample.frames());
    Dataset<Row> frames = spark().read().parquet(dir("frames-48"));
    for (String tape : sample.tapes()) {
      List<Long> indices = frames.filter(frames.col("video").equalTo(tape)).select("frame").orderBy("frame")
          .as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
      TapeInfo info = TapeProbe.probe(work.resolve("tapes").resolve(tape), tape);
      assertThat(indices).hasSize((int) info.frameCount());
      for (int i = 0; i < indices.size(); i++) {
        assertThat(indices.get(i)).isEqualTo(i);
      }
    }
    Row one = frames.select(FrameRows.WIDTH, FrameRows.HEIGHT, FrameRows.IMAGE).first();
    assertThat(one.getInt(0)).isEqualTo(64);
    assertThat(one.getInt(1)).isEqualTo(48);
    assertThat(FrameRows.decode((byte[]) one.get(2))).hasSize(64 * 48 * 3);
  }

  @Test
  @Order(3)
  void trainingWithGradientSharingMovesTheModelAndImprovesValidation() throws Exception {
    extract = ExtractJob.run(spark(), ExtractConfig.builder(dir("tapes"), dir("frames")).size(64, 64)
        .segmentFrames(300).build());
    train = TrainJob.run(spark(), TrainConfig.builder(dir("frames"), sample.labels(), dir("model/dunk.model"))
        .epochs(EPOCHS).validationFraction(0.25).threshold(0.95).seed(7).patience(3).workDir(dir("scratch"))
        .sharing(TestSpark.sharing()).build());
    // Gradient sharing can fail silently (shared/STACK.md): the model must have moved, and learned.
    assertThat(train.parameterChange()).as("parameters moved").isGreaterThan(0.1);
    // Training statistics, not logs: local mode's one gradient-sharing worker fitted every minibatch of every epoch
    // (each epoch's augmented views are exported anew, so epochs may differ by a batch or two).
    assertThat(train.minibatchesExported()).isGreaterThanOrEqualTo(train.epochs().size());
    assertThat(train.minibatchesFitted()).isEqualTo(Map.of("driver", train.minibatchesExported()));
    EpochMetrics first = train.epochs().get(0);
    EpochMetrics best = train.best();
    assertThat(best.f1()).as("validation F1 improved over epoch 1").isGreaterThan(first.f1());
    assertThat(best.f1()).as("validation F1 of the saved epoch").isGreaterThan(0.8);
    assertThat(best.rocAuc()).as("validation AUC of the saved epoch").isGreaterThan(0.9);
    assertThat(train.validationFrames()).isGreaterThan(0);
    assertThat(train.metadata().modelVersion()).hasSize(16);
    // The training report beside the model: a CSV row per epoch and the curve as a PNG.
    assertThat(java.nio.file.Files.readAllLines(work.resolve("model/dunk.model.metrics.csv")))
        .hasSize(train.epochs().size() + 1);
    assertThat(javax.imageio.ImageIO.read(work.resolve("model/dunk.model.curve.png").toFile())).isNotNull();
    // The default model compares each frame with its tape's background, stored by extract beside the tape's frames,
    // and its threshold was calibrated on the validation tape (the precision-recall curve beside the model).
    assertThat(train.metadata().input()).isEqualTo(io.dunkclip.model.ModelMetadata.INPUT_FRAME_BACKGROUND);
    assertThat(train.metadata().thresholdRule()).isEqualTo(io.dunkclip.model.ModelMetadata.THRESHOLD_CALIBRATED);
    assertThat(train.metadata().threshold()).isEqualTo(best.threshold()).isStrictlyBetween(0.0, 1.0);
    // Scores relative to each tape's empty court: the validation tape's background set the reference level; the clip
    // edges were measured on the validation clips (under a second: clips begin and end a few frames off at most).
    assertThat(train.metadata().baselineLogit()).isNotNull();
    assertThat(train.metadata().edgeBeforeSeconds()).isNotNull().isBetween(0.0, 1.0);
    assertThat(train.metadata().edgeAfterSeconds()).isNotNull().isBetween(0.0, 1.0);
    assertThat(javax.imageio.ImageIO.read(work.resolve("model/dunk.model.pr.png").toFile())).isNotNull();
    for (String tape : sample.tapes()) {
      assertThat(work.resolve("frames/video=" + tape + "/_background.png")).isRegularFile();
    }
  }

  @Test
  @Order(4)
  void detectFindsTheDunksIndependentlyOfSegmentSize() throws Exception {
    DetectConfig config = DetectConfig.builder().input(dir("tapes")).model(dir("model/dunk.model"))
        .output(dir("detect")).labels(sample.labels()).build();
    detect = ReportJob.detectAndReport(spark(), config);
    assertThat(detect.errors()).isEmpty();
    DetectResult small = DetectJob.run(spark(), config.toBuilder().output(dir("detect-small")).segmentFrames(37)
        .batchSize(16).build());
    // Same clips whatever the segmentation; scores agree up to float rounding (batch composition differs).
    assertThat(small.clips()).hasSameSizeAs(detect.clips());
    for (int i = 0; i < detect.clips().size(); i++) {
      ClipRow expected = detect.clips().get(i);
      ClipRow actual = small.clips().get(i);
      assertThat(actual.video()).isEqualTo(expected.video());
      assertThat(actual.clip()).isEqualTo(expected.clip());
      assertThat(actual.range()).isEqualTo(expected.range());
      assertThat(actual.startSec()).isEqualTo(expected.startSec());
      assertThat(actual.endSec()).isEqualTo(expected.endSec());
      assertThat(actual.score()).isCloseTo(expected.score(), org.assertj.core.data.Offset.offset(1e-5));
    }
    EvaluateResult evaluation = EvaluateJob.run(new Configuration(),
        EvaluateConfig.builder(detect.clipsCsv(), sample.labels()).iou(0.5).output(dir("evaluation.json")).build());
    // detect's HTML report (opened in Chromium by ReportJobTest): a timeline per tape, three thumbnails per clip,
    // the metrics against the labels, and detect's Spark jobs with their times in _detect.json.
    Path report = work.resolve("detect/report");
    String html = java.nio.file.Files.readString(report.resolve("index.html"));
    assertThat(html).contains("Metrics against the labels")
        .contains(String.format(java.util.Locale.ROOT, "%.3f", evaluation.evaluation().clips().f1()));
    try (var files = java.nio.file.Files.list(report)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertThat(names).filteredOn(n -> n.endsWith("-timeline.png")).hasSize(sample.tapes().size());
      assertThat(names).filteredOn(n -> n.endsWith(".jpg")).hasSize(3 * detect.clips().size());
    }
    assertThat(java.nio.file.Files.readString(work.resolve("detect/_detect.json"))).contains("\"sparkJobs\"")
        .contains("dunkclip: detect in");
    // The dunks found, without stray clips. Training with gradient sharing is not bit-reproducible (threads), and
    // on a loaded machine one run of several found a dunk with boundaries too far off for IoU 0.5, which counts as
    // one false clip and one missed dunk; so this allows one of each out of eight. The quickstart on the same
    // sample found all eight with no false clip (see README).
    assertThat(evaluation.evaluation().clips().falsePositives()).as(evaluation.report()).isLessThanOrEqualTo(1);
    assertThat(evaluation.evaluation().clips().falseNegatives()).as(evaluation.report()).isLessThanOrEqualTo(1);
    assertThat(evaluation.evaluation().frames().precision()).as(evaluation.report()).isGreaterThan(0.9);
    assertThat(spark().read().parquet(dir("detect/scores")).count()).isEqualTo(sample.frames());
  }

  @Test
  @Order(5)
  void fastModeFindsTheSameClipsScoringOnlyTheKeyframesAndTheWindowsAroundThem() {
    // The sample tapes: 15 fps, a keyframe at least every 2 s, dunks of several seconds.
    DetectConfig config = DetectConfig.builder().input(dir("tapes")).model(dir("model/dunk.model"))
        .output(dir("detect-fast")).fast(true).build();
    DetectResult fast = DetectJob.run(spark(), config);
    assertThat(fast.errors()).isEmpty();
    // What fast mode promises (README): the clips of scoring every frame that hold a keyframe scoring at least the
    // threshold (or 0.5 when lower), exactly; never a clip scoring every frame does not give. A short clip between
    // two keyframes scoring below it (a 10-frame blip at a calibrated threshold of 0.36 in one run) is the miss.
    double windowThreshold = Math.min(config.enter(train.metadata()), DetectConfig.FAST_SUSPECT_SCORE);
    java.util.Map<String, Float> fullScores = new java.util.HashMap<>();
    spark().read().parquet(dir("detect/scores")).collectAsList()
        .forEach(r -> fullScores.put(r.getString(0) + "#" + r.getLong(1), r.getFloat(2)));
    List<ClipRow> promised = new ArrayList<>();
    for (ClipRow clip : detect.clips()) {
      long[] keyframes = TapeProbe.probe(work.resolve("tapes").resolve(clip.video()), clip.video()).keyframeIndices();
      boolean holdsSuspect = java.util.Arrays.stream(keyframes).anyMatch(k -> clip.range().contains(k)
          && fullScores.get(clip.video() + "#" + k) >= windowThreshold);
      if (holdsSuspect) {
        promised.add(clip);
      }
    }
    assertThat(promised).as("most clips hold such a keyframe").hasSizeGreaterThanOrEqualTo(detect.clips().size() - 1);
    for (ClipRow clip : fast.clips()) {
      assertThat(detect.clips()).as("a fast-mode clip that scoring every frame gives too")
          .anySatisfy(full -> assertThat(full.video() + full.range()).isEqualTo(clip.video() + clip.range()));
    }
    for (ClipRow clip : promised) {
      assertThat(fast.clips()).as("fast mode finds %s", clip)
          .anySatisfy(found -> assertThat(found.video() + found.range()).isEqualTo(clip.video() + clip.range()));
    }
    assertThat(fast.scoredFrames()).as("frames scored in fast mode").isLessThan(sample.frames());
    // The scores dataset holds just the frames scored, each with the score scoring every frame gave it.
    Dataset<Row> fastScores = spark().read().parquet(dir("detect-fast/scores"));
    Dataset<Row> allScores = spark().read().parquet(dir("detect/scores")).withColumnRenamed("score", "all");
    long distinct = fastScores.select("video", "frame").distinct().count();
    assertThat(fastScores.count()).isEqualTo(distinct).isLessThan(sample.frames());
    Row worst = fastScores.join(allScores, new String[] {"video", "frame"}).selectExpr("count(*)",
        "max(abs(score - all))").first();
    assertThat(worst.getLong(0)).isEqualTo(distinct);
    assertThat(worst.getFloat(1)).isLessThan(1e-5f);
  }

  @Test
  @Order(6)
  void detectFromTheExtractedFramesFindsTheSameClipsAsFromTheTapes() {
    // Step 3 extracted the frames the model was trained on: 64x64, stretched, the model's size and fit.
    DetectConfig config = DetectConfig.builder().frames(dir("frames")).model(dir("model/dunk.model"))
        .output(dir("detect-frames")).segmentFrames(100).batchSize(32).build();
    DetectResult fromFrames = DetectJob.run(spark(), config);
    assertThat(fromFrames.errors()).isEmpty();
    assertSameClips(fromFrames.clips(), detect.clips());
    assertThat(spark().read().parquet(dir("detect-frames/scores")).count()).isEqualTo(sample.frames());

    DetectConfig wrongSize = DetectConfig.builder().frames(dir("frames-48")).model(dir("model/dunk.model"))
        .output(dir("detect-wrong")).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectJob.run(spark(), wrongSize))
        .hasMessageContaining("its frames are 64x48 but the model " + dir("model/dunk.model") + " takes 64x64");
  }

  @Test
  @Order(20)
  void theModelFindsTheDunksOfTapesItNeverSaw() throws Exception {
    // Another seed: other courts, camera set-ups, players and distractors than the training tapes'.
    SampleResult unseen = SampleJob.run(new Configuration(), SampleConfig.builder(dir("unseen")).tapes(2).seconds(30)
        .seed(8).build());
    DetectResult found = DetectJob.run(spark(),
        DetectConfig.builder().input(dir("unseen")).model(dir("model/dunk.model")).output(dir("detect-unseen"))
            .build());
    assertThat(found.errors()).isEmpty();
    List<String> backgrounds =
        java.nio.file.Files.readAllLines(work.resolve("detect-unseen/backgrounds/backgrounds.csv"));
    assertThat(backgrounds.get(0)).isEqualTo("video,file,samples,busy,unreliable,frames,empty_score,score_offset");
    assertThat(backgrounds).hasSize(3);
    for (String row : backgrounds.subList(1, 3)) {
      // Each unseen tape's empty level as the model saw it, and the move to the validation tape's level.
      String[] cells = row.split(",");
      assertThat(Double.parseDouble(cells[6])).as(row).isStrictlyBetween(0.0, 1.0);
      double expected = "true".equals(cells[4]) ? 0
          : train.metadata().baselineLogit() - io.dunkclip.model.TapeBaseline.logit(Double.parseDouble(cells[6]));
      assertThat(Double.parseDouble(cells[7])).as(row).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.02));
    }
    EvaluateResult evaluation = EvaluateJob.run(new Configuration(), EvaluateConfig.builder(found.clipsCsv(),
        unseen.labels()).iou(0.5).scores(dir("detect-unseen/scores")).build());
    // Four dunks; gradient sharing is not bit-reproducible, so one miss or one false clip is allowed here, while
    // scripts/bench quality holds the model to its targets over several seeds.
    assertThat(evaluation.evaluation().clips().falseNegatives()).as(evaluation.report()).isLessThanOrEqualTo(1);
    assertThat(evaluation.evaluation().clips().falsePositives()).as(evaluation.report()).isLessThanOrEqualTo(1);
    assertThat(evaluation.frameAuc()).as(evaluation.report()).isGreaterThan(0.9);
    assertThat(evaluation.scoredFrames()).isEqualTo(unseen.frames());
  }

  private static void assertSameClips(List<ClipRow> actual, List<ClipRow> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).video()).isEqualTo(expected.get(i).video());
      assertThat(actual.get(i).clip()).isEqualTo(expected.get(i).clip());
      assertThat(actual.get(i).range()).isEqualTo(expected.get(i).range());
      assertThat(actual.get(i).startSec()).isEqualTo(expected.get(i).startSec());
      assertThat(actual.get(i).endSec()).isEqualTo(expected.get(i).endSec());
      assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  @Order(7)
  void renderWritesOnePlayableClipPerIntervalWithAudioAndTheRightFrames() throws Exception {
    RenderResult render = RenderJob.run(spark(),
        RenderConfig.builder().clips(detect.clipsCsv()).input(dir("tapes")).output(dir("clips")).reel(true).build());
    assertThat(render.failed()).isEmpty();
    assertThat(render.clips()).hasSize(detect.clips().size());
    for (String tape : sample.tapes()) {
      long clipFrames = detect.clips().stream().filter(c -> c.video().equals(tape))
          .mapToLong(c -> c.range().length()).sum();
      Path reel = work.resolve("clips").resolve(tape.replace(".mp4", "-reel.mp4"));
      if (clipFrames > 0) {
        assertThat(TapeProbe.probe(reel, reel.getFileName().toString()).frameCount()).isEqualTo(clipFrames);
      }
    }
    for (RenderedClip clip : render.clips()) {
      ClipRow row = detect.clips().stream()
          .filter(c -> c.video().equals(clip.video()) && c.clip() == clip.clip()).findFirst().orElseThrow();
      Path file = work.resolve("clips").resolve(clip.file());
      TapeInfo clipInfo = TapeProbe.probe(file, clip.file());
      assertThat(clipInfo.frameCount()).isEqualTo(row.range().length());
      assertThat(clipInfo.hasAudio()).isTrue();
      Path tape = work.resolve("tapes").resolve(clip.video());
      TapeInfo tapeInfo = TapeProbe.probe(tape, clip.video());
      assertThat(clipInfo.uprightWidth()).isEqualTo(tapeInfo.uprightWidth());
      assertThat(clipInfo.uprightHeight()).isEqualTo(tapeInfo.uprightHeight());
      assertThat(meanDifference(firstAndLast(file, clipInfo, 0, clipInfo.frameCount() - 1),
          firstAndLast(tape, tapeInfo, row.range().first(), row.range().last())))
          .as("first/last frame of %s vs source", clip.file()).isLessThan(12.0);
      try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
        grabber.start();
        assertThat(grabber.getAudioChannels()).isPositive();
        double seconds = grabber.getLengthInTime() / 1e6;
        assertThat(seconds).isCloseTo(row.endSec() - row.startSec(), org.assertj.core.data.Offset.offset(0.15));
        Frame audio;
        boolean sawAudio = false;
        while ((audio = grabber.grabSamples()) != null) {
          sawAudio |= audio.samples != null;
        }
        assertThat(sawAudio).isTrue();
      }
    }
  }

  private static List<byte[]> firstAndLast(Path tape, TapeInfo info, long first, long last) {
    List<byte[]> frames = new ArrayList<>();
    try (FrameReader reader = new FrameReader(tape, info, 0, 0)) {
      reader.read(first, first, f -> frames.add(f.rgb()));
      reader.read(last, last, f -> frames.add(f.rgb()));
    }
    return frames;
  }

  private static double meanDifference(List<byte[]> a, List<byte[]> b) {
    double total = 0;
    long count = 0;
    for (int f = 0; f < a.size(); f++) {
      for (int i = 0; i < a.get(f).length; i++) {
        total += Math.abs((a.get(f)[i] & 0xff) - (b.get(f)[i] & 0xff));
        count++;
      }
    }
    return total / count;
  }
}
