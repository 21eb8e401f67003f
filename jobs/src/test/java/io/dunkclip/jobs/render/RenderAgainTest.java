package io.dunkclip.jobs.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.fs.ScratchFiles;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering again into a folder leaves exactly the clips its new manifest lists: the earlier render's clip files
 * that it no longer lists are removed, anything else in the folder stays; no scratch file outlives the run.
 */
class RenderAgainTest {
  @TempDir Path dir;

  @Test
  void aSecondRenderRemovesTheEarlierClipsItsManifestNoLongerListsAndNothingElse() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("court.mp4", 4, 15, 160, 90, 0, 3), tapes.resolve("court.mp4"));
    String header = "video,clip,start_frame,end_frame,start_sec,end_sec,score\n";
    Path three = Files.writeString(dir.resolve("three.csv"), header + "court.mp4,1,0,9,0.0,0.667,0.99\n"
        + "court.mp4,2,20,29,1.333,2.0,0.98\n" + "court.mp4,3,40,49,2.667,3.333,0.97\n");
    Path one = Files.writeString(dir.resolve("one.csv"), header + "court.mp4,2,20,29,1.333,2.0,0.98\n");
    Path out = dir.resolve("out");
    RenderJob.run(TestSpark.session(), RenderConfig.builder().clips(three.toString()).input(tapes.toString())
        .output(out.toString()).reel(true).build());
    assertThat(out.resolve("court-clip-003.mp4")).exists();
    assertThat(out.resolve("court-reel.mp4")).exists();
    Files.writeString(out.resolve("my-notes.mp4"), "not render's\n");

    RenderResult again = RenderJob.run(TestSpark.session(), RenderConfig.builder().clips(one.toString())
        .input(tapes.toString()).output(out.toString()).build());

    assertThat(again.clips()).extracting(RenderedClip::file).containsExactly("court-clip-002.mp4");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4")))
          .containsExactlyInAnyOrder("court-clip-002.mp4", "my-notes.mp4");
    }
    try (Stream<Path> scratch = Files.exists(ScratchFiles.root()) ? Files.walk(ScratchFiles.root()) : Stream.of()) {
      assertThat(scratch.filter(Files::isRegularFile).map(Path::toString))
          .as("no scratch clip file outlives the run").noneMatch(n -> n.endsWith("court-clip-002.mp4"));
    }
  }
}
