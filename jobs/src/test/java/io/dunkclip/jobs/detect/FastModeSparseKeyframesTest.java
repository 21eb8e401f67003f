package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.report.ReportJob;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast mode on a tape whose keyframes are too far apart for its premise (issue 16, item 9): a tape with one keyframe
 * interval of most of its length, as some 10-bit HEVC and VP9 encoders write them, is scored in full, finds the clips
 * of scoring every frame, and detect says so in its result, {@code _detect.json} and the report.
 */
class FastModeSparseKeyframesTest {
  static final String TAPE = "one-keyframe.mp4";
  static final long SEED = 44;

  @TempDir Path dir;

  @Test
  void aTapeWithKeyframesTooFarApartIsScoredFullyFindsTheClipsOfScoringEveryFrameAndSaysSo() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    // A keyframe interval longer than the tape: frame 0 (an empty court) is its only planned keyframe; the encoder
    // may add one at a scene change early on, the rest of the tape is one interval.
    SampleTapeGenerator.generate(new TapeSpec(TAPE, 16, 15, 160, 90, 0, SEED), tapes.resolve(TAPE), 60);
    TapeInfo info = TapeProbe.probe(tapes.resolve(TAPE), TAPE);
    long[] keyframes = info.keyframeIndices();
    assertThat(keyframes).as("keyframes of the tape").hasSizeLessThanOrEqualTo(2).startsWith(0L);
    assertThat(info.frameCount() - keyframes[keyframes.length - 1]).as("frames after the last keyframe")
        .isGreaterThan(12 * 15);
    // Trained on this very picture (the same seed and size; only the keyframes differ): the empty court scores low,
    // the dunks high, as with a good model.
    Path model = dir.resolve("tiny.model");
    TinyModels.train(model, SEED, 6);
    DetectConfig full = DetectConfig.builder().input(tapes.toString()).model(model.toString())
        .output(dir.resolve("full").toString()).build();

    DetectResult everyFrame = DetectJob.run(TestSpark.session(), full);
    assertThat(everyFrame.errors()).isEmpty();
    assertThat(everyFrame.clips()).as("clips of scoring every frame").isNotEmpty();
    assertThat(everyFrame.fullyScored()).isEmpty();
    // What made fast mode miss them: no keyframe scores the suspect score, so no keyframe interval was decoded.
    List<Row> keyframeScores = TestSpark.session().read().parquet(dir.resolve("full/scores").toString())
        .collectAsList().stream().filter(row -> Arrays.stream(keyframes).anyMatch(k -> k == row.getLong(1))).toList();
    assertThat(keyframeScores).hasSize(keyframes.length)
        .allSatisfy(row -> assertThat(row.getFloat(2)).as("score of keyframe %d", row.getLong(1))
            .isLessThan((float) DetectConfig.FAST_SUSPECT_SCORE));

    DetectResult fast = ReportJob.detectAndReport(TestSpark.session(),
        full.toBuilder().output(dir.resolve("fast").toString()).fast(true).build());

    assertThat(fast.errors()).isEmpty();
    assertThat(describe(fast.clips())).as("fast mode's clips").isEqualTo(describe(everyFrame.clips()));
    assertThat(fast.scoredFrames()).as("frames fast mode scored").isEqualTo(info.frameCount());
    double longest = (info.frameCount() - keyframes[keyframes.length - 1]) / info.frameRate();
    assertThat(fast.fullyScored()).extracting(FullyScoredTape::video).containsExactly(TAPE);
    assertThat(fast.fullyScored().get(0).keyframeSeconds()).isCloseTo(longest, within(1e-9));
    assertThat(fast.fullyScored().get(0).describe()).startsWith(TAPE + " was scored in full, not in fast mode: its"
        + " keyframes are up to ");

    JsonNode run = new ObjectMapper().readTree(dir.resolve("fast").resolve(DetectOutput.RUN_FILE).toFile());
    assertThat(run.get("fast").asBoolean()).isTrue();
    assertThat(run.get("fullyScored")).hasSize(1);
    assertThat(run.get("fullyScored").get(0).get("video").asText()).isEqualTo(TAPE);
    assertThat(DetectRun.read(new DetectOutput(dir.resolve("full").toString()),
        new org.apache.hadoop.conf.Configuration()).fast()).isFalse();
    String report = Files.readString(dir.resolve("fast/report/index.html"));
    assertThat(report).contains("Scored every frame: " + TAPE + " was scored in full, not in fast mode")
        .contains("1 tape(s) scored in full: keyframes too far apart (" + TAPE + ")");
  }

  private static List<String> describe(List<ClipRow> clips) {
    return clips.stream().map(c -> c.video() + "#" + c.clip() + " " + c.range()).toList();
  }
}
