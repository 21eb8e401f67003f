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

/** Properties of the timeline and of the dunk motion, checked without encoding anything. */
class TapePlanTest {

    @Provide
    Arbitrary<int[]> sizes() {
        return Arbitraries.of(new int[] {480, 270}, new int[] {270, 480}, new int[] {160, 90}, new int[] {1920, 1080}, new int[] {240, 136});
    }

    @Provide
    Arbitrary<Integer> rates() {
        return Arbitraries.of(10, 15, 24, 30);
    }

    @Property(tries = 200)
    void windowsLieInsideTheTapeAwayFromItsEndsAndHalfASecondApart(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int seconds,
            @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapeSpec spec = new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed);
        TapePlan plan = TapePlan.create(spec);
        long gap = Math.max(1, Math.round(0.5 * fps));

        TapePlan.Entry previous = null;
        for (TapePlan.Entry e : plan.entries) {
            assertThat(e.first()).isGreaterThanOrEqualTo(fps).isLessThanOrEqualTo(e.last());
            assertThat(e.last()).isLessThanOrEqualTo(spec.frameCount() - 1 - fps);
            if (previous != null) {
                assertThat(e.first() - previous.last() - 1).as("frames between %s and %s", previous, e).isGreaterThanOrEqualTo(gap);
            }
            previous = e;
        }
    }

    @Property(tries = 200)
    void dunksComeAboutEveryFifteenSecondsAndLastAFewSeconds(@ForAll long seed, @ForAll @IntRange(min = 12, max = 300) int seconds,
            @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed));
        List<TapePlan.Entry> dunks = plan.entries(TapePlan.Kind.DUNK);

        assertThat(dunks).hasSize(Math.max(1, seconds / 15));
        for (TapePlan.Entry d : dunks) {
            double length = (d.last() - d.first() + 1) / (double) fps;
            assertThat(length).isBetween(2.5, 8.0);
        }
    }

    @Property(tries = 300)
    void tapesOfFortySecondsOrMoreHaveEveryKindOfDistractor(@ForAll long seed, @ForAll @IntRange(min = 40, max = 300) int seconds,
            @ForAll("rates") int fps, @ForAll("sizes") int[] size) {
        TapePlan plan = TapePlan.create(new TapeSpec("t.mp4", seconds, fps, size[0], size[1], 0, seed));

        assertThat(plan.entries).extracting(TapePlan.Entry::kind).contains(TapePlan.Kind.values());
    }

    @Property(tries = 50)
    void theTimelineDependsOnTheSeedAndPictureButNotOnNameOrRotation(@ForAll long seed, @ForAll @IntRange(min = 5, max = 120) int seconds) {
        String a = describe(TapePlan.create(new TapeSpec("a.mp4", seconds, 15, 270, 480, 0, seed)));
        String b = describe(TapePlan.create(new TapeSpec("b.mp4", seconds, 15, 270, 480, 90, seed)));
        String c = describe(TapePlan.create(new TapeSpec("b.mp4", seconds, 15, 270, 480, 90, seed + 1)));

        assertThat(b).isEqualTo(a);
        if (seconds >= 12) {
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Property(tries = 300)
    void thePlayerStartsAndEndsOutsideThePictureAndReachesTheRimInBetween(@ForAll long seed, @ForAll("sizes") int[] size) {
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
        double standing = run.heightPx / size[1];
        if (size[0] > size[1]) {
            assertThat(standing).as("standing height / picture height").isBetween(0.33, 0.47);
        } else {
            assertThat(standing).as("standing height / picture height").isBetween(0.23, 0.35);
        }
        assertThat(run.duration()).isBetween(2.5, 8.0);
    }

    private static boolean inPicture(PlayerRun run, CourtScene scene, Pose pose) {
        Rectangle2D b = FigurePainter.bounds(FigurePainter.parts(pose, run, scene));
        return b.intersects(0, 0, scene.width, scene.height);
    }

    private static String describe(TapePlan plan) {
        StringBuilder sb = new StringBuilder();
        for (TapePlan.Entry e : plan.entries) {
            sb.append(e.kind()).append('[').append(e.first()).append(',').append(e.last()).append("] ");
        }
        return sb.toString();
    }
}
