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

class ClipWriterTest {
  @TempDir static Path dir;
  static Path tape;
  static TapeInfo info;
  static Path portrait;
  static TapeInfo portraitInfo;

  @BeforeAll
  static void writeTape() throws Exception {
    tape = dir.resolve("numbered.mp4");
    NumberedTapes.write(tape, 95, 192, 96, 0, 25, false, true);
    info = TapeProbe.probe(tape, "numbered.mp4");
    portrait = dir.resolve("portrait.mp4");
    // 270 pixels wide upright: rows of 810 bytes, which JavaCV pads to 816 (a stride trap).
    NumberedTapes.write(portrait, 40, 270, 480, 90, 10, false, true);
    portraitInfo = TapeProbe.probe(portrait, "portrait.mp4");
  }

  @Test
  void clipsStartAndEndOnTheRequestedFramesEvenBetweenKeyframes() {
    long[][] ranges = {{13, 61}, {0, 0}, {25, 49}, {90, 94}, {24, 26}};
    for (long[] range : ranges) {
      Path clip = dir.resolve("clip-" + range[0] + "-" + range[1] + ".mp4");
      ClipWriter.Written written = ClipWriter.write(tape, info, range[0], range[1], clip);
      assertThat(written.frames()).isEqualTo(range[1] - range[0] + 1);
      TapeInfo clipInfo = TapeProbe.probe(clip, clip.getFileName().toString());
      assertThat(clipInfo.frameCount()).isEqualTo(range[1] - range[0] + 1);
      assertThat(numbers(clip, clipInfo)).first().isEqualTo((int) range[0]);
      assertThat(numbers(clip, clipInfo)).last().isEqualTo((int) range[1]);
      assertThat(numbers(clip, clipInfo)).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void audioOfExactlyTheClipsTimeSpanIsKept() throws Exception {
    Path clip = dir.resolve("audio.mp4");
    ClipWriter.Written written = ClipWriter.write(tape, info, 30, 59, clip);
    // 30 frames at 30 fps = 1 s of 44.1 kHz audio.
    assertThat(written.audioSamples()).isBetween(44100L - 1500, 44100L + 1500);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      assertThat(grabber.getAudioChannels()).isEqualTo(1);
      long samples = 0;
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        samples += frame.samples[0].limit();
      }
      assertThat(samples).isBetween(44100L - 2048, 44100L + 2048);
    }
  }

  @Test
  void rotatedTapesGiveUprightClips() {
    Path clip = dir.resolve("portrait-clip.mp4");
    ClipWriter.write(portrait, portraitInfo, 5, 14, clip);
    TapeInfo clipInfo = TapeProbe.probe(clip, "portrait-clip.mp4");
    assertThat(clipInfo.rotationDegrees()).isZero();
    assertThat(clipInfo.codedWidth()).isEqualTo(270);
    assertThat(clipInfo.codedHeight()).isEqualTo(480);
    assertThat(numbers(clip, clipInfo)).containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    // The whole picture, not just the number blocks: the gradient must come out unsheared.
    List<byte[]> pictures = new ArrayList<>();
    try (FrameReader reader = new FrameReader(clip, clipInfo, 0, 0)) {
      reader.read(0, 0, f -> pictures.add(f.rgb()));
    }
    byte[] expected = NumberedTapes.picture(5, 270, 480);
    double difference = 0;
    for (int i = 0; i < expected.length; i++) {
      difference += Math.abs((expected[i] & 0xff) - (pictures.get(0)[i] & 0xff));
    }
    assertThat(difference / expected.length).isLessThan(4.0);
  }

  @Test
  void aReelHoldsItsClipsBackToBackEvenWithinOneGop() {
    Path reel = dir.resolve("reel.mp4");
    ClipWriter.Written written = ClipWriter.write(tape, info, List.of(new long[] {3, 7}, new long[] {10, 12},
        new long[] {60, 64}), reel, 1.0);
    assertThat(written.frames()).isEqualTo(13);
    TapeInfo reelInfo = TapeProbe.probe(reel, "reel.mp4");
    assertThat(numbers(reel, reelInfo)).containsExactly(3, 4, 5, 6, 7, 10, 11, 12, 60, 61, 62, 63, 64);
    assertThat(reelInfo.hasAudio()).isTrue();
  }

  @Test
  void slowMotionLowersTheFrameRateKeepsEveryFrameAndDropsAudio() {
    Path slow = dir.resolve("slow.mp4");
    ClipWriter.Written written = ClipWriter.write(tape, info, List.of(new long[] {20, 39}), slow, 2.0);
    TapeInfo slowInfo = TapeProbe.probe(slow, "slow.mp4");
    assertThat(slowInfo.frameRate()).isEqualTo(15.0);
    assertThat(numbers(slow, slowInfo)).hasSize(20).first().isEqualTo(20);
    assertThat(slowInfo.hasAudio()).isFalse();
    assertThat(written.seconds()).isCloseTo(20 / 15.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  private static List<Integer> numbers(Path clip, TapeInfo clipInfo) {
    List<Integer> numbers = new ArrayList<>();
    try (FrameReader reader = new FrameReader(clip, clipInfo, 0, 0)) {
      reader.read(0, clipInfo.frameCount() - 1, f -> numbers.add(NumberedTapes.readNumber(f.rgb(), f.width())));
    }
    return numbers;
  }
}
