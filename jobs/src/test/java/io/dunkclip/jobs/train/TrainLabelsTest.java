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
    return TrainConfig.builder(dir.resolve("frames").toString(), labels.toString(),
        dir.resolve("m.model").toString()).epochs(1).batchSizePerWorker(8).validationFraction(0.25).threshold(0.95)
        .seed(1).patience(1).workDir(dir.resolve("scratch").toString()).sharing(TestSpark.sharing())
        .requireFullCoverage(requireFullCoverage).build();
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
    TrainConfig config = config(labels, false).toBuilder().laterLabels(java.util.List.of(corrections.toString()))
        .build();
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
    io.dunkclip.jobs.frames.FramesDataset frames = io.dunkclip.jobs.frames.FramesDataset.open(
        dir.resolve("frames").toString(), new org.apache.hadoop.conf.Configuration());
    assertThatThrownBy(() -> frames.requireFitForTraining(io.dunkclip.video.Fit.STRETCH))
        .hasMessage("Cannot train: the frames of tape-01.mp4 were extracted with --fit pad, but training was asked"
            + " for --fit stretch (fit=stretch); pass --fit pad so detect decodes tapes the way the model saw them");
    frames.requireFitForTraining(io.dunkclip.video.Fit.PAD); // the same fit: accepted
    // Through the job: refused before any Spark work.
    Files.writeString(dir.resolve("labels.csv"), "video,start_frame,end_frame,label\ntape-01.mp4,0,599,0\n");
    assertThatThrownBy(() -> TrainJob.run(TestSpark.session(), config(dir.resolve("labels.csv"), false)))
        .hasMessageContaining("tape-01.mp4 were extracted with --fit pad");
  }
}
