package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Encodes small tapes and checks them through FFmpeg: stream layout, exact frame counts, rotation,
 * determinism, and that the ground truth matches what the pictures show.
 */
class SampleTapeGeneratorTest {

    /**
     * 24 s at 240x136, 15 fps: a dunk, a ball roll, a flicker, a shadow, a shake, a cloud over the whole picture and
     * a walker in the gallery with this seed, heavily compressed.
     */
    private static final TapeSpec SHORT = new TapeSpec("tape-short.mp4", 24, 15, 240, 136, 0, 4);

    @TempDir
    static Path shared;
    private static GeneratedTape tape;
    private static TapePlan plan;
    private static final Map<Long, FfprobeSupport.Grey> FRAMES = new HashMap<>();

    @BeforeAll
    static void generateShortTape() throws Exception {
        tape = SampleTapeGenerator.generate(SHORT, shared.resolve(SHORT.name()));
        plan = TapePlan.create(SHORT);
        FfprobeSupport.decodeGrey(tape.file(), FRAMES::put);
    }

    @Test
    void writesH264AndAacWithExactlyTheFrameCountOfTheSpec() throws Exception {
        JsonNode streams = FfprobeSupport.streams(tape.file());
        JsonNode video = FfprobeSupport.stream(streams, "video");
        JsonNode audio = FfprobeSupport.stream(streams, "audio");

        assertThat(tape.frameCount()).isEqualTo(SHORT.frameCount()).isEqualTo(360);
        assertThat(video.get("codec_name").asText()).isEqualTo("h264");
        assertThat(video.get("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(video.get("r_frame_rate").asText()).isEqualTo("15/1");
        assertThat(video.get("avg_frame_rate").asText()).isEqualTo("15/1");
        assertThat(video.get("width").asInt()).isEqualTo(240);
        assertThat(video.get("height").asInt()).isEqualTo(136);
        assertThat(video.get("nb_read_frames").asLong()).isEqualTo(tape.frameCount());
        assertThat(FRAMES).hasSize((int) tape.frameCount());
        assertThat(audio).isNotNull();
        assertThat(audio.get("codec_name").asText()).isEqualTo("aac");
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(44_100);
        assertThat(audio.get("duration").asDouble())
                .isCloseTo(video.get("duration").asDouble(), org.assertj.core.data.Offset.offset(0.1));
        assertThat(video.has("side_data_list")).as("an unrotated tape has no display matrix").isFalse();
    }

    @Test
    void keyframesAreAtMostTwoSecondsApart() throws Exception {
        List<Boolean> keys = FfprobeSupport.keyFrames(tape.file());
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (keys.get(k)) {
                at.add(k);
            }
        }

        assertThat(keys).hasSize((int) tape.frameCount());
        assertThat(at).startsWith(0);
        // OpenH264 adds an IDR frame at a scene change (here: the light flicker) and counts its period from there
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).isLessThanOrEqualTo(SampleTapeGenerator.GOP_SECONDS * SHORT.fps());
        }
        assertThat(keys.size() - 1 - at.get(at.size() - 1)).isLessThan(SampleTapeGenerator.GOP_SECONDS * SHORT.fps());
        assertThat(at.size()).isLessThanOrEqualTo(keys.size() / (SampleTapeGenerator.GOP_SECONDS * SHORT.fps()) + 3);
    }

    @Test
    void writesAtomicallyWithoutLeavingTemporaryFiles() throws Exception {
        try (var files = Files.list(shared)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SHORT.name());
        }
        assertThat(tape.file()).isEqualTo(shared.resolve(SHORT.name()).toAbsolutePath());
    }

    @Test
    void sameSeedGivesSameRangesAndSamePicturesDifferentSeedOtherRanges(@TempDir Path dir) throws Exception {
        TapeSpec spec = new TapeSpec("a.mp4", 10, 15, 160, 90, 0, 11);
        GeneratedTape a = SampleTapeGenerator.generate(spec, dir.resolve("a.mp4"));
        GeneratedTape b = SampleTapeGenerator.generate(spec, dir.resolve("b.mp4"));
        GeneratedTape c = SampleTapeGenerator.generate(new TapeSpec("c.mp4", 10, 15, 160, 90, 0, 12),
                dir.resolve("c.mp4"));

        assertThat(a.playerRanges()).isNotEmpty();
        assertThat(GeneratedTape.describe(a.playerRanges())).isEqualTo(GeneratedTape.describe(b.playerRanges()));
        assertThat(GeneratedTape.describe(c.playerRanges())).isNotEqualTo(GeneratedTape.describe(a.playerRanges()));
        List<BufferedImage> fa = FfprobeSupport.decodeFrames(a.file(), 0, 75);
        List<BufferedImage> fb = FfprobeSupport.decodeFrames(b.file(), 0, 75);
        List<BufferedImage> fc = FfprobeSupport.decodeFrames(c.file(), 0);
        assertThat(pixelHash(fa.get(0))).isEqualTo(pixelHash(fb.get(0)));
        assertThat(pixelHash(fa.get(1))).isEqualTo(pixelHash(fb.get(1)));
        assertThat(pixelHash(fc.get(0))).isNotEqualTo(pixelHash(fa.get(0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {90, 180, 270})
    void rotatedTapeCarriesTheTagAndShowsTheUprightPictureWhenApplied(int degrees, @TempDir Path dir) throws Exception {
        // seed 6, not 5 as before: since some tapes are compressed much harder, seed 5's is, and the coarse
        // quantiser alone makes coded and upright pictures differ by more than the 3 levels allowed
        TapeSpec upright = new TapeSpec("up.mp4", 2, 15, 90, 160, 0, 6);
        TapeSpec rotated = new TapeSpec("rot.mp4", 2, 15, 90, 160, degrees, 6);
        GeneratedTape reference = SampleTapeGenerator.generate(upright, dir.resolve("up.mp4"));
        GeneratedTape tagged = SampleTapeGenerator.generate(rotated, dir.resolve("rot.mp4"));

        JsonNode video = FfprobeSupport.stream(FfprobeSupport.streams(tagged.file()), "video");
        assertThat(video.get("width").asInt()).isEqualTo(rotated.codedWidth());
        assertThat(video.get("height").asInt()).isEqualTo(rotated.codedHeight());
        assertThat(video.get("nb_read_frames").asLong()).isEqualTo(tagged.frameCount());
        JsonNode sideData = video.get("side_data_list").get(0);
        assertThat(sideData.get("side_data_type").asText()).isEqualTo("Display Matrix");
        // ffprobe reports the counter-clockwise angle: -90 for a phone's "rotate=90"
        assertThat(Math.floorMod(sideData.get("rotation").asInt() + degrees, 360)).isZero();

        BufferedImage expected = FfprobeSupport.decodeFrames(reference.file(), 0).get(0);
        BufferedImage coded = FfprobeSupport.decodeFrames(tagged.file(), 0).get(0);
        assertThat(FfprobeSupport.meanAbsDiff(FfprobeSupport.rotateClockwise(coded, degrees), expected))
                .isLessThan(3.0);
        BufferedImage shownByFfmpeg = FfprobeSupport.firstFrameAutorotated(tagged.file());
        assertThat(shownByFfmpeg.getWidth()).isEqualTo(90);
        assertThat(shownByFfmpeg.getHeight()).isEqualTo(160);
        assertThat(FfprobeSupport.meanAbsDiff(shownByFfmpeg, expected)).isLessThan(3.0);
        if (degrees != 180) {
            BufferedImage wrongWay = FfprobeSupport.rotateClockwise(coded, 360 - degrees);
            assertThat(FfprobeSupport.meanAbsDiff(wrongWay, expected))
                    .as("the opposite turn would show the picture upside down").isGreaterThan(10.0);
        }
    }

    @Test
    void soundHasTheRimClangAtTheDunkFrame() throws Exception {
        short[] pcm = FfprobeSupport.audio(tape.file(), 44_100);
        int window = 44_100 / 50;
        double[] rms = new double[pcm.length / window];
        for (int w = 0; w < rms.length; w++) {
            double sum = 0;
            for (int i = w * window; i < (w + 1) * window; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            rms[w] = Math.sqrt(sum / window);
        }
        double[] sorted = rms.clone();
        java.util.Arrays.sort(sorted);
        double roomTone = sorted[sorted.length / 2];

        assertThat(pcm.length).isCloseTo((int) (SHORT.seconds() * 44_100), org.assertj.core.data.Offset.offset(2048));
        for (TapePlan.Entry dunk : plan.entries(TapePlan.Kind.DUNK)) {
            double clang = dunk.first() / (double) SHORT.fps() + ((PlayerRun) dunk.event()).dunkTime();
            int at = (int) Math.round(clang * 50);
            double loudest = 0;
            for (int w = at; w <= at + 2; w++) {
                loudest = Math.max(loudest, rms[w]);
            }
            assertThat(rms[at - 3]).as("just before the clang at %s s", clang).isLessThan(loudest / 3);
            assertThat(loudest).as("loudness at the clang at %s s", clang).isGreaterThan(10 * roomTone);
        }
    }

    @Test
    void framesWithThePlayerDifferClearlyFromTheEmptyCourt() {
        assertThat(tape.playerRanges()).isNotEmpty();
        for (long[] range : tape.playerRanges()) {
            long mid = (range[0] + range[1]) / 2;
            long empty = nearestQuietFrame(range[0]);
            long otherEmpty = nearestQuietFrame(empty + 3);
            FfprobeSupport.Grey withPlayer = FRAMES.get(mid);
            FfprobeSupport.Grey court = FRAMES.get(empty);
            int changedByPlayer = withPlayer.changed(court, 30);
            int changedByNothing = FRAMES.get(otherEmpty).changed(court, 30);

            assertThat(changedByPlayer).as("pixels changed by the player at frame %s", mid)
                    .isGreaterThan(court.v().length / 200)
                    .isGreaterThan(20 * (changedByNothing + 1));
            assertThat(withPlayer.meanAbsDiff(court))
                    .isGreaterThan(3 * FRAMES.get(otherEmpty).meanAbsDiff(court) + 0.5);
        }
    }

    @Test
    void distractorsHappenOutsideThePlayerRangesAndChangeThePicture() {
        List<TapePlan.Entry> distractors = new ArrayList<>();
        for (TapePlan.Entry e : plan.entries) {
            if (e.kind() != TapePlan.Kind.DUNK) {
                distractors.add(e);
            }
        }
        assertThat(distractors).extracting(TapePlan.Entry::kind).contains(TapePlan.Kind.BALL_ROLL, TapePlan.Kind.SHADOW,
                TapePlan.Kind.FLICKER, TapePlan.Kind.SHAKE, TapePlan.Kind.CLOUD, TapePlan.Kind.WALKER);
        for (TapePlan.Entry d : distractors) {
            for (long k = d.first(); k <= d.last(); k++) {
                assertThat(tape.playerVisible(k)).as("player in %s window at frame %s", d.kind(), k).isFalse();
            }
            FfprobeSupport.Grey court = FRAMES.get(nearestQuietFrame(d.first()));
            if (d.kind() == TapePlan.Kind.FLICKER) {
                FfprobeSupport.Grey first = FRAMES.get(d.first());
                assertThat(Math.abs(first.mean() - court.mean()) / court.mean()).as("flicker brightness change")
                        .isGreaterThan(0.1);
            } else {
                int most = 0;
                for (long k = d.first(); k <= d.last(); k++) {
                    most = Math.max(most, FRAMES.get(k).changed(court, 15));
                }
                assertThat(most).as("most pixels changed by %s in [%s, %s]", d.kind(), d.first(), d.last())
                        .isGreaterThan(10);
            }
        }
    }

    @Test
    void playerRangesLieInsideTheDunkWindowsAndMatchANaiveRasterCheck() {
        List<TapePlan.Entry> dunks = plan.entries(TapePlan.Kind.DUNK);
        assertThat(dunks).hasSize(tape.playerRanges().size());
        for (int i = 0; i < dunks.size(); i++) {
            long[] range = tape.playerRanges().get(i);
            assertThat(range[0]).isGreaterThan(dunks.get(i).first());
            assertThat(range[1]).isLessThan(dunks.get(i).last());
        }
        // oracle: draw the figure unclipped on a canvas with wide margins, look for any pixel inside the picture;
        // a fast player is drawn blurred, at several times of the exposure: in the picture when any of them is
        Pose pose = new Pose();
        int blurred = 0;
        for (long k = 0; k < tape.frameCount(); k++) {
            TapePlan.Entry dunk = plan.active(TapePlan.Kind.DUNK, k);
            boolean visible = false;
            if (dunk != null) {
                PlayerRun run = (PlayerRun) dunk.event();
                double[] times = FrameRenderer.exposureTimes(run, dunk.localTime(k, SHORT.fps()),
                        plan.exposure, plan.scene);
                blurred += times.length > 1 ? 1 : 0;
                for (double t : times) {
                    run.poseAt(t, pose);
                    visible |= NaiveRaster.anyPixelInside(FigurePainter.parts(pose, run, plan.scene), SHORT.width(),
                            SHORT.height());
                }
            }
            assertThat(tape.playerVisible(k)).as("player visible at frame %s", k).isEqualTo(visible);
        }
        assertThat(blurred).as("frames with the player blurred").isGreaterThan(10);
    }

    @Test
    void aHeavilyCompressedTapeIsWrittenAtAFractionOfTheBitrate(@TempDir Path dir) throws Exception {
        // seed 5 draws heavy compression (a third of the bitrate, quantiser at least 32), seed 6 the usual
        TapeSpec heavy = new TapeSpec("heavy.mp4", 3, 15, 480, 270, 0, 5);
        TapeSpec usual = new TapeSpec("usual.mp4", 3, 15, 480, 270, 0, 6);
        assertThat(TapePlan.create(heavy).bitrateScale).isLessThan(0.6);
        assertThat(TapePlan.create(usual).bitrateScale).isEqualTo(1.0);

        long heavyBits = FfprobeSupport.stream(FfprobeSupport.streams(SampleTapeGenerator.generate(heavy,
                dir.resolve(heavy.name())).file()), "video").get("bit_rate").asLong();
        long usualBits = FfprobeSupport.stream(FfprobeSupport.streams(SampleTapeGenerator.generate(usual,
                dir.resolve(usual.name())).file()), "video").get("bit_rate").asLong();
        assertThat(heavyBits).isLessThan(usualBits / 2);
    }

    @Test
    void aTapeWithoutPlayersHasNoPlayerFrameButItsDistractors(@TempDir Path dir) throws Exception {
        TapeSpec spec = new TapeSpec("empty.mp4", 20, 15, 160, 90, 0, 8).withoutPlayers();
        GeneratedTape empty = SampleTapeGenerator.generate(spec, dir.resolve(spec.name()));

        assertThat(empty.playerRanges()).isEmpty();
        assertThat(empty.playerFrameCount()).isZero();
        assertThat(empty.frameCount()).isEqualTo(300);
        assertThat(TapePlan.create(spec).entries).extracting(TapePlan.Entry::kind)
                .contains(TapePlan.Kind.WALKER, TapePlan.Kind.CLOUD, TapePlan.Kind.BALL_ROLL)
                .doesNotContain(TapePlan.Kind.DUNK);
        assertThat(FfprobeSupport.stream(FfprobeSupport.streams(empty.file()), "video").get("nb_read_frames").asLong())
                .isEqualTo(300);
    }

    @Test
    void reportsAFailureToWriteWithTheFileName(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("tape.mp4");

        assertThatThrownBy(() -> SampleTapeGenerator.generate(new TapeSpec("tape.mp4", 1, 15, 64, 36, 0, 1), target))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot generate sample tape: ")
                .hasMessageEndingWith("(file=" + target.toAbsolutePath() + ")");
    }

    /** A frame near {@code frame} in no plan window and not next to one (just court, drift and noise). */
    private static long nearestQuietFrame(long frame) {
        for (long d = 0; d < tape.frameCount(); d++) {
            for (long k : new long[] {frame - d, frame + d}) {
                if (k >= 0 && k < tape.frameCount() && quiet(k)) {
                    return k;
                }
            }
        }
        throw new AssertionError("no quiet frame");
    }

    private static boolean quiet(long k) {
        for (TapePlan.Entry e : plan.entries) {
            if (k >= e.first() - 2 && k <= e.last() + 2) {
                return false;
            }
        }
        return true;
    }

    private static long pixelHash(BufferedImage img) {
        long h = 1125899906842597L;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                h = 31 * h + img.getRGB(x, y);
            }
        }
        return h;
    }

    /** Independent check of "some pixel of the figure is inside the picture". */
    static final class NaiveRaster {
        private NaiveRaster() {
        }

        static boolean anyPixelInside(List<FigurePainter.Part> parts, int width, int height) {
            Rectangle2D b = FigurePainter.bounds(parts);
            int margin = (int) Math.ceil(Math.max(b.getWidth(), b.getHeight())) + 4;
            if (b.getMaxX() < -margin || b.getMinX() > width + margin || b.getMaxY() < -margin
                    || b.getMinY() > height + margin) {
                return false;
            }
            BufferedImage img = new BufferedImage(width + 2 * margin, height + 2 * margin, BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(java.awt.RenderingHints.KEY_STROKE_CONTROL, java.awt.RenderingHints.VALUE_STROKE_PURE);
            g.translate(margin, margin);
            FigurePainter.paint(g, parts);
            g.dispose();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if ((img.getRGB(x + margin, y + margin) >>> 24) != 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
