package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tapes as phones record them: HEVC as well as H.264, portrait with a rotation tag, up to 4K, with audio. The HEVC
 * files are made with the GPL build's ffmpeg (test only: the shipped LGPL build decodes HEVC but cannot encode it).
 */
class PhoneTapesTest {
  @TempDir Path dir;

  /** An HEVC copy of a numbered H.264 tape, with the same rotation tag (written the way NumberedTapes writes it). */
  private Path hevc(Path h264, int rotation, String name) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("-v", "error", "-y", "-noautorotate", "-i", h264.toString(),
        "-map", "0", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=8:min-keyint=8:log-level=error",
        "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-c:a", "copy"));
    if (rotation != 0) {
      args.addAll(List.of("-metadata:s:v:0", "rotate=" + (360 - rotation) % 360));
    }
    args.add(out.toString());
    FfmpegTools.run(GplFfmpeg.ffmpeg(), args.toArray(String[]::new));
    return out;
  }

  private static int codecOf(Path tape) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(tape.toFile())) {
      grabber.start();
      return grabber.getVideoCodec();
    }
  }

  /** Reads every frame at the tape's own upright size and checks each shows its own number. */
  private static void assertEveryFrameUprightAndNumbered(Path tape, TapeInfo info) {
    List<Long> numbers = new ArrayList<>();
    try (FrameReader reader = new FrameReader(tape, info, 0, 0)) {
      reader.read(0, info.frameCount() - 1, frame -> {
        assertThat(frame.width()).isEqualTo(info.uprightWidth());
        assertThat(frame.height()).isEqualTo(info.uprightHeight());
        assertThat((long) NumberedTapes.readNumber(frame.rgb(), frame.width())).isEqualTo(frame.index());
        numbers.add(frame.index());
      });
    }
    assertThat(numbers).hasSize((int) info.frameCount());
  }

  @Test
  void hevcPortraitPhoneTapeWithAudioComesOutUprightAndFrameExact() throws Exception {
    Path h264 = dir.resolve("portrait-h264.mp4");
    NumberedTapes.write(h264, 30, 240, 432, 90, 10, false, true);
    Path tape = hevc(h264, 90, "portrait-hevc.mp4");
    assertThat(codecOf(tape)).isEqualTo(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC);

    TapeInfo info = TapeProbe.probe(tape, "portrait-hevc.mp4");
    assertThat(info.frameCount()).isEqualTo(30);
    assertThat(info.rotationDegrees()).isEqualTo(90);
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.uprightWidth()).isEqualTo(240);
    assertThat(info.uprightHeight()).isEqualTo(432);
    assertEveryFrameUprightAndNumbered(tape, info);

    // A range that starts between keyframes (every 8 frames) still starts on the asked frame.
    List<Long> indices = new ArrayList<>();
    try (FrameReader reader = new FrameReader(tape, info, 64, 64)) {
      reader.read(13, 21, frame -> indices.add(frame.index()));
    }
    assertThat(indices).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L);
  }

  @Test
  void fourKPortraitHevcAndFourKH264ResizeToTheModelSize() throws Exception {
    Path h264 = dir.resolve("uhd-h264.mp4");
    NumberedTapes.write(h264, 6, 2160, 3840, 270, 3, false, false);
    Path tape = hevc(h264, 270, "uhd-hevc.mp4");
    for (Path file : List.of(tape, h264)) {
      TapeInfo info = TapeProbe.probe(file, file.getFileName().toString());
      assertThat(codecOf(file)).isEqualTo(file == tape ? org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC
          : org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
      assertThat(info.codedWidth()).isEqualTo(3840);
      assertThat(info.codedHeight()).isEqualTo(2160);
      assertThat(info.rotationDegrees()).isEqualTo(270);
      assertEveryFrameUprightAndNumbered(file, info);
      List<Long> indices = new ArrayList<>();
      try (FrameReader reader = new FrameReader(file, info, 224, 224)) {
        reader.read(2, 5, frame -> {
          assertThat(frame.rgb()).hasSize(224 * 224 * 3);
          indices.add(frame.index());
        });
      }
      assertThat(indices).containsExactly(2L, 3L, 4L, 5L);
    }
  }
}
