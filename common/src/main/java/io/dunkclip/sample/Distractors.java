package io.dunkclip.sample;

import java.awt.Color;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Things a motion detector reacts to that are not a player. Each has a duration in seconds and is
 * evaluated at {@code t} seconds from its own start.
 */
final class Distractors {

    private Distractors() {
    }

    /** A ball that bounces in from one side edge, rolls across the floor alone and leaves on the other. */
    static final class BallRoll {
        final double z;
        private final int dir;
        private final double x0;
        private final double xEnd;
        private final double speed;
        private final double[] bounceTimes;
        private final double[] bounceSpeeds;
        private final double h0;
        private final List<SoundCue> sounds = new ArrayList<>();

        private BallRoll(CourtScene scene, SplittableRandom rnd, double zMin, double zMax) {
            this.z = CourtScene.uniform(rnd, zMin, zMax);
            this.dir = rnd.nextBoolean() ? 1 : -1;
            double margin = 2 * CourtScene.BALL_RADIUS + 0.1;
            double visMin = scene.worldX(0, z);
            double visMax = scene.worldX(scene.width, z);
            this.x0 = dir > 0 ? visMin - margin : visMax + margin;
            this.xEnd = dir > 0 ? visMax + margin : visMin - margin;
            this.speed = CourtScene.uniform(rnd, 1.6, 3.2);
            this.h0 = rnd.nextInt(10) < 4 ? 0 : CourtScene.uniform(rnd, 0.25, 0.7);
            List<double[]> bounces = new ArrayList<>();
            if (h0 > 0) {
                double t = Math.sqrt(2 * h0 / 9.81);
                double v = Math.sqrt(2 * 9.81 * h0);
                while (v > 0.6) {
                    bounces.add(new double[] {t, v});
                    sounds.add(new SoundCue(t, SoundCue.Kind.THUMP, Math.min(0.4, v / 10)));
                    v *= 0.5;
                    t += 2 * v / 9.81;
                }
            }
            this.bounceTimes = bounces.stream().mapToDouble(b -> b[0]).toArray();
            this.bounceSpeeds = bounces.stream().mapToDouble(b -> b[1]).toArray();
        }

        /** A ball roll, or {@code null} when no floor is visible where a ball could roll. */
        static BallRoll create(CourtScene scene, SplittableRandom rnd) {
            double nearest = scene.nearestVisibleZ();
            if (Double.isNaN(nearest)) {
                return null;
            }
            double zMax = Math.min(8.0, nearest - 0.8);
            double zMin = 0.3;
            if (zMax <= zMin) {
                return null;
            }
            return new BallRoll(scene, rnd, zMin, zMax);
        }

        double duration() {
            return Math.abs(xEnd - x0) / speed;
        }

        List<SoundCue> sounds() {
            return sounds;
        }

        /** World {@code {x, y, spin}} of the ball at {@code t}. */
        double[] at(double t) {
            double r = CourtScene.BALL_RADIUS;
            double x = x0 + dir * speed * t;
            double y = r;
            if (h0 > 0) {
                if (bounceTimes.length == 0 || t < bounceTimes[0]) {
                    y = r + Math.max(0, h0 - 9.81 * t * t / 2);
                } else {
                    for (int i = 0; i < bounceTimes.length; i++) {
                        double next = i + 1 < bounceTimes.length ? bounceTimes[i + 1] : Double.MAX_VALUE;
                        if (t < next) {
                            double v = 0.5 * bounceSpeeds[i];
                            double dt = t - bounceTimes[i];
                            y = r + Math.max(0, v * dt - 9.81 * dt * dt / 2);
                            break;
                        }
                    }
                }
            }
            return new double[] {x, y, dir * (x - x0) / r};
        }
    }

    /** A large, soft, dark translucent blob sliding across the floor (someone passing a light). */
    static final class Shadow {
        private final double duration;
        private final int dir;
        private final double centreY;
        final BufferedImage blob;

        Shadow(CourtScene scene, SplittableRandom rnd) {
            int w = scene.width;
            int h = scene.height;
            this.duration = CourtScene.uniform(rnd, 2.0, 3.5);
            this.dir = rnd.nextBoolean() ? 1 : -1;
            int bw = Math.max(8, (int) Math.round(CourtScene.uniform(rnd, 0.45, 0.8) * Math.max(w, 0.6 * h)));
            int bh = Math.max(4, (int) Math.round(CourtScene.uniform(rnd, 0.14, 0.26) * Math.max(h, 0.6 * w)));
            double floorTop = Math.max(Math.max(0, scene.wallFootY()), 0.45 * h);
            double low = Math.min(floorTop + 0.2 * bh, h - 0.35 * bh);
            this.centreY = CourtScene.uniform(rnd, low, Math.max(low, h - 0.35 * bh));
            double opacity = CourtScene.uniform(rnd, 0.45, 0.65);
            double skew = CourtScene.uniform(rnd, -0.25, 0.25);
            this.blob = softBlob(bw, bh, opacity, skew);
        }

        private static BufferedImage softBlob(int bw, int bh, double opacity, double skew) {
            BufferedImage img = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_ARGB);
            int[] px = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
            for (int y = 0; y < bh; y++) {
                double v = (y + 0.5) / bh * 2 - 1;
                for (int x = 0; x < bw; x++) {
                    double u = (x + 0.5) / bw * 2 - 1;
                    double a = Math.exp(-3.0 * ((u + skew * v) * (u + skew * v) + v * v));
                    double b = 0.6 * Math.exp(-5.0 * ((u - 0.35) * (u - 0.35) + (v + 0.2) * (v + 0.2)));
                    double alpha = opacity * Math.min(1, a + b) * edge(u) * edge(v);
                    px[y * bw + x] = ((int) Math.round(alpha * 255)) << 24 | 0x0a0806;
                }
            }
            return img;
        }

        private static double edge(double u) {
            double d = 1 - Math.abs(u);
            return d >= 0.25 ? 1 : Math.max(0, d / 0.25);
        }

        double duration() {
            return duration;
        }

        /** Top-left corner of the blob in the picture at {@code t}. */
        int[] at(double t, int width) {
            double s = t / duration;
            double from = -blob.getWidth();
            double to = width;
            double x = dir > 0 ? from + (to - from) * s : to - (to - from) * s;
            return new int[] {(int) Math.round(x), (int) Math.round(centreY - blob.getHeight() / 2.0)};
        }
    }

    /** A few frames of brightness change: a fluorescent tube flickering. */
    static final class Flicker {
        private final double[] gains;

        Flicker(SplittableRandom rnd, int fps) {
            int frames = Math.max(2, (int) Math.round(CourtScene.uniform(rnd, 0.15, 0.5) * fps));
            boolean dim = rnd.nextInt(10) < 7;
            double depth = CourtScene.uniform(rnd, 0.2, 0.35);
            this.gains = new double[frames];
            for (int i = 0; i < frames; i++) {
                double d = depth * (i % 2 == 0 ? 1 : CourtScene.uniform(rnd, 0.2, 0.7));
                gains[i] = dim ? 1 - d : 1 + d;
            }
        }

        int frames() {
            return gains.length;
        }

        double gain(int i) {
            return gains[i];
        }
    }

    /** The tripod gets bumped: the whole picture moves by a few pixels for about a second. */
    static final class Shake {
        private final double duration;
        private final double amplitude;
        private final double f1;
        private final double f2;
        private final double[] phases = new double[4];

        Shake(SplittableRandom rnd, int width, int height) {
            this.duration = CourtScene.uniform(rnd, 0.8, 1.6);
            this.amplitude = Math.max(1.5, CourtScene.uniform(rnd, 0.008, 0.015) * Math.min(width, height));
            this.f1 = CourtScene.uniform(rnd, 5, 8);
            this.f2 = CourtScene.uniform(rnd, 10, 14);
            for (int i = 0; i < phases.length; i++) {
                phases[i] = rnd.nextDouble() * 2 * Math.PI;
            }
        }

        double duration() {
            return duration;
        }

        /** Whole-pixel offset {@code {dx, dy}} of the picture at {@code t}. */
        int[] at(double t) {
            double env = Math.sin(Math.PI * Math.max(0, Math.min(1, t / duration)));
            double w1 = 2 * Math.PI * f1 * t;
            double w2 = 2 * Math.PI * f2 * t;
            double dx = amplitude * env * (Math.sin(w1 + phases[0]) + 0.5 * Math.sin(w2 + phases[1])) / 1.5;
            double dy = 0.7 * amplitude * env * (Math.sin(w1 + phases[2]) + 0.5 * Math.sin(w2 + phases[3])) / 1.5;
            return new int[] {(int) Math.round(dx), (int) Math.round(dy)};
        }
    }

    /**
     * A cloud passing the skylights: over a few seconds the light goes down and turns cooler (red
     * drops more than blue), stays a moment and comes back. It covers the whole picture or lies as a
     * large soft shade (a Gaussian blob of about half the picture) drifting across it.
     */
    static final class Cloud {
        private static final double RAMP = 0.4;

        private final double duration;
        private final double depth;
        private final double cool;
        final boolean region;
        private final double x0;
        private final double x1;
        private final double y;
        final double sigmaX;
        final double sigmaY;

        Cloud(SplittableRandom rnd) {
            this.duration = CourtScene.uniform(rnd, 3.5, 6.5);
            this.depth = CourtScene.uniform(rnd, 0.15, 0.35);
            this.cool = CourtScene.uniform(rnd, 0.02, 0.07);
            this.region = rnd.nextBoolean();
            int dir = rnd.nextBoolean() ? 1 : -1;
            this.x0 = 0.5 - dir * CourtScene.uniform(rnd, 0.2, 0.6);
            this.x1 = 0.5 + dir * CourtScene.uniform(rnd, 0.2, 0.6);
            this.y = CourtScene.uniform(rnd, 0.25, 0.75);
            this.sigmaX = CourtScene.uniform(rnd, 0.3, 0.5);
            this.sigmaY = CourtScene.uniform(rnd, 0.35, 0.7);
        }

        double duration() {
            return duration;
        }

        /** How far the shade has come at {@code t}: 0 at both ends, 1 in the middle, smooth in between. */
        double strength(double t) {
            double s = Math.max(0, Math.min(1, t / duration));
            double ramp = Math.min(s, 1 - s) / RAMP;
            if (ramp >= 1) {
                return 1;
            }
            return ramp * ramp * (3 - 2 * ramp);
        }

        /** Multiplies {@code rgb} (red, green, blue gains) by the shade where it is {@code f} deep (0 to 1). */
        void shade(double f, double[] rgb) {
            rgb[0] *= 1 - f * (depth + cool);
            rgb[1] *= 1 - f * depth;
            rgb[2] *= 1 - f * (depth - cool);
        }

        /** Centre {@code {x, y}} of a regional shade at {@code t}, as fractions of the picture width and height. */
        double[] centre(double t) {
            double s = Math.max(0, Math.min(1, t / duration));
            return new double[] {x0 + (x1 - x0) * s, y};
        }
    }

    /**
     * Someone walking along the gallery behind the back wall, seen through its windows from about the
     * waist up: from behind one pillar to behind the next or the one after, so they neither appear nor
     * vanish in the open. They stand {@code CourtScene.galleryZ} deep, about half a player's size in
     * the picture, and are not a player: frames showing only them are labelled 0.
     */
    static final class Walker implements FigurePainter.Mover {
        private static final int[][] TOPS = {
            {60, 70, 90}, {150, 40, 40}, {200, 190, 170}, {40, 40, 44}, {90, 110, 70}, {230, 230, 225}, {180, 120, 60}};
        private static final int[][] TROUSERS = {{40, 50, 80}, {30, 30, 34}, {150, 130, 100}, {90, 90, 95}};

        private final FigurePainter.Body body;
        final double heightM;
        private final double x0;
        private final double x1;
        private final int dir;
        private final double speed;
        private final double stride;
        private final double phase0;

        private Walker(FigurePainter.Body body, double heightM, double x0, double x1, double speed,
                SplittableRandom rnd) {
            this.body = body;
            this.heightM = heightM;
            this.x0 = x0;
            this.x1 = x1;
            this.dir = x1 > x0 ? 1 : -1;
            this.speed = speed;
            this.stride = CourtScene.uniform(rnd, 0.8, 0.95) * heightM;
            this.phase0 = rnd.nextDouble() * 2 * Math.PI;
        }

        /** A walk past at least one window pane that shows in the picture, or {@code null} when none does. */
        static Walker create(CourtScene scene, SplittableRandom rnd) {
            double heightM = CourtScene.uniform(rnd, 1.55, CourtScene.GALLERY_TALLEST);
            double speed = CourtScene.uniform(rnd, 1.1, 1.7);
            int[] top = TOPS[rnd.nextInt(TOPS.length)];
            int[] legs = TROUSERS[rnd.nextInt(TROUSERS.length)];
            double[] skinRgb = PlayerRun.SKINS[rnd.nextInt(PlayerRun.SKINS.length)];
            Color shirt = new Color(top[0], top[1], top[2]);
            Color trousers = new Color(legs[0], legs[1], legs[2]);
            Color skin = new Color((int) skinRgb[0], (int) skinRgb[1], (int) skinRgb[2]);
            Color arms = rnd.nextBoolean() ? shirt : skin;
            Color hair = new Color(20 + rnd.nextInt(60), 15 + rnd.nextInt(40), 10 + rnd.nextInt(30));
            FigurePainter.Body body = new FigurePainter.Body(scene.galleryZ, scene.galleryFloor,
                    heightM * scene.scaleAt(scene.galleryZ),
                    shirt, trousers, trousers, arms, skin, new Color(35, 32, 30), hair);
            List<long[]> walks = new ArrayList<>();
            Area clip = scene.galleryClip();
            double visMin = scene.worldX(0, scene.wallZ);
            double visMax = scene.worldX(scene.width, scene.wallZ);
            long kMin = (long) Math.floor((visMin - scene.pillarX(0)) / scene.pillarPeriod) - 1;
            long kMax = (long) Math.ceil((visMax - scene.pillarX(0)) / scene.pillarPeriod) + 1;
            double rowTop = scene.screenY(scene.windowTop, scene.wallZ);
            double rowBottom = scene.screenY(scene.sill, scene.wallZ);
            for (long k = kMin; k <= kMax; k++) {
                for (int span = 1; span <= 2; span++) {
                    double a = scene.screenX(scene.pillarX(k), scene.wallZ);
                    double b = scene.screenX(scene.pillarX(k + span), scene.wallZ);
                    Area seen = new Area(new Rectangle2D.Double(Math.min(a, b), rowTop, Math.abs(b - a),
                            rowBottom - rowTop));
                    seen.intersect(clip);
                    double length = Math.abs(galleryX(scene, scene.pillarX(k + span))
                            - galleryX(scene, scene.pillarX(k)));
                    if (seen.getBounds2D().getWidth() >= 3 && seen.getBounds2D().getHeight() >= 3
                            && length <= 7 * speed) {
                        walks.add(new long[] {k, k + span});
                    }
                }
            }
            if (walks.isEmpty()) {
                return null;
            }
            long[] walk = walks.get(rnd.nextInt(walks.size()));
            boolean leftToRight = rnd.nextBoolean();
            double from = galleryX(scene, scene.pillarX(leftToRight ? walk[0] : walk[1]));
            double to = galleryX(scene, scene.pillarX(leftToRight ? walk[1] : walk[0]));
            return new Walker(body, heightM, from, to, speed, rnd);
        }

        /** World {@code x} in the gallery seen right behind wall-plane {@code x}. */
        private static double galleryX(CourtScene scene, double wallX) {
            return scene.worldX(scene.screenX(wallX, scene.wallZ), scene.galleryZ);
        }

        double duration() {
            return Math.abs(x1 - x0) / speed;
        }

        @Override
        public FigurePainter.Body body() {
            return body;
        }

        @Override
        public Pose poseAt(double t, Pose pose) {
            double dist = speed * t;
            pose.worldX = x0 + dir * dist;
            pose.facing = dir;
            pose.liftM = 0;
            double phi = phase0 + 2 * Math.PI * dist / stride;
            pose.torso(0, Pose.STANDING_HIP, 0.03);
            pose.legForward(true, 0.38 * Math.sin(phi), 0.08 + 0.55 * Math.max(0, Math.cos(phi)));
            pose.legForward(false, 0.38 * Math.sin(phi + Math.PI), 0.08 + 0.55 * Math.max(0, Math.cos(phi + Math.PI)));
            pose.armForward(true, -0.32 * Math.sin(phi), 0.25);
            pose.armForward(false, 0.32 * Math.sin(phi), 0.25);
            pose.shiftY(-pose.lowestFoot());
            return pose;
        }
    }
}
