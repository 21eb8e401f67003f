package io.dunkclip.sample;

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
}
