package io.dunkclip.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render on Spark: one file per clips.csv row, a reel per tape, manifests, and a tape that is missing. */
class RenderJobTest {
  @TempDir Path dir;

  @Test
  void writesEachClipAReelPerTapeAndReportsUnreadableTapes() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("court one.mp4", 6, 15, 160, 90, 0, 3), tapes.resolve("court one.mp4"));
    Files.write(tapes.resolve("broken.mp4"), new byte[] {1, 2, 3});
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "court one.mp4,1,10,24,0.667,1.667,0.99\n"
        + "court one.mp4,2,40,59,2.667,4.000,0.98\n"
        + "broken.mp4,1,0,5,0.000,0.400,0.97\n");

    RenderResult result = RenderJob.run(TestSpark.session(),
        RenderConfig.builder().clips(clips.toString()).input(tapes.toString()).output(dir.resolve("out").toString())
            .reel(true).build());

    assertThat(result.clips()).extracting(c -> c.file())
        .containsExactly("court_one-clip-001.mp4", "court_one-clip-002.mp4");
    assertThat(result.failed()).singleElement().satisfies(f -> {
      assertThat(f.video()).isEqualTo("broken.mp4");
      assertThat(f.error()).contains("cannot be read");
    });
    Path out = dir.resolve("out");
    assertThat(TapeProbe.probe(out.resolve("court_one-clip-001.mp4"), "c1").frameCount()).isEqualTo(15);
    assertThat(TapeProbe.probe(out.resolve("court_one-clip-002.mp4"), "c2").frameCount()).isEqualTo(20);
    assertThat(TapeProbe.probe(out.resolve("court_one-reel.mp4"), "reel").frameCount()).isEqualTo(35);
    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertThat(manifest).hasSize(4);
    assertThat(manifest.get(1)).startsWith("broken.mp4,1,0,5,,0,0,");
    assertThat(manifest.get(2)).startsWith("court one.mp4,1,10,24,court_one-clip-001.mp4,15,");
    assertThat(Files.readAllLines(out.resolve("reels.csv"))).hasSize(2);
    // Nothing half-written is left beside the results.
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"))
          .noneMatch(n -> n.endsWith(".crc"));
    }
  }

  @Test
  void copyWritesKeyframeAlignedClipsThatKeepRotationAndAudioAndSaySoInTheManifest() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("copy-tapes"));
    // Portrait phone tape: coded 90x160, tagged to turn 90 degrees; keyframes every 2 s (30 frames at 15 fps).
    SampleTapeGenerator.generate(new TapeSpec("phone.mp4", 6, 15, 90, 160, 90, 4), tapes.resolve("phone.mp4"));
    Path tape = tapes.resolve("phone.mp4");
    TapeInfo info = TapeProbe.probe(tape, "phone.mp4");
    Path clips = dir.resolve("copy-clips.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "phone.mp4,1,40,52,2.667,3.533,0.99\n");

    RenderResult result = RenderJob.run(TestSpark.session(),
        RenderConfig.builder().clips(clips.toString()).input(tapes.toString())
            .output(dir.resolve("copied").toString()).copy(true).build());

    long keyframe = info.keyframeAtOrBefore(40);
    assertThat(keyframe).isLessThan(40);
    assertThat(result.clips()).singleElement().satisfies(c -> {
      assertThat(c.mode()).isEqualTo("copy");
      assertThat(c.fileStartFrame()).isEqualTo(keyframe);
      assertThat(c.fileEndFrame()).isEqualTo(52);
    });
    List<String> manifest = Files.readAllLines(dir.resolve("copied/manifest.csv"));
    assertThat(manifest.get(0)).endsWith(",error,file_start_frame,file_end_frame,mode");
    assertThat(manifest.get(1)).startsWith("phone.mp4,1,40,52,phone-clip-001.mp4,")
        .endsWith("," + keyframe + ",52,copy");
    Path file = dir.resolve("copied/phone-clip-001.mp4");
    TapeInfo copied = TapeProbe.probe(file, "phone-clip-001.mp4");
    assertThat(copied.frameCount()).isEqualTo(52 - keyframe + 1);
    assertThat(copied.rotationDegrees()).isEqualTo(90);
    assertThat(copied.uprightWidth()).isEqualTo(90);
    assertThat(copied.uprightHeight()).isEqualTo(160);
    assertThat(copied.hasAudio()).isTrue();
    // The same compressed frames: decoding the copy gives the tape's frames from the keyframe on, upright.
    assertThat(frames(file, copied, 0, copied.frameCount() - 1))
        .containsExactlyElementsOf(frames(tape, info, keyframe, 52));
  }

  @Test
  void aRowPastTheTapesEndFailsAloneAndEveryOtherClipIsWritten() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("short-tapes"));
    // 6 s at 15 fps: frames 0..89.
    SampleTapeGenerator.generate(new TapeSpec("court.mp4", 6, 15, 160, 90, 0, 3), tapes.resolve("court.mp4"));
    Path clips = dir.resolve("past-end.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "court.mp4,1,10,24,0.667,1.667,0.99\n"
        + "court.mp4,2,80,200,5.333,13.400,0.98\n"
        + "court.mp4,3,40,59,2.667,4.000,0.97\n");

    RenderResult result = RenderJob.run(TestSpark.session(),
        RenderConfig.builder().clips(clips.toString()).input(tapes.toString()).output(dir.resolve("past").toString())
            .reel(true).build());

    assertThat(result.clips()).extracting(c -> c.file())
        .containsExactly("court-clip-001.mp4", "court-clip-003.mp4");
    assertThat(result.failed()).singleElement().satisfies(f -> {
      assertThat(f.video()).isEqualTo("court.mp4");
      assertThat(f.clip()).isEqualTo(2);
      assertThat(f.error()).isEqualTo("frames 80..200 run past the tape's last frame 89");
    });
    Path out = dir.resolve("past");
    assertThat(TapeProbe.probe(out.resolve("court-clip-003.mp4"), "c3").frameCount()).isEqualTo(20);
    assertThat(out.resolve("court-clip-002.mp4")).doesNotExist();
    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertThat(manifest).hasSize(4);
    assertThat(manifest.get(2)).startsWith("court.mp4,2,80,200,,0,0,")
        .contains("frames 80..200 run past the tape's last frame 89");
    // The reel holds the clips that could be written.
    assertThat(TapeProbe.probe(out.resolve("court-reel.mp4"), "reel").frameCount()).isEqualTo(35);
  }

  @Test
  void tapesWhoseNamesReduceToOneStemGetDistinctFilesAndOthersKeepTheirNames() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("same-tapes"));
    SampleTapeGenerator.generate(new TapeSpec("same.mp4", 6, 15, 160, 90, 0, 3), tapes.resolve("same.mp4"));
    Files.copy(tapes.resolve("same.mp4"), tapes.resolve("same.mov"));
    Files.copy(tapes.resolve("same.mp4"), tapes.resolve("other.mp4"));
    Path clips = dir.resolve("same.csv");
    Files.writeString(clips, "video,clip,start_frame,end_frame,start_sec,end_sec,score\n"
        + "same.mp4,1,10,24,0.667,1.667,0.99\n"
        + "same.mov,1,40,59,2.667,4.000,0.98\n"
        + "other.mp4,1,30,35,2.000,2.400,0.97\n");

    RenderResult result = RenderJob.run(TestSpark.session(),
        RenderConfig.builder().clips(clips.toString()).input(tapes.toString())
            .output(dir.resolve("same-out").toString()).reel(true).build());

    assertThat(result.failed()).isEmpty();
    Map<String, String> files = result.clips().stream()
        .collect(Collectors.toMap(c -> c.video(), c -> c.file()));
    assertThat(files).hasSize(3);
    assertThat(files.get("other.mp4")).isEqualTo("other-clip-001.mp4");
    assertThat(files.get("same.mp4")).isNotEqualTo(files.get("same.mov")).startsWith("same-").endsWith("-clip-001.mp4");
    assertThat(files.get("same.mov")).startsWith("same-").endsWith("-clip-001.mp4");
    Path out = dir.resolve("same-out");
    assertThat(TapeProbe.probe(out.resolve(files.get("same.mp4")), "a").frameCount()).isEqualTo(15);
    assertThat(TapeProbe.probe(out.resolve(files.get("same.mov")), "b").frameCount()).isEqualTo(20);
    assertThat(TapeProbe.probe(out.resolve(files.get("other.mp4")), "c").frameCount()).isEqualTo(6);
    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertThat(manifest).anySatisfy(line -> assertThat(line).startsWith("same.mov,1,40,59," + files.get("same.mov")))
        .anySatisfy(line -> assertThat(line).startsWith("same.mp4,1,10,24," + files.get("same.mp4")));
    // Reels follow the same rule: one per tape, none overwritten.
    try (var names = Files.list(out)) {
      assertThat(names.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-reel.mp4"))).hasSize(3);
    }
  }

  private static List<String> frames(Path file, TapeInfo info, long first, long last) {
    List<String> digests = new java.util.ArrayList<>();
    try (io.dunkclip.video.FrameReader reader = new io.dunkclip.video.FrameReader(file, info, 0, 0)) {
      reader.read(first, last, f -> digests.add(java.util.Arrays.hashCode(f.rgb()) + "/" + f.width() + "x"
          + f.height()));
    }
    return digests;
  }
}
