package io.dunkclip.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Scores frames in batches as they arrive: each frame comes with a tag of the caller's choosing (its frame number,
 * its label), every full batch is scored in one model call, and each (tag, score) pair goes to the sink in the order
 * the frames came. Call {@link #flush} after the last frame, or use {@link #scoreAll} for an iterator.
 *
 * @param <T> what identifies a frame to the caller
 */
public final class BatchScorer<T> {
  /** Receives each frame's score, in the order the frames were added. */
  @FunctionalInterface
  public interface Sink<T> {
    void accept(T tag, float score);
  }

  private final FrameScorer scorer;
  private final int batchSize;
  private final Sink<T> sink;
  private final List<byte[]> frames;
  private final List<T> tags;

  public BatchScorer(FrameScorer scorer, int batchSize, Sink<T> sink) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "Cannot score frames: a batch needs at least 1 frame (batch-size=" + batchSize + ")");
    }
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.batchSize = batchSize;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.frames = new ArrayList<>(batchSize);
    this.tags = new ArrayList<>(batchSize);
  }

  /** Adds a packed RGB frame of the model's input size; scores the batch when it is full. */
  public void add(T tag, byte[] rgb) {
    frames.add(rgb);
    tags.add(tag);
    if (frames.size() == batchSize) {
      flush();
    }
  }

  /** Scores the frames added since the last full batch. */
  public void flush() {
    if (frames.isEmpty()) {
      return;
    }
    float[] scores = scorer.score(frames);
    for (int i = 0; i < scores.length; i++) {
      sink.accept(tags.get(i), scores[i]);
    }
    frames.clear();
    tags.clear();
  }

  /** Scores every item of {@code items} in batches of {@code batchSize}; {@code pixels} gives an item's frame. */
  public static <T> void scoreAll(Iterator<T> items, Function<T, byte[]> pixels, FrameScorer scorer, int batchSize,
      Sink<T> sink) {
    BatchScorer<T> batches = new BatchScorer<>(scorer, batchSize, sink);
    while (items.hasNext()) {
      T item = items.next();
      batches.add(item, pixels.apply(item));
    }
    batches.flush();
  }
}
