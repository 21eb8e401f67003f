package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dunkclip.jobs.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run killed after a checkpoint continues with {@code --resume} from the next epoch, from the checkpoint's network
 * and optimizer state, and its history has every epoch once, as an uninterrupted run's does.
 */
class TrainResumeTest {
  @TempDir Path dir;

  /** Stands for the kill: thrown right after a checkpoint is committed, so nothing after it runs. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private TrainConfig config(Path labels, String model, int epochs) {
    return TrainConfig.builder(dir.resolve("frames").toString(), labels.toString(), dir.resolve(model).toString())
        .epochs(epochs).batchSizePerWorker(8).validationFraction(0.34).threshold(0.5).seed(3).patience(5)
        .workDir(dir.resolve("scratch").toString()).sharing(TestSpark.sharing()).build();
  }

  @Test
  void aKilledRunResumesAtTheNextEpochFromItsCheckpointWithEveryEpochOnce() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, 3, 36, 32, 32);
    TrainConfig config = config(labels, "killed.model", 2);
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config, new TrainListener() {
      @Override
      public void checkpointed(int epoch) {
        if (epoch == 1) {
          throw new Killed();
        }
      }
    })).isInstanceOf(Killed.class);
    assertThat(dir.resolve("killed.model")).doesNotExist();

    Checkpoints checkpoints = new Checkpoints(config.model(), new Configuration());
    assertThat(checkpoints.epochs()).containsExactly(1);
    CheckpointState killedState = checkpoints.latest().orElseThrow();
    assertThat(killedState.epoch()).isEqualTo(1);
    assertThat(killedState.bestEpoch()).isEqualTo(1);
    assertThat(killedState.epochsSinceBest()).isZero();
    assertThat(killedState.epochs()).extracting(EpochMetrics::epoch).containsExactly(1);
    ComputationGraph checkpointed = checkpoints.network(1);
    INDArray checkpointParams = checkpointed.params().dup();
    INDArray checkpointUpdater = checkpointed.getUpdater().getStateViewArray().dup();
    // Adam's moment estimates after an epoch of training: the optimizer state is in the checkpoint.
    assertThat(checkpointUpdater.norm2Number().doubleValue()).isPositive();

    AtomicInteger firstEpoch = new AtomicInteger();
    AtomicReference<INDArray> startParams = new AtomicReference<>();
    AtomicReference<INDArray> startUpdater = new AtomicReference<>();
    TrainConfig resume = config.toBuilder().resume(true).build();
    TrainResult resumed = TrainJob.run(TestSpark.session(), resume, new TrainListener() {
      @Override
      public void starting(int first, ComputationGraph network) {
        firstEpoch.set(first);
        startParams.set(network.params().dup());
        startUpdater.set(network.getUpdater().getStateViewArray().dup());
      }
    });
    assertThat(firstEpoch.get()).isEqualTo(2);
    assertThat(startParams.get().equalsWithEps(checkpointParams, 0.0)).as("starting parameters").isTrue();
    assertThat(startUpdater.get().equalsWithEps(checkpointUpdater, 0.0)).as("starting optimizer state").isTrue();
    assertThat(resumed.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    assertThat(resumed.epochs().get(0)).isEqualTo(killedState.epochs().get(0));
    assertThat(resumed.parameterChange()).isPositive();
    // Training statistics: the one gradient-sharing worker of local mode fitted every exported minibatch of the one
    // epoch this run trained, once.
    assertThat(resumed.minibatchesExported()).isPositive();
    assertThat(resumed.minibatchesFitted()).isEqualTo(Map.of("driver", resumed.minibatchesExported()));
    // A real one-worker run: the sharing check passes with the one worker it had, and fails when two are expected,
    // as on the cluster (SubmitToLoopbackClusterIT).
    assertThat(SharingEvidence.problems(resumed.minibatchesFitted(), resumed.minibatchesExported(),
        resumed.parameterChange(), Set.of("driver"))).isEmpty();
    assertThat(SharingEvidence.problems(resumed.minibatchesFitted(), resumed.minibatchesExported(),
        resumed.parameterChange(), Set.of("0", "1"))).isNotEmpty();
    assertThat(Files.readAllLines(Path.of(config.model() + TrainingReport.CSV_SUFFIX))).hasSize(3);
    assertThat(checkpoints.latest().orElseThrow().epoch()).isEqualTo(2);

    // Resuming a finished run trains nothing and writes the same history again.
    AtomicInteger againFirst = new AtomicInteger();
    TrainResult again = TrainJob.run(TestSpark.session(), resume, new TrainListener() {
      @Override
      public void starting(int first, ComputationGraph network) {
        againFirst.set(first);
      }
    });
    assertThat(againFirst.get()).isEqualTo(3);
    assertThat(again.epochs()).isEqualTo(resumed.epochs());
    assertThat(again.bestEpoch()).isEqualTo(resumed.bestEpoch());
    assertThat(again.minibatchesFitted()).as("nothing trained").isEmpty();

    // The resumed run ends near where an uninterrupted one does, parameters and validation metrics.
    Checkpoints whole = new Checkpoints(dir.resolve("whole.model").toString(), new Configuration());
    AtomicReference<INDArray> wholeEpoch1 = new AtomicReference<>();
    TrainResult uninterrupted = TrainJob.run(TestSpark.session(), config(labels, "whole.model", 2),
        new TrainListener() {
          @Override
          public void checkpointed(int epoch) {
            if (epoch == 1) {
              wholeEpoch1.set(whole.network(1).params().dup());
            }
          }
        });
    assertThat(uninterrupted.epochs()).extracting(EpochMetrics::epoch)
        .isEqualTo(resumed.epochs().stream().map(EpochMetrics::epoch).toList());
    INDArray wholeEpoch2 = whole.network(2).params();
    INDArray resumedEpoch2 = checkpoints.network(2).params();
    double step = wholeEpoch2.distance2(wholeEpoch1.get());
    double apart = resumedEpoch2.distance2(wholeEpoch2);
    double killedApart = checkpointParams.distance2(wholeEpoch1.get());
    assertThat(step).as("epoch 2 moved the parameters").isPositive();
    double fromStart = wholeEpoch2.distance2(whole.initialParams());
    String measured = String.format(java.util.Locale.ROOT, "resumed vs whole after epoch 2 %.4g; whole: epoch-2 step"
        + " %.4g, epoch 2 from the initial parameters %.4g; killed vs whole after epoch 1 %.4g", apart, step, fromStart,
        killedApart);
    // Not bitwise, and no exact comparison is possible: train has one path, gradient sharing (a single JVM runs it
    // in local mode, there is no plain single-JVM trainer to resume), and DL4J's shared-training worker takes the
    // minibatches of the paths' partitions in the order their Spark tasks attach them, so two runs with the same
    // seed, data and options start from the same parameters but end apart. Measured with this test's data after one
    // epoch: two fresh runs 0.21 apart, 45% of an epoch's step (0.47), resumed vs whole after epoch 2: 0.33; again
    // with three fresh runs, 0.16 and 0.24 apart (step 0.61), epoch-1 losses 0.699, 0.701, 0.737. What is exact is
    // checked exactly above (the starting parameters and optimizer state, the epochs, the minibatches fitted); the
    // end is checked within the spread of fresh runs: the resumed run must end nearer the uninterrupted end than that
    // end is from where training started, and its validation loss within 0.03 of it (fresh runs' epoch-2 losses were
    // 0.002 apart); their validation AUCs, on a few dozen frames, swing too much between such runs to compare.
    assertThat(apart).as(measured).isLessThan(fromStart);
    EpochMetrics resumedLast = resumed.epochs().get(1);
    EpochMetrics wholeLast = uninterrupted.epochs().get(1);
    assertThat(resumedLast.loss()).as(measured).isCloseTo(wholeLast.loss(), within(0.03));

    // A resume with other options, or other labels, is refused naming the value.
    TrainConfig otherRate = config.toBuilder().epochs(3).learningRate(0.01).resume(true).build();
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), otherRate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot resume training from " + checkpoints.dir())
        .hasMessageContaining("learning-rate=0.01 (checkpoint: learning-rate=0.001)");
    Files.writeString(labels, Files.readString(labels).replace(",10,24,1", ",11,24,1").replace(",0,9,0", ",0,10,0"));
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config.toBuilder().resume(true).epochs(3).build()))
        .hasMessageContaining("labels-sha256=");
  }

  @Test
  void resumeWithoutACheckpointSaysWhereItLooked() throws Exception {
    Path labels = SyntheticFrames.write(TestSpark.session(), dir, 3, 36, 32, 32);
    TrainConfig config = config(labels, "none.model", 1).toBuilder().resume(true).build();
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot resume training: no complete checkpoint in " + config.model() + ".checkpoints"
            + " (resume=true); train without --resume to start afresh");
  }
}
