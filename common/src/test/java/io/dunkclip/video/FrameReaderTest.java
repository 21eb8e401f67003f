package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameReaderTest {
  @TempDir static Path dir;
  static Path cfr;
  static Path vfr;
  static Path rotated90;
  static Path rotated270;

  @BeforeAll
  static void writeTapes() throws Exception {
    cfr = dir.resolve("cfr.mp4");
    NumberedTapes.write(cfr, 95, 192, 96, 0, 25, false, true);
    vfr = dir.resolve("vfr.mp4");
    NumberedTapes.write(vfr, 70, 192, 96, 0, 20, true, false);
    rotated90 = dir.resolve("portrait90.mp4");
    NumberedTapes.write(rotated90, 30, 192, 256, 90, 10, false, false);
    rotated270 = dir.resolve("portrait270.mp4");
    NumberedTapes.write(rotated270, 30, 192, 256, 270, 10, false, false);
  }

  @Test
  void probeCountsEveryFrameWithoutDecodingAndFindsKeyframes() {
    TapeInfo info = TapeProbe.probe(cfr, "cfr.mp4");
    assertThat(info.frameCount()).isEqualTo(95);
    assertThat(info.keyframeIndices()).startsWith(0L).contains(25L, 50L, 75L);
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.rotationDegrees()).isZero();
    assertThat(info.frameRate()).isEqualTo(30.0);
  }

  @Test
  void aOneThreadDecoderDeliversTheSamePixelsAsFfmpegsOwnThreadChoice() {
    TapeSource oneThread = TapeSource.file(cfr).withDecoderThreads(1);
    try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = oneThread.grabber("cfr.mp4")) {
      assertThat(grabber.getVideoOption("threads")).isEqualTo("1");
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> TapeSource.file(cfr).withDecoderThreads(-1))
        .hasMessageContaining("give 0 (automatic) or more");
    for (Path tape : List.of(cfr, vfr)) {
      TapeInfo info = TapeProbe.probe(tape, tape.getFileName().toString());
      List<byte[]> automatic = new ArrayList<>();
      List<byte[]> single = new ArrayList<>();
      try (FrameReader reader = new FrameReader(TapeSource.file(tape), info, 64, 48, Fit.STRETCH)) {
        reader.read(13, 61, frame -> automatic.add(frame.rgb()));
      }
      try (FrameReader reader = new FrameReader(TapeSource.file(tape).withDecoderThreads(1), info, 64, 48,
          Fit.STRETCH)) {
        reader.read(13, 61, frame -> single.add(frame.rgb()));
      }
      assertThat(single).hasSize(49).hasSameSizeAs(automatic);
      for (int i = 0; i < single.size(); i++) {
        assertThat(single.get(i)).as("frame %d of %s", 13 + i, tape).isEqualTo(automatic.get(i));
      }
    }
  }

  @Test
  void everyRangeDeliversExactlyItsFramesWithTheirTrueNumbers() {
    for (Path tape : List.of(cfr, vfr)) {
      TapeInfo info = TapeProbe.probe(tape, tape.getFileName().toString());
      long count = info.frameCount();
      long[][] ranges = {{0, 0}, {0, count - 1}, {24, 26}, {25, 25}, {13, 61}, {count - 1, count - 1}, {49, 50}};
      for (long[] range : ranges) {
        List<Long> indices = new ArrayList<>();
        List<Integer> shown = new ArrayList<>();
        try (FrameReader reader = new FrameReader(tape, info, 0, 0)) {
          reader.read(range[0], range[1], frame -> {
            indices.add(frame.index());
            shown.add(NumberedTapes.readNumber(frame.rgb(), frame.width()));
          });
        }
        List<Long> expected = new ArrayList<>();
        List<Integer> expectedShown = new ArrayList<>();
        for (long i = range[0]; i <= range[1]; i++) {
          expected.add(i);
          expectedShown.add((int) i);
        }
        assertThat(indices).as("indices of %s %d..%d", tape, range[0], range[1]).isEqualTo(expected);
        assertThat(shown).as("pictures of %s %d..%d", tape, range[0], range[1]).isEqualTo(expectedShown);
      }
    }
  }

  @Test
  void keyframesOnlyReaderDeliversExactlyTheProbedKeyframesOfARangeWithTheirPictures() {
    for (Path tape : List.of(cfr, vfr, rotated90)) {
      TapeInfo info = TapeProbe.probe(tape, tape.getFileName().toString());
      long count = info.frameCount();
      long[][] ranges = {{0, count - 1}, {1, count - 1}, {13, 61 % count}, {0, 0}, {count - 1, count - 1}};
      for (long[] range : ranges) {
        if (range[1] < range[0]) {
          continue;
        }
        List<Long> indices = new ArrayList<>();
        List<Integer> shown = new ArrayList<>();
        try (FrameReader reader = FrameReader.keyframesOnly(tape, info, 0, 0, Fit.STRETCH)) {
          long delivered = reader.readKeyframes(range[0], range[1], frame -> {
            indices.add(frame.index());
            shown.add(NumberedTapes.readNumber(frame.rgb(), frame.width()));
          });
          assertThat(delivered).isEqualTo(indices.size());
        }
        List<Long> expected = new ArrayList<>();
        for (long keyframe : info.keyframeIndices()) {
          if (keyframe >= range[0] && keyframe <= range[1]) {
            expected.add(keyframe);
          }
        }
        assertThat(indices).as("keyframes of %s %d..%d", tape, range[0], range[1]).isEqualTo(expected);
        assertThat(shown).as("pictures of %s %d..%d", tape, range[0], range[1])
            .isEqualTo(expected.stream().map(Long::intValue).toList());
      }
    }
  }

  @Test
  void aKeyframesOnlyReaderRefusesFullReadsAndAFullReaderRefusesKeyframeReads() {
    TapeInfo info = TapeProbe.probe(cfr, "cfr.mp4");
    try (FrameReader keyframes = FrameReader.keyframesOnly(cfr, info, 32, 32, Fit.STRETCH);
        FrameReader full = new FrameReader(cfr, info, 32, 32)) {
      assertThatThrownBy(() -> keyframes.read(0, 1, f -> { })).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("keyframes-only");
      assertThatThrownBy(() -> full.readKeyframes(0, 1, f -> { })).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("FrameReader.keyframesOnly");
    }
  }

  @Test
  void variableFrameRateTimestampsAreIrregularAndMapBackToIndices() {
    TapeInfo info = TapeProbe.probe(vfr, "vfr.mp4");
    long[] ts = info.frameTimestampsMicros();
    assertThat(info.frameCount()).isEqualTo(70);
    long distinctGaps = java.util.stream.IntStream.range(1, ts.length).mapToLong(i -> ts[i] - ts[i - 1]).distinct()
        .count();
    assertThat(distinctGaps).isGreaterThan(2);
    for (int i = 0; i < ts.length; i++) {
      assertThat(info.indexOf(ts[i])).isEqualTo(i);
    }
  }

  @Test
  void rotationTagsAreAppliedSoFramesComeOutUpright() {
    for (Path tape : List.of(rotated90, rotated270)) {
      TapeInfo info = TapeProbe.probe(tape, tape.getFileName().toString());
      assertThat(info.rotationDegrees()).isEqualTo(tape == rotated90 ? 90 : 270);
      assertThat(info.uprightWidth()).isEqualTo(192);
      assertThat(info.uprightHeight()).isEqualTo(256);
      List<Integer> shown = new ArrayList<>();
      try (FrameReader reader = new FrameReader(tape, info, 0, 0)) {
        reader.read(3, 12, frame -> {
          assertThat(frame.width()).isEqualTo(192);
          assertThat(frame.height()).isEqualTo(256);
          shown.add(NumberedTapes.readNumber(frame.rgb(), frame.width()));
        });
      }
      assertThat(shown).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }
  }

  @Test
  void uprightFramesMatchWhatFfmpegsOwnPlayerShows() throws Exception {
    for (Path tape : List.of(rotated90, rotated270)) {
      Path png = dir.resolve(tape.getFileName() + "-cli.png");
      // The ffmpeg CLI autorotates by the display matrix: the reference for what a viewer sees.
      FfmpegTools.run(FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i", tape.toString(), "-vf", "select=eq(n\\,5)",
          "-frames:v", "1", png.toString());
      java.awt.image.BufferedImage shown = javax.imageio.ImageIO.read(png.toFile());
      assertThat(shown.getWidth()).isEqualTo(192);
      assertThat(shown.getHeight()).isEqualTo(256);
      assertThat(NumberedTapes.readNumber(Rgb.fromImage(shown), shown.getWidth())).isEqualTo(5);
    }
  }

  @Test
  void resizesToTheRequestedUprightSize() {
    TapeInfo info = TapeProbe.probe(rotated90, "portrait90.mp4");
    try (FrameReader reader = new FrameReader(rotated90, info, 64, 48)) {
      reader.read(0, 2, frame -> {
        assertThat(frame.width()).isEqualTo(64);
        assertThat(frame.height()).isEqualTo(48);
        assertThat(frame.rgb()).hasSize(64 * 48 * 3);
      });
    }
  }

  @Test
  void padFitsAPortraitTapeIntoALandscapeSizeBetweenBlackBars() {
    TapeInfo info = TapeProbe.probe(rotated90, "portrait90.mp4");
    // 192x256 upright into 128x64: scaled to 48x64, centred, 40 black columns on each side.
    List<byte[]> padded = new ArrayList<>();
    try (FrameReader reader = new FrameReader(rotated90, info, 128, 64, Fit.PAD)) {
      reader.read(4, 6, frame -> {
        assertThat(frame.width()).isEqualTo(128);
        assertThat(frame.height()).isEqualTo(64);
        padded.add(frame.rgb());
      });
    }
    List<byte[]> fitted = new ArrayList<>();
    try (FrameReader reader = new FrameReader(rotated90, info, 48, 64, Fit.STRETCH)) {
      reader.read(4, 6, frame -> fitted.add(frame.rgb()));
    }
    assertThat(padded).hasSize(3);
    for (int f = 0; f < padded.size(); f++) {
      byte[] canvas = padded.get(f);
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 128; x++) {
          boolean bar = x < 40 || x >= 88;
          for (int c = 0; c < 3; c++) {
            int value = canvas[(y * 128 + x) * 3 + c] & 0xff;
            if (bar) {
              assertThat(value).as("bar pixel %d,%d of frame %d", x, y, 4 + f).isZero();
            } else {
              // The middle is exactly the picture scaled to its fitted size, upright.
              assertThat(value).as("picture pixel %d,%d of frame %d", x, y, 4 + f)
                  .isEqualTo(fitted.get(f)[(y * 48 + x - 40) * 3 + c] & 0xff);
            }
          }
        }
      }
      assertThat(columnMax(canvas, 128, 64, 64)).as("middle column is picture").isGreaterThan(40);
    }
  }

  @Test
  void stretchFillsTheWholeSizeWithPicture() {
    TapeInfo info = TapeProbe.probe(rotated90, "portrait90.mp4");
    try (FrameReader reader = new FrameReader(rotated90, info, 128, 64, Fit.STRETCH)) {
      reader.read(4, 4, frame -> {
        for (int x = 0; x < 128; x++) {
          // Below the number blocks the tape is a grey gradient of at least 64: no column is black.
          assertThat(columnMax(frame.rgb(), 128, 64, x)).as("column %d", x).isGreaterThan(40);
        }
      });
    }
  }

  /** The brightest green value of column {@code x}, below the number blocks (the top quarter). */
  private static int columnMax(byte[] rgb, int width, int height, int x) {
    int max = 0;
    for (int y = height / 4; y < height; y++) {
      max = Math.max(max, rgb[(y * width + x) * 3 + 1] & 0xff);
    }
    return max;
  }

  @Test
  void badFilesAreReportedWithTheirReason() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    Path junk = dir.resolve("junk.mp4");
    byte[] random = new byte[50_000];
    new java.util.Random(1).nextBytes(random);
    Files.write(junk, random);
    Path truncated = dir.resolve("truncated.mp4");
    byte[] whole = Files.readAllBytes(cfr);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> TapeProbe.probe(empty, "empty.mp4")).isInstanceOf(TapeException.class)
        .hasMessageContaining("empty.mp4").hasMessageContaining("empty (0 bytes)");
    assertThatThrownBy(() -> TapeProbe.probe(junk, "junk.mp4")).isInstanceOf(TapeException.class)
        .hasMessageContaining("not a readable video container");
    assertThatThrownBy(() -> TapeProbe.probe(dir.resolve("missing.mp4"), "missing.mp4"))
        .isInstanceOf(TapeException.class).hasMessageContaining("no such file");
    assertThatThrownBy(() -> TapeProbe.probe(dir, "dir")).isInstanceOf(TapeException.class)
        .hasMessageContaining("is a directory");
    // A truncated mp4 (moov atom at the end, as the recorder writes it) has no index at all.
    assertThatThrownBy(() -> TapeProbe.probe(truncated, "truncated.mp4")).isInstanceOf(TapeException.class);
  }

  /** The tape with its index (moov) moved to the front, as phones and editors often write it. */
  private static Path fastStart(Path tape, String name) {
    Path out = dir.resolve(name);
    FfmpegTools.run(FfmpegTools.ffmpeg(), "-v", "error", "-y", "-i", tape.toString(), "-map", "0", "-c", "copy",
        "-movflags", "+faststart", out.toString());
    return out;
  }

  /** Byte offset of the first byte after the mdat box header: where the frames' data starts in a fast-start file. */
  private static int mdatStart(byte[] file) {
    for (int i = 4; i + 4 <= file.length; i++) {
      if (file[i] == 'm' && file[i + 1] == 'd' && file[i + 2] == 'a' && file[i + 3] == 't') {
        return i + 4;
      }
    }
    throw new AssertionError("no mdat box");
  }

  @Test
  void aTapeCutOffHalfWayKeepsItsFramesBeforeTheDamageAndSaysWhatIsMissing() throws Exception {
    byte[] whole = Files.readAllBytes(fastStart(cfr, "faststart.mp4"));
    int start = mdatStart(whole);
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, java.util.Arrays.copyOf(whole, start + (whole.length - start) / 2));

    TapeInfo info = TapeProbe.probe(cut, "cut.mp4");
    assertThat(info.listedFrames()).isEqualTo(95);
    assertThat(info.frameCount()).isBetween(20L, 80L);
    assertThat(info.truncation()).contains("lists 95 video frames but only " + info.frameCount() + " could be read");
    List<Long> numbers = new ArrayList<>();
    try (FrameReader reader = new FrameReader(cut, info, 0, 0)) {
      // Every frame the probe counted decodes: the one the file ends inside is not counted.
      reader.read(0, info.frameCount() - 1, f -> numbers.add((long) NumberedTapes.readNumber(f.rgb(), f.width())));
    }
    assertThat(numbers).hasSize((int) info.frameCount());
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).as("frame %d shows its own number", i).isEqualTo(i);
    }
    assertThat(TapeProbe.probe(cfr, "cfr.mp4").truncation()).as("an intact tape").isNull();
  }

  @Test
  void garbageInTheMiddleCostsOnlyTheDamagedFramesAndIsReported() throws Exception {
    byte[] file = Files.readAllBytes(fastStart(cfr, "faststart-for-damage.mp4"));
    int start = mdatStart(file);
    // Overwrite a stretch in the middle of the frame data: the frames there are lost or broken, but the decoder
    // recovers at the next keyframe, and everything before is untouched.
    int from = start + (file.length - start) * 45 / 100;
    java.util.Random random = new java.util.Random(5);
    for (int i = from; i < from + 6000; i++) {
      file[i] = (byte) random.nextInt(256);
    }
    Path damaged = dir.resolve("damaged.mp4");
    Files.write(damaged, file);

    TapeInfo info = TapeProbe.probe(damaged, "damaged.mp4");
    assertThat(info.frameCount()).as("the index still lists every frame").isEqualTo(95);
    List<long[]> delivered = new ArrayList<>(); // {index, number shown}
    String damage = null;
    try (FrameReader reader = new FrameReader(damaged, info, 0, 0)) {
      reader.read(0, 94, f -> delivered.add(new long[] {f.index(), NumberedTapes.readNumber(f.rgb(), f.width())}));
    } catch (TapeException e) {
      damage = e.getMessage();
    }
    long[] indices = delivered.stream().mapToLong(d -> d[0]).toArray();
    assertThat(indices).isSorted().doesNotHaveDuplicates();
    // The keyframes are at 0, 25, 50, 75: frames of the groups before the damage and the last group come out right.
    long firstBroken = delivered.stream().filter(d -> d[0] != d[1]).mapToLong(d -> d[0]).min().orElse(95);
    assertThat(firstBroken).as("frames before the damage are intact").isGreaterThanOrEqualTo(25);
    assertThat(delivered.stream().filter(d -> d[0] >= 75)).as("the decoder recovered at the next keyframe")
        .allSatisfy(d -> assertThat(d[1]).isEqualTo(d[0]));
    assertThat(indices.length).as("this damage loses frames (seed 5)").isLessThan(95);
    assertThat(damage).as("missing frames are reported").contains("could not be decoded")
        .contains("the " + indices.length + " other frames were kept");
  }
}
