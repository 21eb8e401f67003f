package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SoundTrackTest {

    @Test
    void samplesPerFrameAddUpToTheExactAudioLengthForEveryShortTape() {
        for (int fps : new int[] {1, 7, 15, 24, 25, 29, 30, 60, 240}) {
            for (int rate : new int[] {44_100, 48_000}) {
                long total = 0;
                for (long frames = 1; frames <= 500; frames++) {
                    int n = SoundTrack.samplesForFrame(frames - 1, fps, rate);
                    assertThat(n).isBetween(rate / fps, rate / fps + 1);
                    total += n;
                    // naive oracle: the samples before the end of the last frame
                    assertThat(total).isEqualTo((long) Math.floor(frames * (double) rate / fps + 1e-9));
                }
            }
        }
    }

    @Test
    void picksARateThatHoldsWholeSamplesPerFrameWhenOneDoes() {
        assertThat(SampleTapeGenerator.sampleRate(15)).isEqualTo(44_100);
        assertThat(SampleTapeGenerator.sampleRate(30)).isEqualTo(44_100);
        assertThat(SampleTapeGenerator.sampleRate(24)).isEqualTo(48_000);
        assertThat(SampleTapeGenerator.sampleRate(29)).isEqualTo(44_100);
    }

    @Property(tries = 30)
    void renderingInChunksGivesTheSameSoundAsRenderingAtOnce(@ForAll @IntRange(min = 1, max = 3000) int chunk,
            @ForAll long seed) {
        List<SoundCue> cues = List.of(new SoundCue(0.01, SoundCue.Kind.THUMP, 0.5),
                new SoundCue(0.05, SoundCue.Kind.CLANG, 0.5), new SoundCue(0.06, SoundCue.Kind.SQUEAK, 0.1),
                new SoundCue(0.2, SoundCue.Kind.THUD, 0.3));
        int total = 22_050;
        short[] whole = new short[total];
        new SoundTrack(cues, 44_100, seed).render(whole, total);
        SoundTrack chunked = new SoundTrack(cues, 44_100, seed);
        short[] parts = new short[total];
        short[] buf = new short[chunk];
        for (int at = 0; at < total; at += chunk) {
            int n = Math.min(chunk, total - at);
            chunked.render(buf, n);
            System.arraycopy(buf, 0, parts, at, n);
        }
        assertThat(parts).containsExactly(whole);
    }

    @Test
    void cuesAreLouderThanTheRoomTone() {
        short[] quiet = new short[4410];
        new SoundTrack(List.of(), 44_100, 1).render(quiet, quiet.length);
        short[] thump = new short[4410];
        new SoundTrack(List.of(new SoundCue(0, SoundCue.Kind.THUMP, 0.5)), 44_100, 1).render(thump, thump.length);

        assertThat(peak(quiet)).isBetween(50, 2000);
        assertThat(peak(thump)).isGreaterThan(10 * peak(quiet));
    }

    private static int peak(short[] s) {
        int p = 0;
        for (short v : s) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
