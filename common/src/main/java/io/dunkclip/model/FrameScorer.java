package io.dunkclip.model;

import io.dunkclip.video.Rgb;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores decoded frames in batches: the probability that a player is in frame. Frames must already have the
 * model's input size (the reader resizes them in FFmpeg).
 */
public final class FrameScorer {
  private final ComputationGraph network;
  private final int width;
  private final int height;
  private final int batchSize;

  public FrameScorer(DunkModel model, int batchSize) {
    this.network = model.network();
    this.width = model.metadata().inputWidth();
    this.height = model.metadata().inputHeight();
    this.batchSize = batchSize;
  }

  /** Converts packed RGB frames to the network's input: [n, 3, height, width], values in [0, 1]. */
  public static INDArray features(List<byte[]> frames, int width, int height) {
    int size = 3 * width * height;
    float[] data = new float[frames.size() * size];
    for (int i = 0; i < frames.size(); i++) {
      Rgb.toChannelsFirst(frames.get(i), width, height, data, i * size);
    }
    return Nd4j.create(data, new long[] {frames.size(), 3, height, width}, 'c');
  }

  /** Scores a batch of packed RGB frames of the model's input size. */
  public float[] score(List<byte[]> frames) {
    if (frames.isEmpty()) {
      return new float[0];
    }
    INDArray input = features(frames, width, height);
    INDArray output = network.outputSingle(false, input);
    float[] scores = output.reshape(frames.size()).toFloatVector();
    input.close();
    output.close();
    return scores;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int batchSize() {
    return batchSize;
  }
}
