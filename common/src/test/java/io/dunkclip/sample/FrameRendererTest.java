package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Area;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The upright pictures and their ground truth for motion blur and the background walker, without encoding. */
class FrameRendererTest {

    private static final FigurePainter.Body BODY = new FigurePainter.Body(2.2, 0, 100, new Color(200, 30, 35),
            new Color(30, 30, 34),
            new Color(160, 105, 70), new Color(160, 105, 70), new Color(160, 105, 70), new Color(245, 245, 245),
            new Color(30, 20, 15));

    /** Someone standing upright, sliding sideways at {@code speed} metres a second. */
    private static FigurePainter.Mover sliding(double speed) {
        return new FigurePainter.Mover() {
            @Override
            public FigurePainter.Body body() {
                return BODY;
            }

            @Override
            public Pose poseAt(double t, Pose pose) {
                pose.worldX = speed * t;
                pose.liftM = 0;
                pose.facing = 1;
                pose.torso(0, Pose.STANDING_HIP, 0);
                pose.legForward(true, 0.1, 0);
                pose.legForward(false, -0.1, 0);
                pose.armForward(true, 0.2, 0.3);
                pose.armForward(false, -0.2, 0.3);
                return pose;
            }
        };
    }

    @Test
    void aStillFigureIsDrawnOnceAFastOneAtEvenlySpreadTimesOverTheExposure() {
        CourtScene scene = CourtScene.create(480, 270, new SplittableRandom(3));
        double exposure = 1 / 15.0;
        double pxPerMetre = scene.scaleAt(BODY.z());

        assertThat(FrameRenderer.exposureTimes(sliding(0), 1.0, exposure, scene)).containsExactly(1.0);
        // 2.5 px in the exposure: still sharp
        assertThat(FrameRenderer.exposureTimes(sliding(2.5 / pxPerMetre / exposure), 1.0, exposure, scene))
                .containsExactly(1.0);
        // 5 px: 1 + ceil(5 / 3) drawings from t - exposure / 2 to t + exposure / 2
        double[] five = FrameRenderer.exposureTimes(sliding(5 / pxPerMetre / exposure), 1.0, exposure, scene);
        assertThat(five).hasSize(3);
        assertThat(five[0]).isCloseTo(1 - exposure / 2, Offset.offset(1e-12));
        assertThat(five[1]).isCloseTo(1, Offset.offset(1e-12));
        assertThat(five[2]).isCloseTo(1 + exposure / 2, Offset.offset(1e-12));
        // 40 px: capped
        assertThat(FrameRenderer.exposureTimes(sliding(40 / pxPerMetre / exposure), 1.0, exposure, scene))
                .hasSize(FrameRenderer.MAX_BLUR_SAMPLES);
    }

    @Test
    void aFastFigureIsSmearedAlongItsPathAndASlowOneIsNot() {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", 5, 15, 480, 270, 0, 3, false));
        double exposure = 1 / 15.0;
        double pxPerMetre = plan.scene.scaleAt(BODY.z());
        try (FrameRenderer renderer = new FrameRenderer(plan)) {
            int[] sharp = changedBox(renderer, sliding(0), exposure);
            int[] smeared = changedBox(renderer, sliding(12 / pxPerMetre / exposure), exposure);

            assertThat(smeared[1] - smeared[0]).as("width of the smear")
                    .isBetween(sharp[1] - sharp[0] + 10, sharp[1] - sharp[0] + 14);
            assertThat(smeared[3] - smeared[2]).as("height of the smear").isEqualTo(sharp[3] - sharp[2]);
            assertThat(smeared[4]).as("pixels partly covered").isGreaterThan(2 * sharp[4]);
        }
    }

    /** {@code {minX, maxX, minY, maxY, partly}} of the pixels the figure at {@code t = 1} changes on an empty court. */
    private static int[] changedBox(FrameRenderer renderer, FigurePainter.Mover mover, double exposure) {
        renderer.drawUpright(0);
        int[] empty = renderer.canvas().getRGB(0, 0, 480, 270, null, 0, 480);
        assertThat(renderer.drawFigure(mover, 1.0, exposure, null)).isTrue();
        int[] drawn = renderer.canvas().getRGB(0, 0, 480, 270, null, 0, 480);
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, 0};
        for (int i = 0; i < drawn.length; i++) {
            if (drawn[i] != empty[i]) {
                int x = i % 480;
                int y = i / 480;
                box[0] = Math.min(box[0], x);
                box[1] = Math.max(box[1], x);
                box[2] = Math.min(box[2], y);
                box[3] = Math.max(box[3], y);
            }
        }
        // partly covered: neither the court nor any colour of the figure
        java.util.Set<Integer> figureColours = new java.util.HashSet<>();
        for (Color c : new Color[] {BODY.shirt(), BODY.shorts(), BODY.skin(), BODY.shoes(), BODY.hair(),
            CourtScene.scale(BODY.skin(), 0.78), CourtScene.scale(BODY.shorts(), 0.8),
            CourtScene.scale(BODY.shoes(), 0.8)}) {
            figureColours.add(c.getRGB());
        }
        for (int i = 0; i < drawn.length; i++) {
            if (drawn[i] != empty[i] && !figureColours.contains(drawn[i])) {
                box[4]++;
            }
        }
        return box;
    }

    @Property(tries = 10)
    void theWalkerChangesOnlyTheGalleryWindowsAndNeverCountsAsAPlayer(@ForAll long seed) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", 30, 15, 240, 136, 0, seed, false));
        Area windows = plan.scene.galleryClip();
        int changedInWindows = 0;
        try (FrameRenderer renderer = new FrameRenderer(plan)) {
            renderer.drawUpright(0);
            int[] empty = renderer.canvas().getRGB(0, 0, 240, 136, null, 0, 240);
            for (long k = 0; k < plan.spec.frameCount(); k++) {
                assertThat(renderer.drawUpright(k)).as("player in the picture at frame %s", k).isFalse();
                if (plan.active(TapePlan.Kind.WALKER, k) == null) {
                    continue;
                }
                // a rolling ball or a shadow may share the frame and change the floor, never the windows
                long frame = k;
                boolean others = plan.entries.stream()
                        .anyMatch(e -> e.contains(frame) && e.kind() != TapePlan.Kind.WALKER);
                int[] drawn = renderer.canvas().getRGB(0, 0, 240, 136, null, 0, 240);
                for (int i = 0; i < drawn.length; i++) {
                    if (drawn[i] != empty[i]) {
                        int x = i % 240;
                        int y = i / 240;
                        if (windows.intersects(x - 0.5, y - 0.5, 2, 2)) {
                            changedInWindows++;
                        } else {
                            assertThat(others).as("pixel (%s, %s) changed at frame %s", x, y, k).isTrue();
                        }
                    }
                }
            }
        }
        assertThat(plan.entries(TapePlan.Kind.WALKER)).isNotEmpty();
        assertThat(changedInWindows).as("pixels changed by the walker").isGreaterThan(0);
    }
}
