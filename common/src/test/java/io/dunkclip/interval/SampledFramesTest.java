package io.dunkclip.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Every tape of 0 to 13 frames, every step from 1 to 5 and every yes/no verdict on its samples, against a
 * frame-by-frame oracle; then properties on larger tapes.
 */
class SampledFramesTest {

  private static final int MAX_FRAMES = 13;
  private static final int MAX_STEP = 5;
  private static final List<ClipPolicy> POLICIES = List.of(
      ClipPolicy.threshold(0.5),
      new ClipPolicy(0.5, 0.5, 3, 0, 0, 0),
      new ClipPolicy(0.5, 0.5, 1, 2, 0, 0),
      new ClipPolicy(0.5, 0.5, 4, 3, 1, 2));

  @Test
  void spreadAndRangesMatchTheOracleForEverySmallTape() {
    long checked = 0;
    for (int frames = 0; frames <= MAX_FRAMES; frames++) {
      for (int step = 1; step <= MAX_STEP; step++) {
        int samples = SampledFrames.sampleCount(frames, step);
        assertThat(samples).as("samples of %d frames every %d", frames, step).isEqualTo(naiveSampleCount(frames, step));
        for (int bits = 0; bits < 1 << samples; bits++) {
          double[] sampleScores = new double[samples];
          for (int i = 0; i < samples; i++) {
            sampleScores[i] = (bits >> i & 1) == 1 ? 1.0 : 0.0;
          }
          double[] expected = naiveSpread(frames, step, sampleScores);
          double[] actual = SampledFrames.spread(frames, step, sampleScores);
          if (!Arrays.equals(actual, expected)) {
            assertThat(actual).as("spread of %s over %d frames every %d", Arrays.toString(sampleScores), frames,
                step).containsExactly(expected);
          }
          for (ClipPolicy policy : POLICIES) {
            List<Clip> want = NaiveOracle.clips(expected, policy);
            List<Clip> got = SampledFrames.clips(frames, step, sampleScores, policy);
            if (!got.equals(want)) {
              assertThat(got).as("clips of %s over %d frames every %d with %s", Arrays.toString(sampleScores),
                  frames, step, policy).isEqualTo(want);
            }
          }
          checked++;
        }
      }
    }
    // Sum over frames 0..13 and steps 1..5 of 2^samples: counted once here so a broken loop cannot pass unseen.
    assertThat(checked).isEqualTo(expectedCases());
  }

  @Test
  void aLoneDetectedSampleCoversHalfAStepEachWay() {
    // Samples at 0, 4, 8, 12; only frame 8 detected: frames 7..10 are nearer to 8 than to 4 or 12 (ties earlier).
    double[] samples = {0, 0, 1, 0};
    assertThat(SampledFrames.ranges(13, 4, samples, ClipPolicy.threshold(0.5))).containsExactly(FrameRange.of(7, 10));
    // Odd step: samples at 0, 5, 10; frame 5 covers 3..7.
    assertThat(SampledFrames.ranges(11, 5, new double[] {0, 1, 0}, ClipPolicy.threshold(0.5)))
        .containsExactly(FrameRange.of(3, 7));
  }

  @Test
  void framesAfterTheLastSampleTakeItsScore() {
    assertThat(SampledFrames.spread(7, 3, new double[] {0, 0, 1})).containsExactly(0, 0, 0, 0, 0, 1, 1);
  }

  @Test
  void refusesScoresThatDoNotMatchTheSamples() {
    assertThatThrownBy(() -> SampledFrames.spread(10, 3, new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot spread sampled scores: a tape of 10 frames sampled every 3 has 4 samples; pass one score"
            + " for each (scores=3)");
    assertThatThrownBy(() -> SampledFrames.sampleCount(10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot sample frames: need 0 or more frames and a step of 1 or more (frames=10, step=0)");
    assertThatThrownBy(() -> SampledFrames.sampleCount(-1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(frames=-1, step=2)");
  }

  /** Each range holds a detected sample, and every detected sample lies in a range (no bridging, no minimum). */
  @Property(tries = 300)
  void rangesHoldExactlyTheDetectedSamples(@ForAll @Size(max = 60) List<Boolean> verdicts,
      @ForAll @IntRange(min = 1, max = 9) int step, @ForAll @IntRange(min = 0, max = 8) int tail) {
    int samples = verdicts.size();
    long frames = samples == 0 ? 0 : (long) (samples - 1) * step + 1 + Math.min(tail, step - 1);
    double[] scores = new double[samples];
    for (int i = 0; i < samples; i++) {
      scores[i] = verdicts.get(i) ? 1 : 0;
    }
    List<FrameRange> ranges = SampledFrames.ranges(frames, step, scores, ClipPolicy.threshold(0.5));
    for (FrameRange range : ranges) {
      assertThat(range.last()).isLessThan(frames);
      boolean holdsDetected = false;
      for (int i = 0; i < samples; i++) {
        holdsDetected |= verdicts.get(i) && range.contains((long) i * step);
      }
      assertThat(holdsDetected).as("range %s holds a detected sample", range).isTrue();
    }
    for (int i = 0; i < samples; i++) {
      long frame = (long) i * step;
      boolean covered = ranges.stream().anyMatch(r -> r.contains(frame));
      assertThat(covered).as("sample %d (frame %d)", i, frame).isEqualTo(verdicts.get(i));
    }
  }

  private static long expectedCases() {
    long cases = 0;
    for (int frames = 0; frames <= MAX_FRAMES; frames++) {
      for (int step = 1; step <= MAX_STEP; step++) {
        cases += 1L << naiveSampleCount(frames, step);
      }
    }
    return cases;
  }

  private static int naiveSampleCount(int frames, int step) {
    int samples = 0;
    for (int frame = 0; frame < frames; frame++) {
      if (frame % step == 0) {
        samples++;
      }
    }
    return samples;
  }

  /** For each frame, look at every sample and keep the nearest; on a tie the earlier one, seen first. */
  private static double[] naiveSpread(int frames, int step, double[] sampleScores) {
    double[] scores = new double[frames];
    for (int frame = 0; frame < frames; frame++) {
      int best = -1;
      for (int i = 0; i < sampleScores.length; i++) {
        if (best < 0 || Math.abs(frame - i * step) < Math.abs(frame - best * step)) {
          best = i;
        }
      }
      scores[frame] = sampleScores[best];
    }
    return scores;
  }
}
