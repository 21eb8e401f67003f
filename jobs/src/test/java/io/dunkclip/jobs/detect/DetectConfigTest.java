package io.dunkclip.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.ClipSettings;
import io.dunkclip.jobs.tapes.TapeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectConfigTest {
  private static DetectConfig.Builder tapes() {
    return DetectConfig.builder().input("tapes").model("m").output("out");
  }

  @Test
  void theBuilderStartsFromTheNamedDefaults() {
    DetectConfig defaults = tapes().build();
    assertThat(defaults.clips()).isEqualTo(ClipSettings.DEFAULTS);
    assertThat(defaults.clips().smoothSeconds()).isEqualTo(ClipSettings.SMOOTH_SECONDS_DEFAULT).isEqualTo(0.4);
    assertThat(defaults.segmentFrames()).isEqualTo(DetectConfig.SEGMENT_FRAMES_DEFAULT).isEqualTo(300);
    assertThat(defaults.batchSize()).isEqualTo(DetectConfig.BATCH_SIZE_DEFAULT);
    assertThat(defaults.fast()).isFalse();
    assertThat(defaults.tapes()).as("resolved from --input when run").isNull();
    assertThat(defaults.layout().clipsCsv()).isEqualTo("out/clips.csv");
  }

  @Test
  void smoothingIsKeptByEveryOtherOption() {
    DetectConfig off = tapes().smoothSeconds(0).build();
    assertThat(off.toBuilder().fast(true).segmentFrames(37).batchSize(16).output("o2").threshold(0.9).labels("l.csv")
        .frames("frames").build().clips().smoothSeconds()).isZero();
    assertThat(tapes().threshold(0.9).smoothSeconds(0).build().clips().threshold()).isEqualTo(0.9);
  }

  @Test
  void framesReplaceTheTapesAndTurnFastModeOff() {
    DetectConfig frames = tapes().fast(true).frames("frames").build();
    assertThat(frames.input()).isNull();
    assertThat(frames.fast()).isFalse();
    assertThatThrownBy(() -> tapes().frames("frames").fast(true).build())
        .hasMessageContaining("drop --fast or give --input (frames=frames)");
    assertThatThrownBy(() -> DetectConfig.builder().model("m").output("o").build())
        .hasMessageContaining("not neither (input=null, frames=null)");
  }

  @Test
  void resolvedTapesAreKeptAndNamedByTheirLocation() {
    TapeRef tape = new TapeRef("file:/archive/game [1].mp4", "game [1].mp4", 10, 1, null);
    DetectConfig config = DetectConfig.builder().tapes(List.of(tape)).model("m").output("o").build();
    assertThat(config.tapes()).containsExactly(tape);
    assertThat(config.input()).isEqualTo("file:/archive/game [1].mp4");
    assertThat(config.toBuilder().input("other").build().tapes()).isNull();
  }

  @Test
  void refusesTasksOrBatchesOfNoFrames() {
    assertThatThrownBy(() -> tapes().segmentFrames(0).build())
        .hasMessage("Cannot detect: a segment needs at least 1 frame (segment-frames=0)");
    assertThatThrownBy(() -> tapes().batchSize(0).build())
        .hasMessage("Cannot detect: a batch needs at least 1 frame (batch-size=0)");
  }

  @Test
  void fastModeTrustsKeyframesUpToTheLongerOfItsLimitAndTheShortestClip() {
    assertThat(tapes().build().fastMaxKeyframeSeconds()).isEqualTo(DetectConfig.FAST_MAX_KEYFRAME_SECONDS);
    assertThat(tapes().clips(ClipSettings.DEFAULTS.withMinSeconds(4)).build().fastMaxKeyframeSeconds()).isEqualTo(4);
  }
}
