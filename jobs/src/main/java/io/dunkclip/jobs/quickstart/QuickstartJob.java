package io.dunkclip.jobs.quickstart;

import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.evaluate.EvaluateConfig;
import io.dunkclip.jobs.evaluate.EvaluateJob;
import io.dunkclip.jobs.evaluate.EvaluateResult;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.sample.SampleConfig;
import io.dunkclip.jobs.sample.SampleJob;
import io.dunkclip.jobs.sample.SampleResult;
import io.dunkclip.jobs.train.TrainConfig;
import io.dunkclip.jobs.train.TrainJob;
import io.dunkclip.jobs.train.TrainResult;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * sample → extract → train → detect (and its report) → render → evaluate, each stage's output feeding the next. The
 * model is trained on the sample tapes of one seed and detects on tapes of the next seed, which it never saw.
 *
 * <p>The working directory is checked first ({@link #claim}): the quickstart writes only its own entries there, and
 * only into a directory that holds none of them or that a quickstart wrote.
 */
public final class QuickstartJob {
  /** The command the working directory's marker names. */
  static final String COMMAND = "quickstart";
  /** What the quickstart writes in its working directory. */
  static final String EVALUATION = "evaluation.json";

  private QuickstartJob() {}

  /**
   * What the quickstart writes: its entries of {@code --workdir}; an unmarked one from before the marker is proven the
   * quickstart's by its {@code evaluation.json}.
   */
  public static OutputGuard.Claim claim(QuickstartConfig config) {
    return OutputGuard.Claim.of(COMMAND, "workdir", config.workdir(), false).provenBy(EVALUATION)
        .writingOnly("tapes", "unseen", "frames", "model", "detect", "clips", "scratch", EVALUATION);
  }

  public static QuickstartResult run(SparkSession spark, QuickstartConfig config, Consumer<String> progress) {
    long started = System.nanoTime();
    OutputGuard.check(claim(config), spark.sparkContext().hadoopConfiguration());
    Outputs.mkdirs(config.workdir(), spark.sparkContext().hadoopConfiguration());
    OutputGuard.mark(config.workdir(), COMMAND, spark.sparkContext().hadoopConfiguration());
    String work = config.workdir();
    String tapes = Outputs.child(work, "tapes");
    String unseenTapes = Outputs.child(work, "unseen");
    String frames = Outputs.child(work, "frames");
    String model = Outputs.child(work, "model/dunk.model");
    String detected = Outputs.child(work, "detect");
    String clips = Outputs.child(work, "clips");

    SampleResult sample = SampleJob.run(spark.sparkContext().hadoopConfiguration(),
        SampleConfig.builder(tapes).tapes(config.tapes()).seconds(config.seconds()).seed(config.seed()).build());
    progress.accept(sample.summary());
    SampleResult unseen = SampleJob.run(spark.sparkContext().hadoopConfiguration(),
        SampleConfig.builder(unseenTapes).tapes(config.unseenTapes()).seconds(config.seconds())
            .seed(config.seed() + 1).build());
    progress.accept(unseen.summary() + " (unseen: detect runs on these)");
    ExtractResult extract = ExtractJob.run(spark, ExtractConfig.builder(tapes, frames).build());
    progress.accept(extract.summary());
    TrainResult train = TrainJob.run(spark, TrainConfig.builder(frames, sample.labels(), model)
        .epochs(config.epochs()).seed(config.seed()).workDir(Outputs.child(work, "scratch")).sharing(config.sharing())
        .build());
    train.epochs().forEach(epoch -> progress.accept("  " + epoch.describe()));
    progress.accept(train.summary());
    // With the sample's labels, detect's HTML report shows the truth and the metrics too.
    DetectResult detect = ReportJob.detectAndReport(spark, DetectConfig.builder().input(unseenTapes).model(model)
        .output(detected).labels(unseen.labels()).build());
    progress.accept(detect.summary());
    // The tapes detect found and probed: render neither looks for them nor probes them again.
    RenderResult render = RenderJob.run(spark, RenderConfig.builder().clips(detect.clipsCsv())
        .tapes(detect.tapeFiles(), detect.tapeInfos()).output(clips).build());
    progress.accept(render.summary());
    EvaluateResult evaluate = EvaluateJob.run(spark.sparkContext().hadoopConfiguration(),
        EvaluateConfig.builder(detect.clipsCsv(), unseen.labels()).output(Outputs.child(work, EVALUATION)).build());
    progress.accept(evaluate.summary());
    return new QuickstartResult(sample, unseen, extract, train, detect, render, evaluate,
        (System.nanoTime() - started) / 1e9);
  }
}
