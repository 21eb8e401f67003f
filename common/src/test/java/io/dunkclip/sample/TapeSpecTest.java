package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TapeSpecTest {

    @Test
    void countsFramesAndSwapsCodedSidesForQuarterTurns() {
        TapeSpec landscape = new TapeSpec("a.mp4", 30, 15, 480, 270, 0, 1);
        TapeSpec portrait = new TapeSpec("b.mp4", 2.5, 30, 270, 480, 90, 1);
        TapeSpec upsideDown = new TapeSpec("c.mp4", 1, 15, 480, 270, 180, 1);

        assertThat(landscape.frameCount()).isEqualTo(450);
        assertThat(portrait.frameCount()).isEqualTo(75);
        assertThat(landscape.codedWidth()).isEqualTo(480);
        assertThat(landscape.codedHeight()).isEqualTo(270);
        assertThat(portrait.codedWidth()).isEqualTo(480);
        assertThat(portrait.codedHeight()).isEqualTo(270);
        assertThat(portrait.portrait()).isTrue();
        assertThat(upsideDown.codedWidth()).isEqualTo(480);
        assertThat(upsideDown.codedHeight()).isEqualTo(270);
    }

    @Test
    void refusesInvalidSpecsNamingTheValue() {
        assertThatThrownBy(() -> new TapeSpec(" ", 1, 15, 480, 270, 0, 1))
                .hasMessage("Tape name must not be blank, cannot be: ' '");
        assertThatThrownBy(() -> new TapeSpec("a", 0, 15, 480, 270, 0, 1))
                .hasMessage("Tape length in seconds must be positive and finite, cannot be: 0.0");
        assertThatThrownBy(() -> new TapeSpec("a", Double.NaN, 15, 480, 270, 0, 1))
                .hasMessage("Tape length in seconds must be positive and finite, cannot be: NaN");
        assertThatThrownBy(() -> new TapeSpec("a", 1, 0, 480, 270, 0, 1))
                .hasMessage("Tape frame rate must be between 1 and 240 fps, cannot be: 0");
        assertThatThrownBy(() -> new TapeSpec("a", 1, 15, 481, 270, 0, 1))
                .hasMessage("Tape width must be even and at least 16, cannot be: 481");
        assertThatThrownBy(() -> new TapeSpec("a", 1, 15, 480, 14, 0, 1))
                .hasMessage("Tape height must be even and at least 16, cannot be: 14");
        assertThatThrownBy(() -> new TapeSpec("a", 1, 15, 480, 270, 45, 1))
                .hasMessage("Tape rotation must be one of 0, 90, 180, 270 degrees, cannot be: 45");
        assertThatThrownBy(() -> new TapeSpec("a", 0.01, 15, 480, 270, 0, 1))
                .hasMessage("Tape must have at least one frame, cannot be: seconds=0.01 fps=15");
    }

    @Test
    void defaultSetIsNumberedLandscapeWithEveryThirdTapePortrait() {
        List<TapeSpec> set = SampleTapeGenerator.defaultSet(7, 30, 42);

        assertThat(set).extracting(TapeSpec::name)
                .containsExactly("tape-01.mp4", "tape-02.mp4", "tape-03.mp4", "tape-04.mp4", "tape-05.mp4",
                        "tape-06.mp4", "tape-07.mp4");
        assertThat(set).extracting(TapeSpec::rotationDegrees).containsExactly(0, 0, 90, 180, 0, 270, 0);
        assertThat(set).extracting(TapeSpec::width).containsExactly(480, 480, 270, 480, 480, 270, 480);
        assertThat(set).extracting(TapeSpec::height).containsExactly(270, 270, 480, 270, 270, 480, 270);
        assertThat(set).allSatisfy(s -> {
            assertThat(s.fps()).isEqualTo(15);
            assertThat(s.seconds()).isEqualTo(30);
            assertThat(s.codedWidth()).isEqualTo(480);
            assertThat(s.codedHeight()).isEqualTo(270);
        });
        assertThat(set).extracting(TapeSpec::seed).doesNotHaveDuplicates();
        assertThat(SampleTapeGenerator.defaultSet(7, 30, 42)).isEqualTo(set);
        assertThat(SampleTapeGenerator.defaultSet(7, 30, 43).get(0).seed()).isNotEqualTo(set.get(0).seed());
        assertThat(SampleTapeGenerator.defaultSet(0, 30, 42)).isEmpty();
        assertThatThrownBy(() -> SampleTapeGenerator.defaultSet(-1, 30, 42))
                .hasMessage("Number of tapes must be at least 0, cannot be: -1");
    }

    @Test
    void aSpecHasPlayersUnlessMadeWithoutThemWhichKeepsEverythingElse() {
        TapeSpec with = new TapeSpec("a.mp4", 30, 15, 480, 270, 90, 3);

        assertThat(with.players()).isTrue();
        assertThat(with.withoutPlayers()).isEqualTo(new TapeSpec("a.mp4", 30, 15, 480, 270, 90, 3, false))
                .isNotEqualTo(with);
        assertThat(with.withoutPlayers().players()).isFalse();
    }

    @Test
    void hdIsFullHdAt30FpsUnrotated() {
        assertThat(SampleTapeGenerator.hd("bench.mp4", 120, 3))
                .isEqualTo(new TapeSpec("bench.mp4", 120, 30, 1920, 1080, 0, 3));
    }

    @Test
    void generatedTapeKeepsSortedDisjointClosedRangesAndCopiesThem() {
        TapeSpec spec = new TapeSpec("a.mp4", 10, 15, 160, 90, 0, 1);
        long[] first = {3, 7};
        GeneratedTape tape = new GeneratedTape(spec, Path.of("a.mp4"), 150,
                List.of(first, new long[] {9, 9}, new long[] {20, 149}));
        first[0] = 0;

        assertThat(tape.playerRanges().get(0)).containsExactly(3, 7);
        assertThat(tape.playerFrameCount()).isEqualTo(5 + 1 + 130);
        assertThat(tape.playerVisible(2)).isFalse();
        assertThat(tape.playerVisible(3)).isTrue();
        assertThat(tape.playerVisible(7)).isTrue();
        assertThat(tape.playerVisible(8)).isFalse();
        assertThat(tape.playerVisible(149)).isTrue();
        for (List<long[]> bad : List.of(
                List.of(new long[] {5, 4}),
                List.of(new long[] {3, 7}, new long[] {8, 9}),
                List.of(new long[] {3, 7}, new long[] {6, 9}),
                List.of(new long[] {140, 150}),
                List.of(new long[] {-1, 2}),
                List.of(new long[] {1, 2, 3}))) {
            assertThatThrownBy(() -> new GeneratedTape(spec, Path.of("a.mp4"), 150, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Player ranges must be sorted, disjoint, non-adjacent [first, last] pairs "
                            + "within [0, 150), cannot be: ");
        }
    }
}
