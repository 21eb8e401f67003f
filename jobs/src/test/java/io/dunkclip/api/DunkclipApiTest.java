package io.dunkclip.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.TinyModels;
import io.dunkclip.jobs.detect.DetectConfig;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.TapeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook API gives what the commands give: the same frames, scores and clips, and renders chosen clips. */
class DunkclipApiTest {
  @TempDir Path dir;

  @Test
  void framesScoresAndClipsAgreeWithTheJobsAndChosenClipsRender() throws Exception {
    Path tapes = Files.createDirectories(dir.resolve("tapes"));
    SampleTapeGenerator.generate(new TapeSpec("one.mp4", 8, 15, 160, 90, 0, 44), tapes.resolve("one.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("two.mp4", 6, 15, 160, 90, 90, 45), tapes.resolve("two.mp4"));
    Path model = dir.resolve("tiny.model");
    TinyModels.train(model, 31, 4);
    Dunkclip dc = new Dunkclip(TestSpark.session());

    Dataset<Row> frames = dc.frames(tapes.toString(), 48, 32);
    assertThat(frames.schema().fieldNames())
        .containsExactly("frame", "timestamp_us", "width", "height", "image", "video");
    assertThat(frames.filter("video = 'one.mp4'").count()).isEqualTo(120);
    assertThat(frames.filter("video = 'two.mp4'").count()).isEqualTo(90);
    Row first = frames.filter("video = 'two.mp4' and frame = 0").first();
    assertThat(FrameRows.decode((byte[]) first.getAs("image"))).hasSize(48 * 32 * 3);

    Dataset<Row> scores = dc.scores(tapes.toString(), model.toString());
    assertThat(scores.schema().fieldNames()).containsExactly("video", "frame", "timestamp", "score");
    assertThat(scores.count()).isEqualTo(210);
    assertThat(scores.filter("video = 'one.mp4' and frame = 15").first().getDouble(2))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));

    // Another threshold than the model's: the same clips as detect gives with it.
    double threshold = 0.6;
    DetectResult detect = DetectJob.run(TestSpark.session(), DetectConfig.builder()
        .input(tapes.toString()).model(model.toString()).output(dir.resolve("detect").toString()).threshold(threshold)
        .build());
    List<Row> clips = dc.clips(scores, threshold).collectAsList();
    assertThat(clips).hasSameSizeAs(detect.clips());
    for (int i = 0; i < clips.size(); i++) {
      Row row = clips.get(i);
      ClipRow expected = detect.clips().get(i);
      assertThat(row.getString(0)).isEqualTo(expected.video());
      assertThat(row.getInt(1)).isEqualTo(expected.clip());
      assertThat(row.getLong(2)).isEqualTo(expected.range().first());
      assertThat(row.getLong(3)).isEqualTo(expected.range().last());
      assertThat(row.getDouble(4)).isEqualTo(expected.startSec());
      assertThat(row.getDouble(5)).isEqualTo(expected.endSec());
    }
    assertThat(clips).as("the tiny model finds a clip at %s", threshold).isNotEmpty();

    Dataset<Row> chosen = dc.clips(scores, threshold).limit(1);
    List<Row> manifest = dc.render(chosen, tapes.toString(), dir.resolve("chosen").toString()).collectAsList();
    assertThat(manifest).singleElement().satisfies(row -> {
      assertThat(row.<String>getAs("error")).isNull();
      Path file = dir.resolve("chosen").resolve(row.<String>getAs("file"));
      assertThat(TapeProbe.probe(file, "clip").frameCount()).isEqualTo(row.<Long>getAs("frames"));
    });

    assertThatThrownBy(() -> new Dunkclip(TestSpark.session()).clips(scores, 0.5))
        .hasMessageContaining("Cannot build clips of").hasMessageContaining("call scores(...)");
  }
}
