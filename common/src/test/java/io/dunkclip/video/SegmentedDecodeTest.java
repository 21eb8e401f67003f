package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.interval.FrameRange;
import io.dunkclip.segment.SegmentPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Frame-exact partitions: a tape cut into segments by {@link SegmentPlanner}, each segment decoded by a fresh
 * {@link FrameReader} (as separate Spark tasks do), gives exactly the frames of one sequential decode — every index
 * once, in order, with the same pixels — whatever the segment size, for constant and variable frame rate.
 */
class SegmentedDecodeTest {
  private static final int FRAMES = 120;
  private static Path dir;
  private static final Map<String, Tape> TAPES = new LinkedHashMap<>();

  /** A test tape, its probe and the per-frame pixel hashes of one sequential decode (index = frame number). */
  record Tape(Path file, TapeInfo info, int[] hashes) {}

  /** One decoded frame, reduced to what the comparison needs. */
  record Decoded(long index, long timestampMicros, int hash, int shownNumber) {}

  @BeforeContainer
  static void writeTapesAndDecodeThemSequentially() throws Exception {
    dir = Files.createTempDirectory("segmented-decode");
    // Small pictures keep each decode cheap; GOPs of 25 and 20 put keyframes inside most segment sizes. The CFR tape
    // carries audio so seeks have interleaved packets to skip, as on a real tape.
    Path cfr = dir.resolve("cfr.mp4");
    NumberedTapes.write(cfr, FRAMES, 192, 96, 0, 25, false, true);
    Path vfr = dir.resolve("vfr.mp4");
    NumberedTapes.write(vfr, FRAMES, 192, 96, 0, 20, true, false);
    for (Path file : List.of(cfr, vfr)) {
      TapeInfo info = TapeProbe.probe(file, file.getFileName().toString());
      List<Decoded> all = decode(file, info, List.of(FrameRange.of(0, info.frameCount() - 1)));
      int[] hashes = all.stream().mapToInt(Decoded::hash).toArray();
      TAPES.put(file.getFileName().toString(), new Tape(file, info, hashes));
    }
  }

  @AfterContainer
  static void deleteTapes() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Example
  void theSequentialDecodeHasEveryFrameFfprobeCountsEachShowingItsOwnNumber() {
    for (Tape tape : TAPES.values()) {
      String counted = FfmpegTools.run(FfmpegTools.ffprobe(), "-v", "error", "-select_streams", "v:0",
          "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", tape.file().toString())
          .stdout().trim();
      assertThat(Long.parseLong(counted)).as("ffprobe's count of %s", tape.file()).isEqualTo(FRAMES);
      assertThat(tape.info().frameCount()).as("probe of %s", tape.file()).isEqualTo(FRAMES);
      assertThat(tape.hashes()).as("sequential decode of %s", tape.file()).hasSize(FRAMES);
      List<Decoded> all = decode(tape.file(), tape.info(), List.of(FrameRange.of(0, FRAMES - 1)));
      for (Decoded frame : all) {
        assertThat(frame.shownNumber()).as("picture of frame %d of %s", frame.index(), tape.file())
            .isEqualTo(frame.index());
      }
    }
  }

  /** The sizes where off-by-one errors live: one frame, primes across keyframes, the whole tape, more than it. */
  @Example
  void edgeSegmentSizesGiveTheSequentialFrames() {
    for (String name : TAPES.keySet()) {
      for (int size : new int[] {1, 7, 13, FRAMES - 1, FRAMES, FRAMES + 1, 1000}) {
        segmentedDecodeEqualsTheSequentialOne(name, size);
      }
    }
  }

  @Property(tries = 24)
  void anySegmentSizeGivesTheSequentialFrames(
      @ForAll("tapes") String name, @ForAll @IntRange(min = 1, max = 2 * FRAMES) int size) {
    segmentedDecodeEqualsTheSequentialOne(name, size);
  }

  @Provide
  Arbitrary<String> tapes() {
    return Arbitraries.of("cfr.mp4", "vfr.mp4");
  }

  private static void segmentedDecodeEqualsTheSequentialOne(String name, int size) {
    Tape tape = TAPES.get(name);
    TapeInfo info = tape.info();
    List<FrameRange> segments = SegmentPlanner.plan(info.frameCount(), size, info.keyframeIndices());
    List<Decoded> frames = new ArrayList<>();
    for (FrameRange segment : segments) {
      frames.addAll(decode(tape.file(), info, List.of(segment))); // a fresh reader per segment, like a Spark task
    }
    long[] indices = frames.stream().mapToLong(Decoded::index).toArray();
    long[] expected = java.util.stream.LongStream.range(0, info.frameCount()).toArray();
    assertThat(indices).as("indices of %s in segments of %d (%s)", name, size, describe(segments))
        .containsExactly(expected);
    for (Decoded frame : frames) {
      int i = (int) frame.index();
      assertThat(frame.hash()).as("pixels of frame %d of %s in segments of %d", i, name, size)
          .isEqualTo(tape.hashes()[i]);
      assertThat(frame.timestampMicros()).as("timestamp of frame %d of %s", i, name)
          .isEqualTo(info.frameTimestampsMicros()[i]);
    }
  }

  /** The plan in a line a failure message can carry: its size and its first segments. */
  private static String describe(List<FrameRange> segments) {
    String first = segments.stream().limit(6).map(r -> r.first() + ".." + r.last())
        .collect(java.util.stream.Collectors.joining(", "));
    return segments.size() + " segments: " + first + (segments.size() > 6 ? ", ..." : "");
  }

  /** Decodes {@code ranges} in order with one fresh reader at the tape's own size. */
  private static List<Decoded> decode(Path file, TapeInfo info, List<FrameRange> ranges) {
    List<Decoded> frames = new ArrayList<>();
    try (FrameReader reader = new FrameReader(file, info, 0, 0)) {
      for (FrameRange range : ranges) {
        reader.read(range.first(), range.last(), frame -> frames.add(new Decoded(frame.index(),
            frame.timestampMicros(), Arrays.hashCode(frame.rgb()), NumberedTapes.readNumber(frame.rgb(),
            frame.width()))));
      }
    }
    return frames;
  }
}
