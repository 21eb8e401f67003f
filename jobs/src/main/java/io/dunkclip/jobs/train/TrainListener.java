package io.dunkclip.jobs.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** Observes a training run's progress; tests use it to see where a run starts and to stop one as a kill would. */
interface TrainListener {
  TrainListener NONE = new TrainListener() {};

  /** Called once before the first epoch this run trains, with the network it starts from. */
  default void starting(int firstEpoch, ComputationGraph network) {}

  /** Called after the checkpoint of {@code epoch} is committed. */
  default void checkpointed(int epoch) {}
}
