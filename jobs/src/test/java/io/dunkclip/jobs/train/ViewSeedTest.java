package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewSeedTest {
  @Test
  void augmentedEpochsGetViewsOfTheirOwnAndTheFirstEpochKeepsTheConfiguredSeed() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
      Set<Long> seeds = new HashSet<>();
      for (int epoch = 1; epoch <= 200; epoch++) {
        seeds.add(Minibatches.viewSeed(seed, true, epoch));
        assertThat(Minibatches.viewSeed(seed, true, epoch)).as("the same epoch, the same views")
            .isEqualTo(Minibatches.viewSeed(seed, true, epoch));
      }
      assertThat(seeds).as("seed %d: 200 epochs, 200 sets of views", seed).hasSize(200);
      assertThat(Minibatches.viewSeed(seed, true, 1)).isEqualTo(seed);
    }
  }

  @Test
  void withoutAugmentationEveryEpochHasTheSameBatches() {
    for (int epoch = 1; epoch <= 50; epoch++) {
      assertThat(Minibatches.viewSeed(42, false, epoch)).isEqualTo(42);
    }
  }
}
