package io.dunkclip.jobs.detect;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.interval.FrameRanges;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.segment.FastWindows;
import io.dunkclip.segment.KeyframeWindows;
import io.dunkclip.segment.SegmentPlanner;
import io.dunkclip.video.TapeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Fast mode on the driver, round by round: from the keyframe scores of the coarse pass, the segments to decode and
 * score frame by frame first ({@link FastWindows#initial}), then after each round the segments of the frames still
 * missing before what was scored settles the clips ({@link FastWindows#missing}), cut into tasks of at most about
 * {@code segmentFrames}; and at the end the coarse scores of the keyframes outside everything scored, kept for the
 * scores dataset. See {@link FastWindows} for what fast mode guarantees.
 *
 * <p>A tape whose keyframes are further apart than {@code maxKeyframeSeconds} ({@link #fullyScored}) is one window,
 * the whole tape: fast mode's premise, that every clip holds a keyframe, does not hold for it. Its keyframes need no
 * coarse pass.
 *
 * <p>A keyframe the coarse pass could not decode has no score and opens a window, so the full pass meets the same
 * damage and reports it as detect always does; the coarse pass's own errors are therefore not reported twice.
 */
final class FastPlan {
  private final int segmentFrames;
  private final List<FullyScoredTape> fullyScored;
  private final Map<String, Tape> tapes = new LinkedHashMap<>();
  private List<TapeSegment> next = List.of();

  /** One tape's state: its keyframes and their coarse scores, its rule, what was asked for and what was scored. */
  private record Tape(TapeRef ref, TapeInfo info, long[] keyframes, double[] scores, FastWindows.Rule rule,
      List<FrameRange> attempted, List<FastWindows.Stretch> scored) {}

  private FastPlan(int segmentFrames, List<FullyScoredTape> fullyScored) {
    this.segmentFrames = segmentFrames;
    this.fullyScored = List.copyOf(fullyScored);
  }

  /**
   * The tapes whose longest keyframe interval (frames from a keyframe to the next, or to the tape's end, over the
   * frame rate) is longer than {@code maxKeyframeSeconds}, in input order.
   */
  static List<FullyScoredTape> fullyScored(ProbedTapes probed, double maxKeyframeSeconds) {
    List<FullyScoredTape> full = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      TapeInfo info = probed.infos().get(tape.name());
      double seconds = KeyframeWindows.longestInterval(info.frameCount(), keyframes(info)) / rate(info);
      if (seconds > maxKeyframeSeconds + 1e-9) {
        full.add(new FullyScoredTape(tape.name(), seconds, maxKeyframeSeconds));
      }
    }
    return List.copyOf(full);
  }

  /**
   * The plan's first round from the coarse pass's keyframe scores, with each tape's rule ({@code rules}, by its
   * frame rate); {@code fullyScored} ({@link #fullyScored}, found before the coarse pass, which skips those tapes)
   * are each one window, the whole tape.
   */
  static FastPlan start(ProbedTapes probed, List<KeyframeScores> coarse, Function<TapeInfo, FastWindows.Rule> rules,
      int segmentFrames, List<FullyScoredTape> fullyScored) {
    FastPlan plan = new FastPlan(segmentFrames, fullyScored);
    Set<String> whole = new HashSet<>();
    fullyScored.forEach(tape -> whole.add(tape.video()));
    Map<String, Map<Long, Float>> byTape = new HashMap<>();
    for (KeyframeScores part : coarse) {
      Map<Long, Float> scores = byTape.computeIfAbsent(part.video(), v -> new HashMap<>());
      for (int i = 0; i < part.frames().length; i++) {
        scores.put(part.frames()[i], part.scores()[i]);
      }
    }
    List<TapeSegment> segments = new ArrayList<>();
    for (TapeRef ref : probed.tapes()) {
      TapeInfo info = probed.infos().get(ref.name());
      long[] keyframes = keyframes(info);
      Map<Long, Float> known = byTape.getOrDefault(ref.name(), Map.of());
      double[] scores = new double[keyframes.length];
      for (int i = 0; i < keyframes.length; i++) {
        Float score = known.get(keyframes[i]);
        scores[i] = score == null ? Double.NaN : score;
      }
      FastWindows.Rule rule = rules.apply(info);
      List<FrameRange> windows = whole.contains(ref.name())
          ? (info.frameCount() > 0 ? List.of(FrameRange.of(0, info.frameCount() - 1)) : List.of())
          : FastWindows.initial(info.frameCount(), keyframes, scores, rule);
      Tape tape = new Tape(ref, info, keyframes, scores, rule, new ArrayList<>(), new ArrayList<>());
      plan.tapes.put(ref.name(), tape);
      segments.addAll(plan.ask(tape, windows));
    }
    plan.next = List.copyOf(segments);
    return plan;
  }

  /** The segments of the round to run now; empty when fast mode is done. */
  List<TapeSegment> segments() {
    return next;
  }

  /** Takes in the scores of the round just run ({@link #segments()}) and plans the next one. */
  void scored(List<SegmentScores> round) {
    Set<String> touched = new HashSet<>();
    for (SegmentScores segment : round) {
      Tape tape = tapes.get(segment.video());
      if (tape == null || segment.scores().length == 0) {
        continue;
      }
      double[] scores = new double[segment.scores().length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = segment.scores()[i];
      }
      tape.scored().add(new FastWindows.Stretch(segment.first(), scores));
      touched.add(segment.video());
    }
    List<TapeSegment> segments = new ArrayList<>();
    for (Tape tape : tapes.values()) {
      if (touched.contains(tape.ref().name())) {
        segments.addAll(ask(tape, FastWindows.missing(tape.info().frameCount(), tape.keyframes(), tape.scores(),
            tape.scored(), tape.attempted(), tape.rule())));
      }
    }
    next = List.copyOf(segments);
  }

  /** Frames asked for, over every round and tape. */
  long windowFrames() {
    long frames = 0;
    for (Tape tape : tapes.values()) {
      frames += FrameRanges.unionLength(tape.attempted());
    }
    return frames;
  }

  /** The tapes scored in full because their keyframes are too far apart, in input order. */
  List<FullyScoredTape> fullyScored() {
    return fullyScored;
  }

  /**
   * One single-frame entry per keyframe scored by the coarse pass outside every frame asked for, for the scores
   * dataset.
   */
  List<SegmentScores> outside() {
    List<SegmentScores> outside = new ArrayList<>();
    for (Tape tape : tapes.values()) {
      List<FrameRange> asked = FrameRanges.coalesce(tape.attempted());
      for (int i = 0; i < tape.keyframes().length; i++) {
        long keyframe = tape.keyframes()[i];
        if (!Double.isNaN(tape.scores()[i]) && asked.stream().noneMatch(range -> range.contains(keyframe))) {
          outside.add(new SegmentScores(tape.ref().name(), keyframe, new float[] {(float) tape.scores()[i]},
              List.of(), null));
        }
      }
    }
    return outside;
  }

  private List<TapeSegment> ask(Tape tape, List<FrameRange> windows) {
    List<TapeSegment> segments = new ArrayList<>();
    for (FrameRange window : windows) {
      tape.attempted().add(window);
      for (FrameRange range : SegmentPlanner.plan(window, segmentFrames, tape.keyframes())) {
        segments.add(new TapeSegment(tape.ref(), range.first(), range.last()));
      }
    }
    return segments;
  }

  /** The tape's keyframes inside it, ascending, each once. */
  private static long[] keyframes(TapeInfo info) {
    return Arrays.stream(info.keyframeIndices()).filter(k -> k >= 0 && k < info.frameCount()).sorted().distinct()
        .toArray();
  }

  private static double rate(TapeInfo info) {
    return info.frameRate() > 0 ? info.frameRate() : 30;
  }
}
