package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Properties of the timeline and of the dunk motion, checked without encoding anything. */
class TapePlanTest {

    @Provide
    Arbitrary<int[]> sizes() {
        return Arbitraries.of(new int[] {480, 270}, new int[] {270, 480}, new int[] {160, 90}, new int[] {1920, 1080},
                new int[] {240, 136});
    }

    @Provide
    Arbitrary<Integer> rates() {
        return Arbitraries.of(10, 15, 24, 30);
    }

    // Clouds and walkers (overlays) may share frames with the other distractors, so "half a second apart" is
    // checked within each layer; that overlays keep away from dunks is the next property.
    @Property(tries = 200)
    void windowsLieInsideTheTapeAwayFromItsEndsAndHalfASecondApart(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int seconds,
            @ForAll("rates") int fps, @ForAll("sizes") int[] size, @ForAll boolean players) {
        TapeSpec spec = new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed, players);
        TapePlan plan = TapePlan.create(spec);
        long gap = Math.max(1, Math.round(0.5 * fps));

        for (boolean overlays : new boolean[] {false, true}) {
            TapePlan.Entry previous = null;
            for (TapePlan.Entry e : plan.entries) {
                if (e.kind().overlay() != overlays) {
                    continue;
                }
                assertThat(e.first()).isGreaterThanOrEqualTo(fps).isLessThanOrEqualTo(e.last());
                assertThat(e.last()).isLessThanOrEqualTo(spec.frameCount() - 1 - fps);
                if (previous != null) {
                    assertThat(e.first() - previous.last() - 1).as("frames between %s and %s", previous, e)
                            .isGreaterThanOrEqualTo(gap);
                }
                previous = e;
            }
        }
    }

    @Property(tries = 300)
    void noDistractorComesWithinHalfASecondOfADunk(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int seconds,
            @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed));
        long gap = Math.max(1, Math.round(0.5 * fps));

        for (TapePlan.Entry dunk : plan.entries(TapePlan.Kind.DUNK)) {
            for (TapePlan.Entry e : plan.entries) {
                if (e != dunk) {
                    assertThat(e.last() + gap < dunk.first() || e.first() - gap > dunk.last())
                            .as("%s [%s, %s] against dunk [%s, %s]", e.kind(), e.first(), e.last(), dunk.first(),
                                    dunk.last()).isTrue();
                }
            }
        }
    }

    @Property(tries = 200)
    void dunksComeAboutEveryFifteenSecondsAndLastAFewSeconds(@ForAll long seed,
            @ForAll @IntRange(min = 12, max = 300) int seconds, @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed));
        List<TapePlan.Entry> dunks = plan.entries(TapePlan.Kind.DUNK);

        assertThat(dunks).hasSize(Math.max(1, seconds / 15));
        for (TapePlan.Entry d : dunks) {
            double length = (d.last() - d.first() + 1) / (double) fps;
            assertThat(length).isBetween(2.5, 8.0);
        }
    }

    @Property(tries = 300)
    void tapesOfFortySecondsOrMoreHaveEveryKindOfDistractor(@ForAll long seed,
            @ForAll @IntRange(min = 40, max = 300) int seconds, @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed));

        // Every kind but the walker, which needs a gallery window in the picture that a walk of at most 7 s can cross;
        // some camera set-ups show none (a run with a random seed found one).
        assertThat(plan.entries).extracting(TapePlan.Entry::kind).contains(TapePlan.Kind.DUNK, TapePlan.Kind.BALL_ROLL,
                TapePlan.Kind.SHADOW, TapePlan.Kind.FLICKER, TapePlan.Kind.SHAKE, TapePlan.Kind.CLOUD);
    }

    @Property(tries = 300)
    void aTapeWithoutPlayersHasNoDunkAndFromTwentySecondsEveryKindOfDistractor(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int seconds, @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed, false));

        assertThat(plan.entries(TapePlan.Kind.DUNK)).isEmpty();
        if (seconds >= 20) {
            assertThat(plan.entries).extracting(TapePlan.Entry::kind).containsOnly(
                    TapePlan.Kind.BALL_ROLL, TapePlan.Kind.SHADOW, TapePlan.Kind.FLICKER, TapePlan.Kind.SHAKE,
                    TapePlan.Kind.CLOUD, TapePlan.Kind.WALKER);
            // The walker only where a gallery window shows (see above).
            assertThat(plan.entries).extracting(TapePlan.Entry::kind).contains(
                    TapePlan.Kind.BALL_ROLL, TapePlan.Kind.SHADOW, TapePlan.Kind.FLICKER, TapePlan.Kind.SHAKE,
                    TapePlan.Kind.CLOUD);
        }
    }

    @Property(tries = 100)
    void theSameSpecGivesTheSamePlanEventForEvent(@ForAll long seed, @ForAll @IntRange(min = 5, max = 120) int seconds,
            @ForAll("sizes") int[] size, @ForAll boolean players) {
        TapeSpec spec = new TapeSpec("t.mp4", seconds, 15, size[0], size[1], 0, seed, players);
        TapeSpec other = new TapeSpec("t.mp4", seconds, 15, size[0], size[1], 0, seed + 1, players);

        assertThat(fingerprint(TapePlan.create(spec))).isEqualTo(fingerprint(TapePlan.create(spec)));
        if (seconds >= 20) {
            assertThat(fingerprint(TapePlan.create(other))).isNotEqualTo(fingerprint(TapePlan.create(spec)));
        }
    }

    @Property(tries = 50)
    void withoutPlayersTheCourtAndCameraOfTheSeedStay(@ForAll long seed, @ForAll("sizes") int[] size) {
        TapePlan with = TapePlan.create(new TapeSpec("t.mp4", 30, 15, size[0], size[1], 0, seed));
        TapePlan without = TapePlan.create(new TapeSpec("t.mp4", 30, 15, size[0], size[1], 0, seed).withoutPlayers());

        assertThat(without.scene.focal).isEqualTo(with.scene.focal);
        assertThat(without.scene.centerX).isEqualTo(with.scene.centerX);
        assertThat(without.exposure).isEqualTo(with.exposure);
        assertThat(without.bitrateScale).isEqualTo(with.bitrateScale);
        assertThat(with.entries(TapePlan.Kind.DUNK)).isNotEmpty();
    }

    @Test
    void theCameraIsNudgedFromTapeToTapeByAFewPercent() {
        double[] zoom = {Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] pan = {Double.MAX_VALUE, -Double.MAX_VALUE};
        for (long seed = 0; seed < 200; seed++) {
            CourtScene scene = TapePlan.create(new TapeSpec("t.mp4", 5, 15, 480, 270, 0, seed)).scene;
            // the focal length a reference player 40 % of the picture tall would need, without nudge
            double unnudged = CourtScene.LANDSCAPE_STANDING * 270 * (scene.camZ - CourtScene.REFERENCE_PLAYER_Z)
                    / CourtScene.REFERENCE_PLAYER_HEIGHT;
            double z = scene.focal / unnudged;
            double p = (scene.centerX - 240) / 480;
            zoom[0] = Math.min(zoom[0], z);
            zoom[1] = Math.max(zoom[1], z);
            pan[0] = Math.min(pan[0], p);
            pan[1] = Math.max(pan[1], p);
        }

        assertThat(zoom[0]).isGreaterThanOrEqualTo(1 - CourtScene.ZOOM_NUDGE).isLessThan(0.97);
        assertThat(zoom[1]).isLessThanOrEqualTo(1 + CourtScene.ZOOM_NUDGE).isGreaterThan(1.03);
        assertThat(pan[0]).isGreaterThanOrEqualTo(-CourtScene.PAN_NUDGE).isLessThan(-0.02);
        assertThat(pan[1]).isLessThanOrEqualTo(CourtScene.PAN_NUDGE).isGreaterThan(0.02);
    }

    @Test
    void aboutFourTapesInTenAreCompressedMuchHarder() {
        int heavy = 0;
        for (long seed = 0; seed < 400; seed++) {
            TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", 5, 15, 480, 270, 0, seed));
            if (plan.bitrateScale < 1) {
                heavy++;
                assertThat(plan.bitrateScale).isBetween(0.3, 0.6);
                assertThat(plan.minQuantiser).isBetween(28, 38);
            } else {
                assertThat(plan.bitrateScale).isEqualTo(1.0);
                assertThat(plan.minQuantiser).isZero();
            }
            assertThat(plan.exposure * 15).isBetween(0.3, 1.0);
        }

        assertThat(heavy).isBetween(120, 200);
        TapeSpec spec = new TapeSpec("t.mp4", 5, 15, 480, 270, 0, 1);
        assertThat(SampleTapeGenerator.videoBitrate(spec, 1.0)).isEqualTo(680_400);
        assertThat(SampleTapeGenerator.videoBitrate(spec, 0.3)).isEqualTo(204_120);
        assertThat(SampleTapeGenerator.videoBitrate(new TapeSpec("t.mp4", 5, 15, 64, 36, 0, 1), 0.3))
                .isEqualTo(100_000);
    }

    @Property(tries = 200)
    void aCloudDimsAndCoolsTheLightSlowlyAndGivesItBack(@ForAll long seed,
            @ForAll @IntRange(min = 10, max = 30) int fps) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", 40, fps, 240, 136, 0, seed, false));
        TapePlan.Entry entry = plan.entries(TapePlan.Kind.CLOUD).get(0);
        Distractors.Cloud cloud = (Distractors.Cloud) entry.event();
        double seconds = (entry.last() - entry.first()) / (double) fps;
        double[] full = {1, 1, 1};
        cloud.shade(cloud.strength(seconds / 2), full);

        assertThat(seconds).as("seconds the light takes to go down and back").isBetween(3.5, 6.6);
        assertThat(cloud.strength(0)).isZero();
        assertThat(cloud.strength(seconds)).isLessThan(1e-3);
        assertThat(cloud.strength(seconds * 0.1)).isBetween(0.01, 0.5);
        assertThat(full[1]).as("green at the deepest").isBetween(0.64, 0.86);
        assertThat(full[0]).as("red drops more than green").isLessThan(full[1] - 0.015);
        assertThat(full[2]).as("blue drops less than green").isGreaterThan(full[1] + 0.015);
        long mid = (entry.first() + entry.last()) / 2;
        double[] during = plan.light(mid);
        double[] before = plan.light(entry.first() - 1);
        assertThat(before[0]).as("no tint before the cloud").isEqualTo(before[2]);
        if (!cloud.region) {
            // drift and flicker are the same in every channel: the tint is the cloud's own
            double[] shade = {1, 1, 1};
            cloud.shade(cloud.strength(entry.localTime(mid, fps)), shade);
            assertThat(during[0] / during[1]).isCloseTo(shade[0] / shade[1], org.assertj.core.data.Offset.offset(1e-9))
                    .isLessThan(0.98);
            assertThat(during[2] / during[1]).isCloseTo(shade[2] / shade[1], org.assertj.core.data.Offset.offset(1e-9))
                    .isGreaterThan(1.02);
            assertThat(plan.regionalCloud(mid)).isNull();
        } else {
            assertThat(plan.regionalCloud(mid)).isSameAs(entry);
            assertThat(during[0]).as("a regional shade is drawn, not in the whole picture's light")
                    .isEqualTo(during[2]);
        }
    }

    @Property(tries = 50)
    void theTimelineDependsOnTheSeedAndPictureButNotOnNameOrRotation(@ForAll long seed,
            @ForAll @IntRange(min = 5, max = 120) int seconds) {
        String a = describe(TapePlan.create(new TapeSpec("a.mp4", seconds, 15, 270, 480, 0, seed)));
        String b = describe(TapePlan.create(new TapeSpec("b.mp4", seconds, 15, 270, 480, 90, seed)));
        String c = describe(TapePlan.create(new TapeSpec("b.mp4", seconds, 15, 270, 480, 90, seed + 1)));

        assertThat(b).isEqualTo(a);
        if (seconds >= 12) {
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Property(tries = 300)
    void thePlayerStartsAndEndsOutsideThePictureAndReachesTheRimInBetween(@ForAll long seed,
            @ForAll("sizes") int[] size) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CourtScene scene = CourtScene.create(size[0], size[1], rnd.split());
        PlayerRun run = new PlayerRun(scene, rnd.split(), -1);
        Pose pose = new Pose();

        assertThat(inPicture(run, scene, run.poseAt(0, pose))).as("in picture at the start").isFalse();
        assertThat(inPicture(run, scene, run.poseAt(run.duration(), pose))).as("in picture at the end").isFalse();
        assertThat(inPicture(run, scene, run.poseAt(run.dunkTime(), pose))).as("in picture at the dunk").isTrue();
        double handX = scene.screenX(pose.worldX, run.z) + pose.facing * pose.handNear[0] * run.heightPx;
        double handY = scene.screenY(pose.liftM, run.z) - pose.handNear[1] * run.heightPx;
        assertThat(Math.hypot(handX - scene.rimX(), handY - scene.rimY())).as("hand to rim at the dunk, in pixels")
                .isLessThan(0.15 * run.heightPx);
        // 40 % (portrait 29 %) of the picture height, times size 0.85-1.15, depth 0.98-1.03 and (since the camera
        // nudge) zoom 0.96-1.04: the bounds widened from 0.33-0.47 and 0.23-0.35
        double standing = run.heightPx / size[1];
        if (size[0] > size[1]) {
            assertThat(standing).as("standing height / picture height").isBetween(0.32, 0.50);
        } else {
            assertThat(standing).as("standing height / picture height").isBetween(0.23, 0.36);
        }
        assertThat(run.duration()).isBetween(2.5, 8.0);
    }

    @Property(tries = 150)
    void theWalkerShowsOnlyThroughTheWindowsHiddenAtBothEndsAndAtMostTwoThirdsOfTheSmallestPlayer(@ForAll long seed,
            @ForAll("sizes") int[] size) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CourtScene scene = CourtScene.create(size[0], size[1], rnd.split());
        Distractors.Walker walker = Distractors.Walker.create(scene, rnd.split());

        assertThat(walker).as("a walk past a window that shows").isNotNull();
        double smallestPlayer = scene.referenceStandingPx * 0.85
                * (scene.camZ - CourtScene.REFERENCE_PLAYER_Z) / (scene.camZ - 1.9);
        assertThat(walker.body().heightPx()).isLessThan(2.0 / 3 * smallestPlayer);
        assertThat(walker.body().z()).isLessThan(scene.wallZ - 9.9);
        assertThat(walker.duration()).isBetween(1.0, 7.0);
        Pose pose = new Pose();
        assertThat(pixelsShown(scene, walker.body(), walker.poseAt(0, pose))).as("pixels shown at the start").isZero();
        assertThat(pixelsShown(scene, walker.body(), walker.poseAt(walker.duration(), pose)))
                .as("pixels shown at the end").isZero();
        int most = 0;
        for (double t = 0; t <= walker.duration() && most == 0; t += 0.1) {
            most = Math.max(most, pixelsShown(scene, walker.body(), walker.poseAt(t, pose)));
        }
        assertThat(most).as("most pixels shown on the way").isGreaterThan(0);
        assertThat(scene.galleryClip().getBounds2D().getMaxY()).as("bottom of the windows").isLessThan(0.6 * size[1])
                .isLessThan(scene.wallFootY());
    }

    /** Pixels of the figure drawn inside the gallery windows, as the renderer clips it. */
    private static int pixelsShown(CourtScene scene, FigurePainter.Body body, Pose pose) {
        java.awt.Rectangle box = scene.galleryClip().getBounds();
        if (box.isEmpty()) {
            return 0;
        }
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(box.width, box.height,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.translate(-box.x, -box.y);
        g.setClip(scene.galleryClip());
        FigurePainter.paint(g, FigurePainter.parts(pose, body, scene));
        g.dispose();
        int n = 0;
        for (int argb : ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData()) {
            if (argb >>> 24 != 0) {
                n++;
            }
        }
        return n;
    }

    private static boolean inPicture(PlayerRun run, CourtScene scene, Pose pose) {
        Rectangle2D b = FigurePainter.bounds(FigurePainter.parts(pose, run, scene));
        return b.intersects(0, 0, scene.width, scene.height);
    }

    /** Windows, kinds and what each event does at a few instants, plus the camera settings. */
    private static String fingerprint(TapePlan plan) {
        StringBuilder sb = new StringBuilder(describe(plan));
        sb.append(plan.exposure).append(' ').append(plan.bitrateScale).append(' ').append(plan.minQuantiser).append(' ')
                .append(plan.scene.focal).append(' ').append(plan.scene.centerX).append(' ')
                .append(plan.scene.galleryZ).append('|');
        Pose pose = new Pose();
        for (TapePlan.Entry e : plan.entries) {
            for (double s : new double[] {0.25, 0.5, 0.75}) {
                long frame = e.first() + Math.round(s * (e.last() - e.first()));
                double t = e.localTime(frame, plan.spec.fps());
                if (e.event() instanceof FigurePainter.Mover mover) {
                    mover.poseAt(t, pose);
                    sb.append(pose.worldX).append(',').append(pose.liftM).append(',')
                            .append(pose.handNear[1]).append(' ');
                }
                sb.append(java.util.Arrays.toString(plan.light(frame)))
                        .append(java.util.Arrays.toString(plan.shake(frame)));
            }
        }
        return sb.toString();
    }

    private static String describe(TapePlan plan) {
        StringBuilder sb = new StringBuilder();
        for (TapePlan.Entry e : plan.entries) {
            sb.append(e.kind()).append('[').append(e.first()).append(',').append(e.last()).append("] ");
        }
        return sb.toString();
    }
}
