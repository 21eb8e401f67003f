package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dunkclip.format.ClipRow;
import io.dunkclip.interval.RunReducer;
import io.dunkclip.interval.ScoreSmoothing;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detect with smoothing on real decoded tapes and a tiny model: the same clips for any segment size, from the tapes
 * and from a frames dataset, and the same clips as smoothing each tape's raw scores (the scores dataset) whole.
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
        .output(out("segments-300")).threshold(threshold).smoothSeconds(0.8).build();
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

    // The oracle: each tape's raw scores from the scores dataset, smoothed whole. Smoothing changes the clips, never
    // the scores dataset: it holds the model's raw scores, as without smoothing.
    DetectResult off = DetectJob.run(TestSpark.session(), config.toBuilder().output(out("off")).smoothSeconds(0)
        .build());
    assertThat(off.errors()).isEmpty();
    List<ClipRow> expected = new ArrayList<>();
    for (String video : List.of("one.mp4", "two.mp4")) {
      TapeInfo info = TapeProbe.probe(tapes.resolve(video), video);
      double[] raw = rawScores(out("segments-300"), video, info.frameCount());
      assertThat(rawScores(out("off"), video, info.frameCount())).as(video).containsExactly(raw);
      double[] smoothed = ScoreSmoothing.median(raw, config.smoothHalfWindow(info.frameRate()));
      expected.addAll(DetectJob.clipRows(video, RunReducer.runs(0, smoothed, threshold), info,
          config.clips().policy(threshold, threshold, info.frameRate(), 0, 0)));
    }
    assertSameClips(whole.clips(), expected, "the raw scores smoothed whole");
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
