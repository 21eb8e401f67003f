package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchScorerTest {
  private static final int SIDE = 16;

  private static FrameScorer scorer() {
    ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", Architectures.SMALL_CNN, SIDE,
        SIDE, ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_CENTRED, 0.95, List.of(), "none", "now", null,
        null, null, null, null, null);
    return new FrameScorer(new DunkModel(Architectures.build(Architectures.SMALL_CNN, SIDE, SIDE, 3, 1e-3), metadata));
  }

  @Test
  void everyFrameIsScoredOnceInOrderAsIfScoredAlone() {
    FrameScorer scorer = scorer();
    Random random = new Random(5);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] rgb = new byte[SIDE * SIDE * 3];
      random.nextBytes(rgb);
      frames.add(rgb);
    }
    List<Integer> tags = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    // 10 frames in batches of 4: two full batches and a last one of 2
    BatchScorer.scoreAll(java.util.stream.IntStream.range(0, 10).boxed().iterator(), frames::get, scorer, 4,
        (tag, score) -> {
          tags.add(tag);
          scores.add(score);
        });
    assertThat(tags).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    for (int i = 0; i < 10; i++) {
      assertThat(scores.get(i)).isCloseTo(scorer.score(List.of(frames.get(i)))[0],
          org.assertj.core.data.Offset.offset(1e-5f));
    }
    assertThat(scores.stream().distinct().count()).as("random frames get different scores").isGreaterThan(1);
  }

  @Test
  void refusesAnEmptyBatchSize() {
    assertThatThrownBy(() -> new BatchScorer<Integer>(scorer(), 0, (tag, score) -> { }))
        .hasMessage("Cannot score frames: a batch needs at least 1 frame (batch-size=0)");
  }
}
