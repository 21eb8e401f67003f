package io.dunkclip.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.Clip;
import io.dunkclip.interval.ClipBuilder;
import io.dunkclip.interval.ClipPolicy;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreRun;
import io.dunkclip.interval.ScoreSmoothing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fast mode's windows against the naive oracle, scoring every frame: whenever every detection that becomes a clip
 * spans a keyframe scoring at least the seed threshold, the rounds of {@link FastWindows} end with exactly the clips
 * of scoring every frame; and always, every run they find is a run of scoring every frame.
 */
class FastWindowsTest {
  private static final double EXIT = 0.5;
  private static final double ENTER = 0.9;
  private static final double[] LEVELS = {0.1, 0.5, 0.9};

  /** What one simulated fast-mode run found. */
  private record Outcome(List<Clip> clips, List<ScoreRun> runs, long scored, int rounds) {}

  /** Counts of the cases checked, to show the conditions were met often and missed sometimes. */
  private static final class Tally {
    long promised;
    long notPromised;
    long notPromisedDiffering;
    long scored;
    long frames;
  }

  @Test
  void everySmallTapeGivesTheClipsOfScoringEveryFrameWhenEveryClipSpansASeed() {
    Tally tally = new Tally();
    for (int frames = 1; frames <= 5; frames++) {
      int combinations = (int) Math.pow(LEVELS.length, frames);
      for (int code = 0; code < combinations; code++) {
        double[] raw = new double[frames];
        int rest = code;
        for (int f = 0; f < frames; f++) {
          raw[f] = LEVELS[rest % LEVELS.length];
          rest /= LEVELS.length;
        }
        for (int mask = 0; mask < 1 << frames; mask++) {
          long[] keyframes = keyframesOf(mask, frames);
          for (int h = 0; h <= 1; h++) {
            for (int gap = 0; gap <= 2; gap += 2) {
              for (double seed : new double[] {EXIT, ENTER}) {
                for (long minFrames = 1; minFrames <= 2; minFrames++) {
                  check(raw, keyframes, new FastWindows.Rule(seed, ENTER, EXIT, h, gap),
                      new ClipPolicy(ENTER, EXIT, minFrames, gap, 0, minFrames - 1), tally);
                }
              }
            }
          }
        }
      }
    }
    assertThat(tally.promised).isGreaterThan(60_000);
    assertThat(tally.notPromised).isGreaterThan(1_000);
    assertThat(tally.notPromisedDiffering).as("cases outside the promise where the clips differ").isPositive();
  }

  @Test
  void randomLongerTapesGiveTheClipsOfScoringEveryFrameWhenEveryClipSpansASeed() {
    Random random = new Random(13);
    Tally tally = new Tally();
    double[] levels = {0.05, 0.3, 0.5, 0.7, 0.9, 0.95};
    for (int trial = 0; trial < 12_000; trial++) {
      int frames = 1 + random.nextInt(120);
      double[] raw = new double[frames];
      // Stretches of a level, as scores of a tape come: empty court, a dunk, a flicker.
      int f = 0;
      while (f < frames) {
        double level = levels[random.nextInt(levels.length)];
        int length = 1 + random.nextInt(random.nextBoolean() ? 3 : 25);
        for (int i = 0; i < length && f < frames; i++) {
          raw[f++] = random.nextInt(6) == 0 ? levels[random.nextInt(levels.length)] : level;
        }
      }
      int spacing = 1 + random.nextInt(12);
      List<Long> keyframeList = new ArrayList<>();
      for (long k = random.nextInt(3) == 0 ? random.nextInt(spacing) : 0; k < frames;
          k += 1 + random.nextInt(2 * spacing)) {
        keyframeList.add(k);
      }
      long[] keyframes = keyframeList.stream().mapToLong(Long::longValue).toArray();
      int h = random.nextInt(4);
      long gap = random.nextInt(7);
      double seed = levels[2 + random.nextInt(4)];
      long minFrames = 1 + random.nextInt(8);
      check(raw, keyframes, new FastWindows.Rule(seed, ENTER, EXIT, h, gap),
          new ClipPolicy(ENTER, EXIT, minFrames, gap, random.nextInt(4), random.nextInt(4)), tally);
    }
    assertThat(tally.promised).isGreaterThan(4_000);
    assertThat(tally.notPromisedDiffering).isPositive();
    assertThat(tally.scored).as("frames scored of " + tally.frames).isLessThan(tally.frames);
  }

  @Test
  void firstWindowsGrowOverKeyframesAtTheExitThresholdAndReachTheGapAndSmoothingBeyond() {
    long[] keyframes = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    double[] scores = {0.1, 0.1, 0.1, 0.6, 0.95, 0.6, 0.1, 0.1, 0.7, 0.1};
    FastWindows.Rule rule = new FastWindows.Rule(ENTER, ENTER, EXIT, 2, 3);
    // seed 40; over 30 and 50 (at the exit threshold) to 20 and 60, 5 frames beyond: 15 snaps down to keyframe 10.
    // Keyframe 80 scores above the exit threshold but below the seed: no window of its own.
    assertThat(FastWindows.initial(100, keyframes, scores, rule)).containsExactly(FrameRange.of(10, 65));
    // A keyframe the coarse pass could not score is a seed; so are the frames before the first keyframe.
    double[] unscored = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, Double.NaN};
    assertThat(FastWindows.initial(100, keyframes, unscored, rule)).containsExactly(FrameRange.of(70, 99));
    assertThat(FastWindows.initial(100, new long[] {30}, new double[] {0.1}, rule))
        .containsExactly(FrameRange.of(0, 29));
    assertThat(FastWindows.initial(100, new long[0], new double[0], rule)).containsExactly(FrameRange.of(0, 99));
    assertThat(FastWindows.initial(0, new long[0], new double[0], rule)).isEmpty();
  }

  @Test
  void aRunReachingAWindowsEdgeAsksForMoreButNeverForFramesAskedForBefore() {
    long[] keyframes = {0, 10, 20, 30, 40};
    double[] keyScores = {0.1, 0.1, 0.95, 0.1, 0.1};
    FastWindows.Rule rule = new FastWindows.Rule(ENTER, ENTER, EXIT, 0, 2);
    double[] scores = new double[10];
    Arrays.fill(scores, 0.95); // frames 20..29 all high: the run may go on after 29
    List<FastWindows.Stretch> scored = List.of(new FastWindows.Stretch(20, scores));
    List<FrameRange> attempted = List.of(FrameRange.of(20, 29));
    // before: the run may start just after keyframe 10 (scoring low), so the gap and one frame more before that, 8,
    // from the keyframe at or before it; after: to keyframe 30 (scoring low) and the gap beyond it
    assertThat(FastWindows.missing(50, keyframes, keyScores, scored, attempted, rule))
        .containsExactly(FrameRange.of(0, 19), FrameRange.of(30, 32));
    // Decoding failed everywhere else (asked for, not scored): nothing more to ask.
    assertThat(FastWindows.missing(50, keyframes, keyScores, scored, List.of(FrameRange.of(0, 49)), rule))
        .isEmpty();
    // A low stretch settles at once.
    assertThat(FastWindows.missing(50, keyframes, keyScores, List.of(new FastWindows.Stretch(20, new double[10])),
        attempted, rule)).isEmpty();
  }

  @Test
  void rejectsInconsistentInput() {
    FastWindows.Rule rule = new FastWindows.Rule(ENTER, ENTER, EXIT, 0, 0);
    assertThatThrownBy(() -> FastWindows.initial(10, new long[] {0, 5}, new double[] {0}, rule))
        .hasMessageContaining("one score per keyframe");
    assertThatThrownBy(() -> FastWindows.initial(10, new long[] {5, 5}, new double[] {0, 0}, rule))
        .hasMessageContaining("strictly ascending");
    assertThatThrownBy(() -> new FastWindows.Rule(ENTER, ENTER, EXIT, -1, 0)).hasMessageContaining("half-window=-1");
    assertThatThrownBy(() -> FastWindows.missing(10, new long[] {0}, new double[] {0},
        List.of(new FastWindows.Stretch(0, new double[4]), new FastWindows.Stretch(2, new double[4])), List.of(),
        rule)).hasMessageContaining("overlap");
  }

  private static long[] keyframesOf(int mask, int frames) {
    return java.util.stream.IntStream.range(0, frames).filter(f -> (mask >> f & 1) == 1).asLongStream().toArray();
  }

  /** One case: the oracle, the rounds of fast mode, and the comparison. */
  private static void check(double[] raw, long[] keyframes, FastWindows.Rule rule, ClipPolicy policy, Tally tally) {
    int frames = raw.length;
    double[] smoothed = ScoreSmoothing.median(raw, rule.halfWindow());
    List<ScoreRun> fullRuns = RunReducer.runs(0, smoothed, EXIT);
    List<Clip> full = ClipBuilder.clips(fullRuns, frames, policy);
    Outcome fast = fast(raw, keyframes, rule, policy);
    java.util.function.Supplier<String> where = () -> "raw=" + Arrays.toString(raw) + " keyframes="
        + Arrays.toString(keyframes) + " " + rule + " " + policy + " fast runs=" + fast.runs() + " full runs="
        + fullRuns;
    if (!fullRuns.containsAll(fast.runs())) {
      throw new AssertionError("a run fast mode found is not a run of scoring every frame: " + where.get());
    }
    if (fast.rounds() > frames + 1) {
      throw new AssertionError(fast.rounds() + " rounds: " + where.get());
    }
    tally.scored += fast.scored();
    tally.frames += frames;
    if (promised(raw, keyframes, rule, policy, fullRuns, frames)) {
      tally.promised++;
      if (!fast.clips().equals(full)) {
        assertThat(fast.clips()).as(where.get()).isEqualTo(full);
      }
    } else {
      tally.notPromised++;
      if (!fast.clips().equals(full)) {
        tally.notPromisedDiffering++;
      }
    }
  }

  /** Whether every detection that becomes a clip spans a keyframe scoring at least the seed threshold. */
  private static boolean promised(double[] raw, long[] keyframes, FastWindows.Rule rule, ClipPolicy policy,
      List<ScoreRun> fullRuns, int frames) {
    ClipPolicy unpadded = new ClipPolicy(policy.enterThreshold(), policy.exitThreshold(), policy.minFrames(),
        policy.maxGapFrames(), 0, 0);
    for (Clip detection : ClipBuilder.clips(fullRuns, frames, unpadded)) {
      boolean seeded = Arrays.stream(keyframes).anyMatch(k -> detection.detected().contains(k)
          && raw[(int) k] >= rule.seedThreshold());
      if (!seeded) {
        return false;
      }
    }
    return true;
  }

  /** Fast mode's rounds over a tape whose raw scores are known: the coarse pass scores its keyframes exactly. */
  private static Outcome fast(double[] raw, long[] keyframes, FastWindows.Rule rule, ClipPolicy policy) {
    int frames = raw.length;
    double[] keyScores = Arrays.stream(keyframes).mapToDouble(k -> raw[(int) k]).toArray();
    List<FrameRange> attempted = new ArrayList<>(FastWindows.initial(frames, keyframes, keyScores, rule));
    int rounds = 1;
    while (true) {
      List<FastWindows.Stretch> stretches = stretches(raw, attempted);
      List<FrameRange> more = FastWindows.missing(frames, keyframes, keyScores, stretches, attempted, rule);
      if (more.isEmpty()) {
        break;
      }
      if (FrameRanges.intersectionLength(more, attempted) != 0) {
        throw new AssertionError("asked again for frames asked for before: " + more + " after " + attempted);
      }
      attempted.addAll(more);
      rounds++;
    }
    List<ScoreRun> runs = new ArrayList<>();
    long scored = 0;
    for (FastWindows.Stretch stretch : stretches(raw, attempted)) {
      scored += stretch.scores().length;
      runs.addAll(RunReducer.runs(stretch.first(), ScoreSmoothing.median(stretch.scores(), rule.halfWindow()),
          EXIT));
    }
    List<ScoreRun> stitched = RunReducer.stitch(runs);
    return new Outcome(ClipBuilder.clips(stitched, frames, policy), stitched, scored, rounds);
  }

  /** The scores of the attempted frames, as maximal stretches of consecutive frames. */
  private static List<FastWindows.Stretch> stretches(double[] raw, List<FrameRange> attempted) {
    List<FastWindows.Stretch> out = new ArrayList<>();
    for (FrameRange range : FrameRanges.coalesce(attempted)) {
      out.add(new FastWindows.Stretch(range.first(),
          Arrays.copyOfRange(raw, (int) range.first(), (int) range.last() + 1)));
    }
    return out;
  }
}
