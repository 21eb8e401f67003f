package io.dunkclip.jobs.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.video.Fit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames dataset's side tables: one line-ending rule for writing ({@code \n}), tables of older versions
 * ({@code \r\n}, no fit or layout columns) still read, and "no fit column" means stretched frames.
 */
class FramesDatasetTest {
  @TempDir Path dir;

  /** {@code _tapes.csv} as versions before the fit column wrote it: commons-csv's default, lines ending \r\n. */
  private static final String OLD_TAPES = "video,frames,fps,width,height,rotation,audio,uri\r\n"
      + "a.mp4,600,15.000,480,270,0,true,file:/t/a.mp4\r\n"
      + "\"b,1.mp4\",90,29.970,270,480,90,false,file:/t/b%2C1.mp4\r\n";

  private Path frames() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    Files.writeString(frames.resolve(TapeTable.FILE_NAME), OLD_TAPES);
    return frames;
  }

  @Test
  void anOldCrlfTableWithoutAFitColumnReadsAsStretchedFrames() throws Exception {
    FramesDataset dataset = FramesDataset.open(frames().toString(), new Configuration());
    assertThat(dataset.tapes()).containsExactly(
        new TapeTable.Entry("a.mp4", 600, 15.0, 480, 270, "file:/t/a.mp4", Fit.STRETCH),
        new TapeTable.Entry("b,1.mp4", 90, 29.97, 270, 480, "file:/t/b%2C1.mp4", Fit.STRETCH));
    assertThat(dataset.frameCounts()).containsExactly(Map.entry("a.mp4", 600L), Map.entry("b,1.mp4", 90L));
    dataset.requireFitForTraining(Fit.STRETCH);
    assertThatThrownBy(() -> dataset.requireFitForTraining(Fit.PAD))
        .hasMessage("Cannot train: the frames of a.mp4 were extracted with --fit stretch, but training was asked for"
            + " --fit pad (fit=pad); pass --fit stretch so detect decodes tapes the way the model saw them");
  }

  @Test
  void anOldCrlfTableReadsAsTextWithoutCarriageReturnsAndItsLayoutIsStretchOnly() throws Exception {
    KeyedTable table = TapeTable.readText(frames().resolve(TapeTable.FILE_NAME).toString(), new Configuration());
    assertThat(table.header()).containsExactly("video", "frames", "fps", "width", "height", "rotation", "audio",
        "uri");
    assertThat(table.rows()).containsExactly(
        List.of("a.mp4", "600", "15.000", "480", "270", "0", "true", "file:/t/a.mp4"),
        List.of("b,1.mp4", "90", "29.970", "270", "480", "90", "false", "file:/t/b%2C1.mp4"));
    assertThat(TapeTable.recordedLayout(table)).isEqualTo(new FrameLayout(null, null, Fit.STRETCH, null, null));
  }

  @Test
  void aTableWithLayoutColumnsRecordsTheLayoutTyped() {
    KeyedTable table = new KeyedTable(List.of("video", "fit", "frame_width", "frame_height", "format",
        "image_format"), List.of(List.of("a.mp4", "pad", "64", "48", "jpg", "jpg")));
    assertThat(TapeTable.recordedLayout(table)).isEqualTo(new FrameLayout(64, 48, Fit.PAD, "jpg", "jpg"));
    // A fit column but no rows: nothing recorded, not even the fit.
    KeyedTable empty = new KeyedTable(table.header(), List.of());
    assertThat(TapeTable.recordedLayout(empty)).isEqualTo(FrameLayout.UNKNOWN);
  }

  @Test
  void sideTablesAreWrittenWithLfLineEndingsAndReadBack() throws Exception {
    Path errors = dir.resolve(ErrorTable.FILE_NAME);
    ErrorTable.write(errors.toString(), List.of(new TapeError("a.mp4", "file:/t/a.mp4", "decode",
        "broken, \"badly\"", 3)), new Configuration());
    String text = Files.readString(errors, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("video,stage,reason,frames_done,uri\n"
        + "a.mp4,decode,\"broken, \"\"badly\"\"\",3,file:/t/a.mp4\n");
    assertThat(ErrorTable.readText(errors.toString(), new Configuration()).rows())
        .containsExactly(List.of("a.mp4", "decode", "broken, \"badly\"", "3", "file:/t/a.mp4"));
    assertThat(ErrorTable.read(errors.toString(), new Configuration()))
        .containsExactly(new TapeError("a.mp4", "file:/t/a.mp4", "decode", "broken, \"badly\"", 3));
  }

  @Test
  void theErrorsOfAnOldCrlfTableAreReadTypedAndNoTableIsNoErrors() throws Exception {
    Path errors = dir.resolve(ErrorTable.FILE_NAME);
    Files.writeString(errors, "video,stage,reason,frames_done,uri\r\n"
        + "b.mp4,probe,cannot be read: no video stream,0,hdfs://nn/t/b.mp4\r\n"
        + "c.mp4,decode,damaged at frame 41,41,file:/t/c.mp4\r\n");

    assertThat(ErrorTable.read(errors.toString(), new Configuration())).containsExactly(
        new TapeError("b.mp4", "hdfs://nn/t/b.mp4", "probe", "cannot be read: no video stream", 0),
        new TapeError("c.mp4", "file:/t/c.mp4", "decode", "damaged at frame 41", 41));
    assertThat(ErrorTable.read(dir.resolve("none.csv").toString(), new Configuration())).isEmpty();
  }

  @Test
  void anErrorTableWithoutItsColumnsIsRefusedNamingThem() throws Exception {
    Path errors = dir.resolve(ErrorTable.FILE_NAME);
    Files.writeString(errors, "video,stage,reason\nb.mp4,probe,gone\n");

    assertThatThrownBy(() -> ErrorTable.read(errors.toString(), new Configuration()))
        .hasMessageContaining("Cannot read " + errors)
        .hasMessageContaining("expected the columns video,stage,reason,frames_done,uri");
  }

  @Test
  void layoutDifferencesNameEachOptionAndItsFix() {
    FrameLayout dataset = new FrameLayout(48, 32, Fit.STRETCH, "parquet", "png");
    assertThat(dataset.differences(dataset).isEmpty()).isTrue();
    FrameLayout.Differences differences = dataset.differences(new FrameLayout(64, 64, Fit.PAD, "parquet", "jpg"));
    assertThat(differences.differences()).containsExactly("dataset size=48x32, this run size=64x64",
        "dataset fit=stretch, this run fit=pad", "dataset image-format=png, this run image-format=jpg");
    assertThat(differences.fixes()).containsExactly("--size 48x32", "--fit stretch", "--image-format png");
    // What the dataset does not tell differs from nothing.
    assertThat(FrameLayout.UNKNOWN.differences(new FrameLayout(64, 64, Fit.PAD, "jpg", "jpg")).isEmpty()).isTrue();
    assertThat(new FrameLayout(null, null, Fit.STRETCH, null, null).orElse(dataset)).isEqualTo(dataset);
  }
}
