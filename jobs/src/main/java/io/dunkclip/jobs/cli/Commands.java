package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.evaluate.EvaluateConfig;
import io.dunkclip.jobs.evaluate.EvaluateJob;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractFormat;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.nightly.LedgerEntry;
import io.dunkclip.jobs.nightly.NightlyConfig;
import io.dunkclip.jobs.nightly.NightlyJob;
import io.dunkclip.jobs.nightly.NightlyResult;
import io.dunkclip.jobs.quickstart.QuickstartConfig;
import io.dunkclip.jobs.quickstart.QuickstartJob;
import io.dunkclip.jobs.quickstart.QuickstartResult;
import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.report.ReportConfig;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.jobs.report.ReportResult;
import io.dunkclip.jobs.sample.SampleConfig;
import io.dunkclip.jobs.sample.SampleJob;
import io.dunkclip.jobs.sample.SampleResult;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.train.SharingConfig;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.jobs.train.TrainResult;
import io.dunkclip.video.Fit;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One picocli command per job. Each builds the job's config, runs it and prints its result. */
final class Commands {
  private Commands() {}

  /** Exit status when the run finished but some tapes or clips failed (reported in the errors output). */
  static final int PARTIAL_FAILURE = 3;
  /** Exit status when the quickstart ran but its clips do not match the sample's truth. */
  static final int QUALITY_FAILURE = 4;
  /**
   * Exit status when nothing was done: no tape of the run could be read (the output is left as it was), or a nightly
   * run in which every tape it tried failed.
   */
  static final int NOTHING_DONE = 5;

  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    /**
     * Builds a command's config from its options, before any work: a value the config refuses is bad usage (exit
     * status 2, one line naming the value), not a failed run.
     */
    static <T> T options(Supplier<T> build) {
      try {
        return build.get();
      } catch (UsageException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
    }

    int report(List<TapeError> errors, String summary) {
      for (TapeError error : errors) {
        out().println("error: tape " + error.describe());
      }
      out().println(summary);
      out().flush();
      return errors.isEmpty() ? 0 : PARTIAL_FAILURE;
    }

    /** As {@link #report(List, String)}, and when no tape could be read ({@code tapes} is 0) says nothing was done. */
    int report(int tapes, List<TapeError> errors, String summary, String output) {
      int status = report(errors, summary);
      return tapes > 0 ? status : nothingDone(output, output + " is left as it was");
    }

    int nothingDone(String output, String what) {
      out().println(spec.name() + ": nothing done: no tape could be read; " + what);
      out().flush();
      return NOTHING_DONE;
    }

    /**
     * Before Spark starts: refuses an output the command may not write ({@link OutputGuard}, a usage error), and
     * returns {@link #NOTHING_DONE} when {@code input} (null: none) names no tape file that exists, after listing each
     * one (a typo in --input), so nothing at {@code output} is replaced; null when the command should run.
     */
    Integer precheck(OutputGuard.Claim claim, String input, String output, SettingsOptions spark) {
      Configuration conf = spark.hadoop();
      OutputGuard.check(claim, conf);
      if (input == null) {
        return null;
      }
      List<TapeRef> tapes = TapeInputs.resolve(input, conf);
      if (tapes.stream().anyMatch(TapeRef::usable)) {
        return null;
      }
      for (TapeRef tape : tapes) {
        out().println("error: tape " + TapeError.unlisted(tape).describe());
      }
      return nothingDone(output, output + " is left as it was");
    }
  }

  @Command(name = "sample", mixinStandardHelpOptions = true,
      description = "Generate sample half-court tapes (H.264 + AAC) and their ground truth labels.csv.")
  static final class Sample extends Base {
    @Mixin SettingsOptions settings;
    @Option(names = "--output", required = true, paramLabel = "DIR") String output;
    @Option(names = "--tapes", defaultValue = "" + SampleConfig.TAPES_DEFAULT, paramLabel = "N") int tapes;
    @Option(names = "--seconds", defaultValue = "" + SampleConfig.SECONDS_DEFAULT, paramLabel = "S") double seconds;
    @Option(names = "--seed", defaultValue = "" + SampleConfig.SEED_DEFAULT, paramLabel = "K") long seed;
    @Option(names = "--hd", description = "1920x1080 at 30 fps, for benchmarks") boolean hd;
    @Option(names = "--gop-seconds", defaultValue = "" + SampleConfig.GOP_SECONDS_DEFAULT, paramLabel = "S",
        description = "At most S seconds between keyframes (default: ${DEFAULT-VALUE}; phones write about 1)")
    double gopSeconds;
    @Option(names = "--no-player",
        description = "Tapes with no player at all: the same courts with only the distractors (a rolling ball, "
            + "shadows, light changes, camera shake, someone walking far behind); labels.csv gives every frame 0")
    boolean noPlayer;
    @Option(names = "--dunk-seconds", defaultValue = "" + SampleConfig.DUNK_SECONDS_DEFAULT, paramLabel = "S",
        description = "One dunk per full S seconds of each tape (default: ${DEFAULT-VALUE}; an archive has fewer, "
            + "e.g. 30)")
    double dunkSeconds;

    @Override
    public Integer call() {
      Configuration hadoop = settings.hadoop();
      SampleConfig config = options(() -> SampleConfig.builder(output).tapes(tapes).seconds(seconds).seed(seed)
          .hd(hd).gopSeconds(gopSeconds).noPlayer(noPlayer).dunkSeconds(dunkSeconds).build());
      SampleResult result = SampleJob.run(hadoop, config);
      out().println(result.summary());
      return 0;
    }
  }

  @Command(name = "extract", mixinStandardHelpOptions = true,
      description = "Decode tapes into a Parquet dataset of upright, resized frames (partitioned by video), or into "
          + "one JPEG file per frame. A run replaces the whole dataset at --output; --update replaces only its "
          + "own tapes.")
  static final class Extract extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--input", required = true, paramLabel = "PATH_OR_GLOB") String input;
    @Option(names = "--output", required = true, paramLabel = "DIR") String output;
    @Option(names = "--size", defaultValue = ExtractConfig.SIZE_DEFAULT + "x" + ExtractConfig.SIZE_DEFAULT,
        paramLabel = "WxH", converter = FrameSize.Converter.class) FrameSize size;
    @Option(names = "--fit", defaultValue = "stretch", paramLabel = "stretch|pad",
        converter = Converters.FitConverter.class,
        description = "Fit to --size: stretch (aspect ratio ignored) or pad (aspect ratio kept, centred on black) "
            + "(default: ${DEFAULT-VALUE})")
    Fit fit;
    @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|jpg",
        converter = Converters.FormatConverter.class,
        description = "Output layout: parquet (a dataset, one row per frame; what train reads) or jpg "
            + "(DIR/<video>/frame-000405.jpg) (default: ${DEFAULT-VALUE})")
    ExtractFormat format;
    @Option(names = "--segment-frames", defaultValue = "" + ExtractConfig.SEGMENT_FRAMES_DEFAULT, paramLabel = "N")
    int segmentFrames;
    @Option(names = "--image-format", paramLabel = "png|jpg",
        description = "Encoding of the images inside Parquet (default: png; --format jpg writes JPEG)")
    String imageFormat;
    @Option(names = "--update",
        description = "Replace only this run's tapes in the existing dataset at --output (their frames and their rows "
            + "in _tapes.csv and _errors.csv, one tape at a time); every other tape stays as it is. The dataset's "
            + "--size, --fit, --format and --image-format must be this run's. A tape that gives no frames at all "
            + "(unreadable, no video) keeps its earlier frames and is reported; one damaged half way gets the frames "
            + "before the damage, as in a full run. Without an existing dataset it is a full run.")
    boolean update;

    @Override
    public Integer call() {
      // Unset, the image format follows the layout; set, it must agree with it (the config says so if not).
      ExtractConfig config = options(() -> ExtractConfig.builder(input, output).size(size.width(), size.height())
          .segmentFrames(segmentFrames).imageFormat(imageFormat).fit(fit).format(format).update(update).build());
      Integer nothing = precheck(ExtractJob.claim(config), input, output, spark);
      if (nothing != null) {
        return nothing;
      }
      try (SparkSession session = spark.session("extract")) {
        ExtractResult result = ExtractJob.run(session, config);
        int status = report(result.errors(), result.summary());
        return result.tapes() > 0 ? status : nothingDone(output, update
            ? "no frames replaced in " + output + " (the tapes' errors are recorded in its _errors.csv)"
            : output + " is left as it was");
      }
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train the player-in-frame classifier with DL4J gradient sharing on Spark.")
  static final class Train extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--frames", required = true, paramLabel = "DIR") String frames;
    @Option(names = "--labels", required = true, paramLabel = "CSV",
        description = "Labels file; repeat for corrections: a later file overrides earlier ones where they overlap")
    List<String> labels;
    @Option(names = "--model", required = true, paramLabel = "PATH") String model;
    @Option(names = "--epochs", defaultValue = "" + TrainConfig.EPOCHS_DEFAULT, paramLabel = "N") int epochs;
    @Option(names = "--arch", defaultValue = TrainConfig.ARCH_DEFAULT, paramLabel = "NAME") String arch;
    @Option(names = "--batch-size", paramLabel = "N",
        description = "Examples per minibatch per worker (default: setting dunkclip.train.batchSizePerWorker, else "
            + TrainConfig.BATCH_SIZE_DEFAULT + ")")
    Integer batchSize;
    @Option(names = "--learning-rate", defaultValue = "" + TrainConfig.LEARNING_RATE_DEFAULT) double learningRate;
    @Option(names = "--validation-fraction", defaultValue = "" + TrainConfig.VALIDATION_FRACTION_DEFAULT)
    double validationFraction;
    @Option(names = "--threshold", paramLabel = "T",
        description = "Store this decision threshold in the model (default: calibrated on the validation tapes, the"
            + " middle of the step of thresholds with the best F1; the original workflow used "
            + TrainConfig.THRESHOLD_DEFAULT + ")")
    Double threshold;
    @Option(names = "--input", paramLabel = "frame|frame+background",
        description = "What the network sees: the frame alone, or the frame and its difference from the tape's"
            + " background (default: frame+background for small-cnn, frame for resnet50)")
    String input;
    @Option(names = "--no-augment", description = "Train on the frames as they are (default: random shifts, mirror,"
        + " light, colour, contrast, blur and noise)")
    boolean noAugment;
    @Option(names = "--seed", defaultValue = "" + TrainConfig.SEED_DEFAULT) long seed;
    @Option(names = "--no-balance", description = "Do not oversample frames with a player") boolean noBalance;
    @Option(names = "--patience", defaultValue = "" + TrainConfig.PATIENCE_DEFAULT, paramLabel = "N",
        description = "Stop after N epochs without a better validation F1/AUC (default: ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--work-dir", paramLabel = "DIR",
        description = "Scratch for exported minibatches (default: beside the model)") String workDir;
    @Option(names = "--require-full-coverage",
        description = "Refuse labels that leave frames of a labelled tape uncovered (default: such frames are 0)")
    boolean requireFullCoverage;
    @Option(names = "--fit", defaultValue = "stretch", paramLabel = "stretch|pad",
        converter = Converters.FitConverter.class,
        description = "How extract fitted the frames (its --fit); stored in the model so detect fits frames the same"
            + " way (default: ${DEFAULT-VALUE})")
    Fit fit;
    @Option(names = "--resume",
        description = "Continue from the last complete checkpoint in MODEL.checkpoints/ (after a killed run); the"
            + " options, labels and frames must be the checkpoint's")
    boolean resume;
    @Option(names = "--pretrained", paramLabel = "ZIP",
        description = "resnet50: ImageNet weights as a DL4J model zip (default: the DL4J zoo cache)")
    String pretrained;
    @Option(names = "--random-init",
        description = "resnet50: train from random backbone weights when no pretrained weights are found")
    boolean randomInit;
    @Option(names = "--no-feature-cache",
        description = "resnet50: run the frozen backbone on every batch of every epoch instead of once per frame into"
            + " a cache beside the frames")
    boolean noFeatureCache;
    @Option(names = "--feature-views", paramLabel = "K", defaultValue = "" + TrainConfig.FEATURE_VIEWS_DEFAULT,
        description = "resnet50 with augmentation: views cached per frame, the frame and K-1 augmented ones; epoch e"
            + " shows view (e-1) mod K (default: ${DEFAULT-VALUE}; --no-augment caches the frame alone)")
    int featureViews;

    @Override
    public Integer call() {
      TrainConfig config = options(() -> {
        TrainConfig.Builder builder = TrainConfig.builder(frames, labels.get(0), model)
            .laterLabels(labels.subList(1, labels.size())).epochs(epochs).arch(arch)
            .batchSizePerWorker(SharingConfig.batchSizePerWorker(batchSize, spark.settings(),
                TrainConfig.BATCH_SIZE_DEFAULT))
            .learningRate(learningRate).validationFraction(validationFraction).seed(seed).balance(!noBalance)
            .patience(patience).workDir(workDir).sharing(SharingConfig.from(spark.settings()))
            .requireFullCoverage(requireFullCoverage).fit(fit).resume(resume)
            .backbone(pretrained, randomInit).input(input).augment(!noAugment)
            .featureCache(!noFeatureCache).featureViews(featureViews);
        if (threshold != null) {
          builder.fixedThreshold(threshold);
        }
        return builder.build();
      });
      try (SparkSession session = spark.session("train")) {
        TrainResult result = TrainJob.run(session, config);
        result.epochs().forEach(epoch -> out().println(epoch.describe()));
        out().println(result.summary());
        return 0;
      }
    }
  }

  @Command(name = "detect", mixinStandardHelpOptions = true,
      description = "Score every frame of the tapes and write the clips (clips.csv) and per-frame scores.")
  static final class Detect extends Base {
    @Mixin SparkOptions spark;
    @ArgGroup(exclusive = true, multiplicity = "1") Source source;
    @Option(names = "--model", required = true, paramLabel = "PATH") String model;
    @Option(names = "--output", required = true, paramLabel = "DIR") String output;
    @Option(names = "--fast", description = "Score the keyframes first, then every frame only around those scoring"
        + " at least the threshold (0.5 when the threshold is higher), growing each window until the scores in it"
        + " settle the clips: the same clips as scoring every frame whenever every clip's detection spans a keyframe"
        + " scoring that much; the scores dataset then holds only the frames scored") boolean fast;
    @Mixin DetectionOptions detection;
    @Option(names = "--labels", paramLabel = "CSV",
        description = "Truth for the HTML report (DIR/report/index.html): truth bands and precision/recall/F1")
    String labels;

    @Override
    public Integer call() {
      DetectConfig config = options(() -> {
        DetectConfig.Builder builder = DetectConfig.builder();
        if (source.frames != null) {
          builder.frames(source.frames);
        } else {
          builder.input(source.input);
        }
        return builder.model(model).output(output).clips(detection.clips()).segmentFrames(detection.segmentFrames)
            .batchSize(detection.batchSize).fast(fast).labels(labels).build();
      });
      Integer nothing = precheck(DetectJob.claim(config), source.input, output, spark);
      if (nothing != null) {
        return nothing;
      }
      try (SparkSession session = spark.session("detect")) {
        DetectResult result = ReportJob.detectAndReport(session, config);
        result.fullyScored().forEach(tape -> out().println("note: " + tape.describe()));
        return report(result.tapes(), result.errors(), result.summary(), output);
      }
    }
  }

  /** Where detect's frames come from: tapes to decode, or a frames dataset written by extract. */
  static final class Source {
    @Option(names = "--input", required = true, paramLabel = "PATH_OR_GLOB", description = "Tapes to decode")
    String input;
    @Option(names = "--frames", required = true, paramLabel = "DIR",
        description = "A frames dataset written by extract (Parquet layout), at the model's input size and fit")
    String frames;
  }

  @Command(name = "render", mixinStandardHelpOptions = true,
      description = "Write each clip of a clips.csv as its own video with audio, plus manifest.csv.")
  static final class Render extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--clips", required = true, paramLabel = "CSV") String clips;
    @Option(names = "--input", required = true, paramLabel = "PATH_OR_GLOB") String input;
    @Option(names = "--output", required = true, paramLabel = "DIR") String output;
    @Option(names = "--slowmo", defaultValue = "" + RenderConfig.SLOWMO_DEFAULT, paramLabel = "F",
        description = "Play clips F times slower (2 = half speed); audio is dropped in slow motion") double slowmo;
    @Option(names = "--reel", description = "Also write one highlight video per tape, <tape>-reel.mp4 (reels.csv)")
    boolean reel;
    @Option(names = "--copy", description = "Stream copy, no re-encoding: fast and lossless but NOT frame-accurate; "
        + "each clip starts at the keyframe at or before its first frame (manifest.csv: file_start_frame)")
    boolean copy;

    @Override
    public Integer call() {
      RenderConfig config = options(() -> RenderConfig.builder().clips(clips).input(input).output(output)
          .slowmo(slowmo).reel(reel).copy(copy).build());
      precheck(RenderJob.claim(config), null, output, spark);
      try (SparkSession session = spark.session("render")) {
        RenderResult result = RenderJob.run(session, config);
        result.failed().forEach(c -> out().println("error: clip " + c.clip() + " of " + c.video() + ": " + c.error()));
        out().println(result.summary());
        return result.failed().isEmpty() ? 0 : PARTIAL_FAILURE;
      }
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "(Re)build the HTML report DIR/report/index.html of a detect output: score timelines, clip "
          + "thumbnails, metrics, timings, errors. detect builds it too.")
  static final class Report extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--detect", required = true, paramLabel = "DIR", description = "A detect output directory")
    String detect;
    @Option(names = "--input", paramLabel = "PATH_OR_GLOB",
        description = "The tapes, for thumbnails (default: detect's --input, from DIR/_detect.json)") String input;
    @Option(names = "--labels", paramLabel = "CSV",
        description = "Truth for the timelines and metrics (default: detect's --labels, if any)") String labels;
    @Option(names = "--rendered", paramLabel = "DIR",
        description = "render's --output for these clips: the page plays them (default: thumbnails only)")
    String rendered;

    @Override
    public Integer call() {
      ReportConfig config = options(() -> ReportConfig.builder(detect).input(input).labels(labels).rendered(rendered)
          .build());
      precheck(ReportJob.claim(config), null, null, spark);
      try (SparkSession session = spark.session("report")) {
        ReportResult result = ReportJob.run(session, config);
        result.problems().forEach(p -> out().println("warning: " + p));
        out().println(result.summary());
        return 0;
      }
    }
  }

  @Command(name = "nightly", mixinStandardHelpOptions = true,
      description = "Process every tape of an archive not yet processed with this model: clips per tape committed "
          + "as each finishes, a ledger per model version, failing tapes retried then quarantined. Exit status: "
          + "0 all good (or nothing to do), 3 some tapes failed or were damaged (their readable part clipped), "
          + "5 every tape tried failed, or the archive names no tape file (nothing done, no ledger entry).")
  static final class Nightly extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--archive", required = true, paramLabel = "PATH_OR_GLOB") String archive;
    @Option(names = "--model", required = true, paramLabel = "PATH") String model;
    @Option(names = "--output", required = true, paramLabel = "DIR",
        description = "Output root; this model's results go to DIR/<modelVersion>/") String output;
    @Option(names = "--max-attempts", defaultValue = "" + NightlyConfig.MAX_ATTEMPTS_DEFAULT, paramLabel = "N",
        description = "Runs that try a failing tape before it is quarantined (default: ${DEFAULT-VALUE})")
    int maxAttempts;
    @Option(names = "--parallel-tapes", defaultValue = "" + NightlyConfig.PARALLEL_TAPES_DEFAULT, paramLabel = "N",
        description = "Tapes in flight at once (default: ${DEFAULT-VALUE})") int parallelTapes;
    @Mixin DetectionOptions detection;

    @Override
    public Integer call() {
      NightlyConfig config = options(() -> NightlyConfig.builder(archive, model, output).maxAttempts(maxAttempts)
          .parallelTapes(parallelTapes).clips(detection.clips()).segmentFrames(detection.segmentFrames)
          .batchSize(detection.batchSize).build());
      OutputGuard.checkWritable("nightly", "output", output, spark.hadoop());
      try (SparkSession session = spark.session("nightly")) {
        NightlyResult result = NightlyJob.run(session, config, line -> {
          out().println(line);
          out().flush();
        });
        if (result.archiveNotFound()) {
          for (TapeError error : result.unreadableArchive()) {
            out().println(error.tape().isEmpty() ? "error: " + error.reason() : "error: tape " + error.describe());
          }
          return nothingDone(output, "no ledger entry was written and " + output + " is left as it was (archive="
              + archive + "); check the --archive path and quoting");
        }
        for (LedgerEntry problem : result.problems()) {
          out().println(problem.outcome().label() + ": tape " + problem.video() + " (" + problem.uri() + ") after "
              + problem.attempts() + " attempt(s): " + problem.reason());
        }
        if (result.nothingToDo()) {
          out().println("nightly: nothing to do: no new or modified tapes for model " + result.modelVersion());
        }
        out().println(result.summary());
        out().flush();
        if (result.newFailures() == 0 && result.newDamaged() == 0) {
          return 0;
        }
        return result.allFailed() ? NOTHING_DONE : PARTIAL_FAILURE;
      }
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Compare clips with labelled truth: frame- and clip-level precision, recall, F1.")
  static final class Evaluate extends Base {
    @Mixin SettingsOptions settings;
    @Option(names = "--clips", required = true, paramLabel = "CSV") String clips;
    @Option(names = "--labels", required = true, paramLabel = "CSV") String labels;
    @Option(names = "--iou", defaultValue = "" + EvaluateConfig.IOU_DEFAULT) double iou;
    @Option(names = "--output", paramLabel = "JSON", description = "Also write the metrics as JSON") String output;
    @Option(names = "--scores", paramLabel = "DIR",
        description = "The detect run's scores dataset (DETECT_DIR/scores): also report the frame-level ROC AUC")
    String scores;

    @Override
    public Integer call() {
      Configuration hadoop = settings.hadoop();
      EvaluateConfig config = options(() -> EvaluateConfig.builder(clips, labels).iou(iou).output(output)
          .scores(scores).build());
      EvaluateResult result = EvaluateJob.run(hadoop, config);
      result.warnings().forEach(warning -> err().println("dunkclip evaluate: warning: " + warning));
      err().flush();
      out().println(result.report());
      out().println(result.summary());
      return 0;
    }
  }

  @Command(name = "quickstart", mixinStandardHelpOptions = true,
      description = "Run the whole pipeline on generated sample tapes and check the clips against their truth.")
  static final class Quickstart extends Base {
    @Mixin SparkOptions spark;
    @Option(names = "--workdir", defaultValue = QuickstartConfig.WORKDIR_DEFAULT, paramLabel = "DIR") String workdir;
    @Option(names = "--tapes", defaultValue = "" + SampleConfig.TAPES_DEFAULT,
        description = "Sample tapes to train on (seed --seed; default: ${DEFAULT-VALUE})") int tapes;
    @Option(names = "--unseen-tapes", defaultValue = "" + QuickstartConfig.UNSEEN_TAPES_DEFAULT,
        description = "Sample tapes of seed --seed + 1, never trained on, that detect runs on and the verdict is"
            + " about (default: ${DEFAULT-VALUE})") int unseenTapes;
    @Option(names = "--seconds", defaultValue = "" + SampleConfig.SECONDS_DEFAULT) double seconds;
    @Option(names = "--seed", defaultValue = "" + SampleConfig.SEED_DEFAULT) long seed;
    @Option(names = "--epochs", defaultValue = "" + QuickstartConfig.EPOCHS_DEFAULT) int epochs;

    @Override
    public Integer call() {
      QuickstartConfig config = options(() -> QuickstartConfig.builder(SharingConfig.from(spark.settings()))
          .workdir(workdir).tapes(tapes).seconds(seconds).seed(seed).epochs(epochs).unseenTapes(unseenTapes).build());
      precheck(QuickstartJob.claim(config), null, null, spark);
      try (SparkSession session = spark.session("quickstart")) {
        QuickstartResult result = QuickstartJob.run(session, config, line -> {
          out().println(line);
          out().flush();
        });
        out().println();
        out().println(result.evaluate().report());
        out().println("clips: " + result.render().output() + " (" + result.render().clips().size()
            + " files, manifest.csv); clips.csv: " + result.detect().clipsCsv() + "; report: "
            + result.detect().output().reportIndex());
        out().printf(java.util.Locale.ROOT, "quickstart: %s in %.0f s%n",
            result.passed() ? "PASSED — every dunk found, no false clips" : "FAILED — clips do not match the truth",
            result.seconds());
        return result.passed() ? 0 : QUALITY_FAILURE;
      }
    }
  }
}
