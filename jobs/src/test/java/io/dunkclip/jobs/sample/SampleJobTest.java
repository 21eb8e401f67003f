package io.dunkclip.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunkclip.format.LabelRow;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.TapeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample command without a player: same archive layout, every frame labelled 0. */
class SampleJobTest {
  @TempDir Path dir;

  @Test
  void noPlayerWritesTapesWhoseLabelsAreOneZeroRangeOverEveryFrame() throws Exception {
    Path out = dir.resolve("tapes");
    SampleResult result =
        SampleJob.run(new Configuration(), SampleConfig.builder(out.toString()).tapes(2).seconds(4).seed(7)
            .gopSeconds(2).noPlayer(true).build());

    assertThat(result.tapes()).containsExactly("tape-01.mp4", "tape-02.mp4");
    assertThat(result.playerEvents()).isZero();
    assertThat(result.frames()).isEqualTo(120);
    assertThat(Files.readAllLines(out.resolve(SampleJob.LABELS_FILE))).containsExactly(
        "video,start_frame,end_frame,label", "tape-01.mp4,0,59,0", "tape-02.mp4,0,59,0");
    assertThat(out.resolve("tape-01.mp4")).isNotEmptyFile();
  }

  @Test
  void labelRowsCoverEveryFrameWithAndWithoutPlayers() {
    TapeSpec spec = new TapeSpec("a.mp4", 10, 15, 160, 90, 0, 1);
    List<LabelRow> none = SampleJob.labelRows(new GeneratedTape(spec.withoutPlayers(), Path.of("a.mp4"),
        150, List.of()));
    List<LabelRow> two = SampleJob.labelRows(
        new GeneratedTape(spec, Path.of("a.mp4"), 150, List.of(new long[] {0, 9}, new long[] {40, 60})));

    assertThat(none).containsExactly(new LabelRow("a.mp4", FrameRange.of(0, 149), 0, 0));
    assertThat(two).containsExactly(new LabelRow("a.mp4", FrameRange.of(0, 9), 1, 0),
        new LabelRow("a.mp4", FrameRange.of(10, 39), 0, 0), new LabelRow("a.mp4", FrameRange.of(40, 60), 1, 0),
        new LabelRow("a.mp4", FrameRange.of(61, 149), 0, 0));
  }

  @Test
  void theBuilderDefaultsKeepPlayersAndOneDunkPerDefaultSpan() {
    assertThat(SampleConfig.builder("o").build().noPlayer()).isFalse();
    assertThat(SampleConfig.builder("o").gopSeconds(1.0).build().noPlayer()).isFalse();
    assertThat(SampleConfig.builder("o").gopSeconds(1.0).build().gopSeconds()).isEqualTo(1.0);
    assertThat(SampleConfig.builder("o").build()).isEqualTo(new SampleConfig("o", SampleConfig.TAPES_DEFAULT,
        SampleConfig.SECONDS_DEFAULT, SampleConfig.SEED_DEFAULT, false, SampleConfig.GOP_SECONDS_DEFAULT, false,
        SampleConfig.DUNK_SECONDS_DEFAULT));
    assertThat(SampleConfig.builder("o").dunkSeconds(30).build().dunkSeconds()).isEqualTo(30);
  }
}
