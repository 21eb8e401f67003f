package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.format.LabelProblemsException;
import io.dunkclip.jobs.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train checks its labels against the extracted tapes before any Spark work: a frames directory holding only
 * {@code _tapes.csv} is enough to see it refuse them, with every problem listed.
 */
class TrainLabelsTest {
  @TempDir Path dir;

  private TrainConfig config(Path labels, boolean requireFullCoverage) {
    return new TrainConfig(dir.resolve("frames").toString(), labels.toString(), dir.resolve("m.model").toString(),
        1, "small-cnn", 8, TrainConfig.LEARNING_RATE_DEFAULT, 0.25, 0.95, 1, true, 1,
        dir.resolve("scratch").toString(), TestSpark.sharing(), requireFullCoverage);
  }

  private Path setUp() throws Exception {
    Files.createDirectories(dir.resolve("frames"));
    Files.writeString(dir.resolve("frames/_tapes.csv"), "video,frames,fps,width,height,rotation,audio,uri\n"
        + "tape-01.mp4,600,15.000,480,270,0,true,file:/t/tape-01.mp4\n"
        + "tape-02.mp4,900,15.000,480,270,0,true,file:/t/tape-02.mp4\n");
    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "video,start_frame,end_frame,label\n"
        + "tape-01.mp4,0,404,0\n"
        + "x.mp4,0,10,1\n"
        + "tape-01.mp4,578,599,1\n"
        + "tape-02.mp4,0,899,0\n"
        + "tape-02.mp4,800,900,1\n");
    return labels;
  }

  @Test
  void refusesLabelsWithEveryProblemListed() throws Exception {
    Path labels = setUp();
    String source = labels.toString();
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config(labels, false)))
        .isInstanceOfSatisfying(LabelProblemsException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).isEqualTo(String.join("\n",
              source + " line 3: unknown tape x.mp4; known: tape-01.mp4 and tape-02.mp4",
              source + " line 6: end_frame 900 is past the last frame 899 of tape-02.mp4",
              source + " line 6: frames 800..900 of tape-02.mp4 are labelled 1, but line 5 (frames 0..899) labels"
                  + " some of them 0"));
        });
    assertThat(dir.resolve("m.model")).doesNotExist();
  }

  @Test
  void withFullCoverageRequiredAlsoListsTheFramesNoRowCovers() throws Exception {
    Path labels = setUp();
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config(labels, true)))
        .isInstanceOfSatisfying(LabelProblemsException.class, e -> {
          assertThat(e.problems()).hasSize(4);
          assertThat(e.getMessage()).endsWith("\n" + labels + ": tape-01.mp4 frames 405..577 are not labelled"
              + " (no row covers them)");
        });
  }

  @Test
  void withSeveralLabelsFilesEveryProblemNamesItsOwnFileAndLine() throws Exception {
    Path labels = setUp();
    Files.writeString(labels, "video,start_frame,end_frame,label\ntape-01.mp4,0,599,0\ntape-02.mp4,0,899,0\n");
    Path corrections = dir.resolve("corrections.csv");
    Files.writeString(corrections, "video,start_frame,end_frame,label\ntape-02.mp4,10,20,1\ntape-01.mp4,590,600,1\n");
    TrainConfig config = config(labels, false).withLaterLabels(java.util.List.of(corrections.toString()));
    assertThat(config.labelFiles()).containsExactly(labels.toString(), corrections.toString());
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config))
        .isInstanceOfSatisfying(LabelProblemsException.class, e -> assertThat(e.getMessage()).isEqualTo(
            corrections + " line 3: end_frame 600 is past the last frame 599 of tape-01.mp4"));
  }

  @Test
  void trainingWithAnotherFitThanTheFramesWereExtractedWithIsRefusedWithTheFix() throws Exception {
    Files.createDirectories(dir.resolve("frames"));
    Files.writeString(dir.resolve("frames/_tapes.csv"), "video,frames,fps,width,height,rotation,audio,uri,fit\n"
        + "tape-01.mp4,600,15.000,480,270,0,true,file:/t/tape-01.mp4,pad\n");
    TrainConfig stretch = config(dir.resolve("labels.csv"), false);
    java.util.List<io.dunkclip.jobs.extract.TapeTable.Entry> tapes =
        io.dunkclip.jobs.extract.TapeTable.read(dir.resolve("frames").toString(),
            new org.apache.hadoop.conf.Configuration());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainJob.checkFit(tapes, stretch))
        .hasMessageContaining("tape-01.mp4 were extracted with --fit pad")
        .hasMessageContaining("pass --fit pad");
    TrainJob.checkFit(tapes, stretch.withFit(io.dunkclip.video.Fit.PAD)); // the same fit: accepted
  }
}
