package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast mode on a tape shaped like the archive (what {@code scripts/bench detect}'s second tape is, made small): a
 * keyframe a second and a dunk every 30 s, so a player is in frame a small part of the time. Fast mode must give the
 * clips of scoring every frame, exactly, while scoring well under half of the frames.
 */
class FastModeArchiveTapeTest {
  static final String TAPE = "archive.mp4";
  static final long SEED = 45;

  @TempDir Path dir;

  @Test
  void fastModeFindsTheClipsOfScoringEveryFrameOnAnArchiveLikeTape() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    TapeSpec spec = new TapeSpec(TAPE, 60, 15, 160, 90, 0, SEED).withDunkSeconds(30);
    SampleTapeGenerator.generate(spec, tapes.resolve(TAPE), 1);
    TapeInfo info = TapeProbe.probe(tapes.resolve(TAPE), TAPE);
    assertThat(info.keyframeIndices().length).as("a keyframe about every second").isGreaterThanOrEqualTo(55);
    // Trained on this very picture (only the keyframes differ), as in FastModeSparseKeyframesTest: the empty court
    // scores low, the dunks high, as with a good model.
    Path model = dir.resolve("tiny.model");
    TinyModels.train(model, spec, 6);
    DetectConfig full = DetectConfig.builder().input(tapes.toString()).model(model.toString())
        .output(dir.resolve("full").toString()).build();

    DetectResult everyFrame = DetectJob.run(TestSpark.session(), full);
    DetectResult fast = DetectJob.run(TestSpark.session(),
        full.toBuilder().output(dir.resolve("fast").toString()).fast(true).build());

    assertThat(everyFrame.errors()).isEmpty();
    assertThat(fast.errors()).isEmpty();
    assertThat(everyFrame.clips()).as("clips of scoring every frame").isNotEmpty();
    assertThat(describe(fast.clips())).as("fast mode's clips").isEqualTo(describe(everyFrame.clips()));
    assertThat(fast.fullyScored()).isEmpty();
    assertThat(fast.scoredFrames()).as("frames fast mode scored, of " + info.frameCount())
        .isLessThan(info.frameCount() / 2);
  }

  private static List<String> describe(List<ClipRow> clips) {
    return clips.stream().map(c -> c.video() + "#" + c.clip() + " " + c.range()).toList();
  }
}
