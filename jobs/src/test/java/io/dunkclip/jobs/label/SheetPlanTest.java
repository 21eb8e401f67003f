package io.dunkclip.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.interval.FrameRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetPlanTest {

  @Test
  void aTwoMinuteTapeAtThirtyFpsMakesAHandfulOfSheetsByDefault() {
    SheetPlan plan = new SheetPlan(120 * 30, LabelConfig.EVERY_DEFAULT, LabelJob.COLUMNS, LabelJob.ROWS);
    assertThat(plan.sampledFrames()).isEqualTo(240);
    assertThat(plan.sheets()).isEqualTo(5);
    assertThat(plan.lastSampledFrame()).isEqualTo(3585);
    assertThat(plan.framesOn(0)).isEqualTo(FrameRange.of(0, 705));
    assertThat(plan.framesOn(4)).isEqualTo(FrameRange.of(2880, 3585));
  }

  /** Every small tape, step and grid, against listing the shown frames and cutting the list into sheets. */
  @Test
  void matchesListingTheFramesOneByOne() {
    for (long frames = 0; frames <= 40; frames++) {
      for (int every = 1; every <= 7; every++) {
        for (int columns = 1; columns <= 3; columns++) {
          for (int rows = 1; rows <= 3; rows++) {
            SheetPlan plan = new SheetPlan(frames, every, columns, rows);
            List<Long> shown = new ArrayList<>();
            for (long f = 0; f < frames; f++) {
              assertThat(plan.isSampled(f)).isEqualTo(f % every == 0);
              if (f % every == 0) {
                shown.add(f);
              }
            }
            int perSheet = columns * rows;
            assertThat(plan.sampledFrames()).isEqualTo(shown.size());
            assertThat(plan.sheets()).isEqualTo((shown.size() + perSheet - 1) / perSheet);
            for (int i = 0; i < shown.size(); i++) {
              assertThat(plan.sheetOf(shown.get(i))).isEqualTo(i / perSheet);
            }
            for (int sheet = 0; sheet < plan.sheets(); sheet++) {
              List<Long> on = shown.subList(sheet * perSheet, Math.min(shown.size(), (sheet + 1) * perSheet));
              assertThat(plan.framesOn(sheet)).isEqualTo(FrameRange.of(on.get(0), on.get(on.size() - 1)));
            }
            if (!shown.isEmpty()) {
              assertThat(plan.lastSampledFrame()).isEqualTo(shown.get(shown.size() - 1));
            }
          }
        }
      }
    }
  }

  @Test
  void thumbnailsKeepTheUprightAspectWithinTheBox() {
    assertThat(SheetPlan.thumbnailSize(1920, 1080, 160)).containsExactly(160, 90);
    assertThat(SheetPlan.thumbnailSize(1080, 1920, 160)).containsExactly(90, 160);
    assertThat(SheetPlan.thumbnailSize(64, 64, 160)).containsExactly(160, 160);
    assertThat(SheetPlan.thumbnailSize(4000, 10, 160)).containsExactly(160, 2);
  }

  @Test
  void refusesImpossiblePlans() {
    assertThatThrownBy(() -> new SheetPlan(10, 0, 8, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan contact sheets: need 0 or more frames, every >= 1 and a grid of at least 1x1"
            + " (frames=10, every=0, grid=8x6)");
    assertThatThrownBy(() -> LabelConfig.builder("in", "out").every(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make contact sheets: every must be 1 frame or more (every=0)");
  }
}
