package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.extract.ExtractConfig;
import io.dunkclip.jobs.extract.ExtractJob;
import io.dunkclip.jobs.extract.ExtractResult;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch with bad tapes among good ones: each bad one reported with its path and reason, the rest processed. */
class BadTapesTest {
  @TempDir Path dir;

  @Test
  void extractReportsEachBadTapeAndKeepsGoing() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    TapeSpec spec = new TapeSpec("good.mp4", 4, 15, 160, 90, 0, 5);
    long goodFrames = SampleTapeGenerator.generate(spec, tapes.resolve("good.mp4")).frameCount();
    Files.createFile(tapes.resolve("zero.mp4"));
    byte[] random = new byte[20_000];
    new Random(3).nextBytes(random);
    Files.write(tapes.resolve("random.mp4"), random);
    byte[] whole = Files.readAllBytes(tapes.resolve("good.mp4"));
    Files.write(tapes.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 3));
    writeAudioOnly(tapes.resolve("audio-only.mp4"));
    Files.createDirectories(tapes.resolve("folder.mp4"));

    ExtractResult result = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(tapes.resolve("*.mp4").toString(), dir.resolve("frames").toString()).size(32, 32)
            .segmentFrames(30).build());

    Map<String, TapeError> errors = result.errors().stream()
        .collect(Collectors.toMap(TapeError::tape, e -> e));
    assertThat(errors.keySet()).containsExactlyInAnyOrder("zero.mp4", "random.mp4", "truncated.mp4",
        "audio-only.mp4", "folder.mp4");
    assertThat(errors.get("zero.mp4").reason()).contains("empty (0 bytes)");
    assertThat(errors.get("random.mp4").reason()).contains("not a readable video container");
    assertThat(errors.get("audio-only.mp4").reason()).contains("no video stream");
    assertThat(errors.get("folder.mp4").reason()).contains("is a directory");
    assertThat(errors.values()).allSatisfy(e -> assertThat(e.uri()).contains(e.tape()));
    assertThat(result.tapes()).isEqualTo(1);
    assertThat(result.frames()).isEqualTo(goodFrames);
    List<String> errorLines = Files.readAllLines(dir.resolve("frames").resolve("_errors.csv"));
    assertThat(errorLines).hasSize(6).first().isEqualTo("video,stage,reason,frames_done,uri");
  }

  @Test
  void aBatchOfOnlyBadTapesIsReportedNotThrown() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("bad-only"));
    Files.createFile(tapes.resolve("zero.mp4"));
    ExtractResult result = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(tapes.toString(), dir.resolve("frames-none").toString()).size(32, 32).segmentFrames(30)
            .build());
    assertThat(result.frames()).isZero();
    assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("empty (0 bytes)"));
  }

  @Test
  void aTapeCutOffHalfWayKeepsItsFramesBeforeTheDamageInTheDatasetAndIsReported() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("cut"));
    Path good = SampleTapeGenerator.generate(new TapeSpec("whole.mp4", 4, 15, 160, 90, 0, 5), dir.resolve("w.mp4"))
        .file();
    // Index at the front (as phones write it), then the data cut off half way: the index lists frames that are gone.
    Path fastStart = dir.resolve("faststart.mp4");
    io.dunkclip.video.FfmpegTools.run(io.dunkclip.video.FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i",
        good.toString(), "-map", "0", "-c", "copy", "-movflags", "+faststart", fastStart.toString());
    byte[] whole = Files.readAllBytes(fastStart);
    Files.write(tapes.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));

    ExtractResult result = ExtractJob.run(TestSpark.session(),
        ExtractConfig.builder(tapes.toString(), dir.resolve("frames-cut").toString()).size(32, 32).segmentFrames(30)
            .build());

    assertThat(result.tapes()).isEqualTo(1);
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.tape()).isEqualTo("cut.mp4");
      assertThat(e.reason()).contains("lists 60 video frames but only " + e.framesDone() + " could be read");
      assertThat(e.framesDone()).isBetween(10L, 50L);
    });
    long kept = result.errors().get(0).framesDone();
    // The readable frames are in the dataset, numbered from 0 without gaps (the frame the file ends inside is not).
    List<Long> frames = TestSpark.session().read().parquet(dir.resolve("frames-cut").toString())
        .select("frame").orderBy("frame").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    assertThat(frames).hasSize((int) kept);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i)).isEqualTo(i);
    }
    assertThat(result.frames()).isEqualTo(frames.size());
  }

  static void writeAudioOnly(Path file) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
      recorder.setFormat("mp4");
      recorder.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
      recorder.setSampleRate(44100);
      recorder.start();
      recorder.recordSamples(44100, 1, java.nio.ShortBuffer.wrap(new short[44100]));
      recorder.stop();
    }
  }
}
