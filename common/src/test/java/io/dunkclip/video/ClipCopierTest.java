package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream copy on tapes whose frames show their own number: a copy starts on the keyframe at or before the requested
 * frame, holds every frame up to the requested last one, keeps the audio and stays upright.
 */
class ClipCopierTest {
  @TempDir static Path dir;
  static Path tape;
  static TapeInfo info;
  static Path portrait;
  static TapeInfo portraitInfo;

  @BeforeAll
  static void writeTapes() throws Exception {
    tape = dir.resolve("numbered.mp4");
    NumberedTapes.write(tape, 95, 192, 96, 0, 25, false, true); // keyframes at 0, 25, 50, 75
    info = TapeProbe.probe(tape, "numbered.mp4");
    portrait = dir.resolve("portrait.mp4");
    NumberedTapes.write(portrait, 40, 192, 256, 90, 10, false, true);
    portraitInfo = TapeProbe.probe(portrait, "portrait.mp4");
  }

  @Test
  void aCopyStartsOnTheKeyframeAtOrBeforeTheStartAndCoversTheRange() {
    long[][] ranges = {{30, 61}, {25, 25}, {0, 3}, {74, 94}, {50, 50}};
    for (long[] range : ranges) {
      Path clip = dir.resolve("copy-" + range[0] + "-" + range[1] + ".mp4");
      ClipCopier.Copied copied = ClipCopier.copy(tape, info, List.of(range), clip);
      long keyframe = info.keyframeAtOrBefore(range[0]);
      assertThat(keyframe).isLessThanOrEqualTo(range[0]);
      assertThat(copied.firstFrame()).isEqualTo(keyframe);
      assertThat(copied.lastFrame()).isEqualTo(range[1]); // no B-frames in these tapes: ends exactly
      TapeInfo clipInfo = TapeProbe.probe(clip, clip.getFileName().toString());
      List<Integer> numbers = numbers(clip, clipInfo);
      List<Integer> expected = new ArrayList<>();
      for (long f = keyframe; f <= range[1]; f++) {
        expected.add((int) f);
      }
      assertThat(numbers).as("frames of the copy of %d..%d", range[0], range[1]).isEqualTo(expected);
      assertThat(copied.frames()).isEqualTo(expected.size());
      assertThat(clipInfo.keyframeIndices()).startsWith(0L);
      assertThat(clipInfo.secondsAt(0)).isZero();
      assertThat(copied.seconds()).isCloseTo(expected.size() / 30.0, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void aCopyKeepsTheAudioOfItsSpan() throws Exception {
    Path clip = dir.resolve("copy-audio.mp4");
    ClipCopier.Copied copied = ClipCopier.copy(tape, info, List.of(new long[] {28, 49}), clip);
    // Copied from keyframe 25: frames 25..49, 25 frames at 30 fps = 0.833 s of 44.1 kHz audio.
    assertThat(copied.audioSamples()).isBetween(36750L - 2048, 36750L + 2048);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      assertThat(grabber.getAudioChannels()).isEqualTo(1);
      long samples = 0;
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        samples += frame.samples[0].limit();
      }
      assertThat(samples).isBetween(36750L - 2048, 36750L + 2048);
    }
  }

  @Test
  void aCopyOfARotatedTapeKeepsItsRotation() {
    Path clip = dir.resolve("copy-portrait.mp4");
    ClipCopier.copy(portrait, portraitInfo, List.of(new long[] {12, 17}), clip);
    TapeInfo clipInfo = TapeProbe.probe(clip, "copy-portrait.mp4");
    assertThat(portraitInfo.rotationDegrees()).isEqualTo(90);
    assertThat(clipInfo.rotationDegrees()).isEqualTo(90);
    assertThat(clipInfo.uprightWidth()).isEqualTo(192);
    assertThat(clipInfo.uprightHeight()).isEqualTo(256);
    // The numbers read back only from an upright picture.
    assertThat(numbers(clip, clipInfo)).containsExactly(10, 11, 12, 13, 14, 15, 16, 17);
  }

  @Test
  void aReelCopiesEachRangeFromItsKeyframeBackToBack() {
    Path reel = dir.resolve("copy-reel.mp4");
    ClipCopier.Copied copied = ClipCopier.copy(tape, info, List.of(new long[] {3, 5}, new long[] {52, 54}), reel);
    assertThat(copied.firstFrames()).containsExactly(0, 50);
    assertThat(copied.lastFrames()).containsExactly(5, 54);
    TapeInfo reelInfo = TapeProbe.probe(reel, "copy-reel.mp4");
    assertThat(numbers(reel, reelInfo)).containsExactly(0, 1, 2, 3, 4, 5, 50, 51, 52, 53, 54);
    assertThat(reelInfo.hasAudio()).isTrue();
  }

  private static List<Integer> numbers(Path clip, TapeInfo clipInfo) {
    List<Integer> numbers = new ArrayList<>();
    try (FrameReader reader = new FrameReader(clip, clipInfo, 0, 0)) {
      reader.read(0, clipInfo.frameCount() - 1, f -> numbers.add(NumberedTapes.readNumber(f.rgb(), f.width())));
    }
    return numbers;
  }
}
