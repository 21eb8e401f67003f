package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.ClipSettings;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detect with smoothing on real decoded tapes and a tiny model: the same clips for any segment size, from the tapes
 * and from a frames dataset, and the clips the rule written plainly gives from each tape's raw scores (the scores
 * dataset). The clip policy is set so that a clip is exactly a stretch of frames whose smoothed score reaches the
 * threshold (no minimum length, no bridged gap, no padding): what is left is the smoothing's doing.
 */
class DetectSmoothingTest {
  @TempDir Path dir;

  @Test
  void smoothedClipsDoNotDependOnTheSegmentsAndMatchTheRawScoresSmoothedWhole() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("one.mp4", 8, 15, 160, 90, 0, 44), tapes.resolve("one.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("two.mp4", 6, 15, 160, 90, 90, 45), tapes.resolve("two.mp4"));
    Path model = dir.resolve("tiny.model");
    TinyModels.train(model, 31, 4);
    double threshold = 0.6;
    // 0.8 s at 15 fps: h = 6, so segments of 4 frames reach over their neighbours for the edges.
    DetectConfig config = DetectConfig.builder().input(tapes.toString()).model(model.toString())
        .output(out("segments-300")).clips(new ClipSettings(threshold, threshold, 0, 0, 0, 0.8)).build();
    assertThat(config.smoothHalfWindow(15)).isEqualTo(6);

    DetectResult whole = DetectJob.run(TestSpark.session(), config);
    assertThat(whole.errors()).isEmpty();
    assertThat(whole.clips()).as("the tiny model finds clips at %s", threshold).isNotEmpty();
    for (int segmentFrames : new int[] {37, 4}) {
      DetectResult cut = DetectJob.run(TestSpark.session(),
          config.toBuilder().output(out("segments-" + segmentFrames)).segmentFrames(segmentFrames).batchSize(16)
              .build());
      assertSameClips(cut.clips(), whole.clips(), "segments of " + segmentFrames);
    }

    ExtractResult frames = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(tapes.toString(), dir.resolve("frames").toString())
            .size(TinyModels.SIDE, TinyModels.SIDE).segmentFrames(70).build());
    assertThat(frames.errors()).isEmpty();
    DetectResult fromFrames = DetectJob.run(TestSpark.session(),
        config.toBuilder().output(out("frames")).frames(dir.resolve("frames").toString()).segmentFrames(25)
            .batchSize(16).build());
    assertThat(fromFrames.errors()).isEmpty();
    assertSameClips(fromFrames.clips(), whole.clips(), "from the frames dataset");

    // The oracle: each tape's raw scores from the scores dataset, smoothed and cut into clips by the rule written
    // plainly (checked on a hand-worked case below). Smoothing changes the clips, never the scores dataset: it holds
    // the model's raw scores, as without smoothing.
    DetectResult off = DetectJob.run(TestSpark.session(), config.toBuilder().output(out("off")).smoothSeconds(0)
        .build());
    assertThat(off.errors()).isEmpty();
    List<ClipRow> expected = new ArrayList<>();
    for (String video : List.of("one.mp4", "two.mp4")) {
      long frameCount = TapeProbe.probe(tapes.resolve(video), video).frameCount();
      double[] raw = rawScores(out("segments-300"), video, frameCount);
      assertThat(rawScores(out("off"), video, frameCount)).as(video).containsExactly(raw);
      int clip = 1;
      for (long[] stretch : plainClips(raw, 6, threshold)) {
        expected.add(new ClipRow(video, clip++, FrameRange.of(stretch[0], stretch[1]), 0, 0,
            plainMean(raw, 6, stretch)));
      }
    }
    assertThat(expected).as("the tiny model finds clips at %s", threshold).isNotEmpty();
    assertSameRangesAndScores(whole.clips(), expected, "the raw scores smoothed whole by the plain rule");
  }

  /** The plain rule on a case worked by hand, so the oracle above is known to say what the rule says. */
  @Test
  void thePlainRuleGivesTheHandWorkedClips() {
    // h = 1: each frame takes the lower middle of itself and its neighbours (two at the tape's ends).
    double[] raw = {0.1, 0.9, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.1, 0.7, 0.8};
    // Smoothed: 0.1 0.1 0.9 0.9 0.9 0.9 0.1 0.1 0.1 0.7 0.7 0.7 -> frames 2-5 (mean 0.9) and 9-11 (mean 0.7).
    assertThat(plainClips(raw, 1, 0.6)).containsExactly(new long[] {2, 5}, new long[] {9, 11});
    assertThat(plainMean(raw, 1, new long[] {2, 5})).isCloseTo(0.9, within(1e-12));
    assertThat(plainMean(raw, 1, new long[] {9, 11})).isCloseTo(0.7, within(1e-12));
    assertThat(plainClips(raw, 0, 0.6)).as("unsmoothed").containsExactly(new long[] {1, 1}, new long[] {3, 5},
        new long[] {8, 8}, new long[] {10, 11});
  }

  /** The score of frame {@code i} smoothed over {@code h} frames on each side: the lower middle of its window. */
  private static double plainSmoothed(double[] raw, int h, int i) {
    double[] window = Arrays.copyOfRange(raw, Math.max(0, i - h), Math.min(raw.length, i + h + 1));
    Arrays.sort(window);
    return window[(window.length - 1) / 2];
  }

  /** Every longest stretch of frames whose smoothed score is at least {@code threshold}, as {first, last}. */
  private static List<long[]> plainClips(double[] raw, int h, double threshold) {
    List<long[]> clips = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      if (plainSmoothed(raw, h, i) >= threshold) {
        if (!clips.isEmpty() && clips.get(clips.size() - 1)[1] == i - 1) {
          clips.get(clips.size() - 1)[1] = i;
        } else {
          clips.add(new long[] {i, i});
        }
      }
    }
    return clips;
  }

  /** The mean smoothed score of a stretch: a clip's score. */
  private static double plainMean(double[] raw, int h, long[] stretch) {
    double sum = 0;
    for (long i = stretch[0]; i <= stretch[1]; i++) {
      sum += plainSmoothed(raw, h, (int) i);
    }
    return sum / (stretch[1] - stretch[0] + 1);
  }

  private String out(String name) {
    return dir.resolve("detect-" + name).toString();
  }

  private static double[] rawScores(String detectDir, String video, long frames) {
    List<Row> rows = TestSpark.session().read().parquet(new DetectOutput(detectDir).scoresDir())
        .filter("video = '" + video + "'").select("frame", "score").orderBy("frame").collectAsList();
    assertThat(rows).as("scores of %s in %s", video, detectDir).hasSize((int) frames);
    double[] scores = new double[rows.size()];
    for (Row row : rows) {
      scores[(int) row.getLong(0)] = row.getFloat(1);
    }
    return scores;
  }

  private static void assertSameRangesAndScores(List<ClipRow> actual, List<ClipRow> expected, String what) {
    assertThat(actual).as(what).extracting(ClipRow::video, ClipRow::clip, ClipRow::range)
        .containsExactlyElementsOf(expected.stream()
            .map(row -> org.assertj.core.groups.Tuple.tuple(row.video(), row.clip(), row.range())).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).score()).as(what).isCloseTo(expected.get(i).score(), within(1e-5));
    }
  }

  private static void assertSameClips(List<ClipRow> actual, List<ClipRow> expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).video()).as(what).isEqualTo(expected.get(i).video());
      assertThat(actual.get(i).clip()).as(what).isEqualTo(expected.get(i).clip());
      assertThat(actual.get(i).range()).as(what).isEqualTo(expected.get(i).range());
      assertThat(actual.get(i).startSec()).as(what).isEqualTo(expected.get(i).startSec());
      assertThat(actual.get(i).endSec()).as(what).isEqualTo(expected.get(i).endSec());
      assertThat(actual.get(i).score()).as(what).isCloseTo(expected.get(i).score(), within(1e-5));
    }
  }
}
