package io.dunkclip.sample;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One dunk: a player enters from a side edge dribbling, runs to the hoop, gathers, jumps until the
 * hands reach the rim (sometimes hangs on it), lands, catches the ball from its bounce and leaves on
 * the other side or the side it came from.
 *
 * <p>Times are seconds from the start of the event; the player is fully outside the picture at
 * {@code t = 0} and at {@code t = duration()}. The player runs at a constant depth just in front of
 * the rim, so its size in pixels stays constant during the event.
 */
final class PlayerRun implements FigurePainter.Mover {

    private static final double G = 9.81;
    private static final double GATHER = 0.32;
    private static final double LANDING = 0.42;
    private static final double CATCH_BLEND = 0.2;
    private static final double[][] SHIRTS = {
        {200, 30, 35}, {30, 70, 190}, {30, 150, 60}, {235, 200, 30}, {242, 242, 242}, {28, 28, 30},
        {240, 120, 20}, {120, 50, 160}, {20, 150, 150}, {130, 130, 136}};
    static final double[][] SKINS = {
        {241, 200, 170}, {224, 172, 135}, {198, 140, 100}, {160, 105, 70}, {120, 78, 50}, {88, 57, 38}};

    final double z;
    final double heightM;
    final double heightPx;
    final int dir;
    final int exitDir;
    final Color shirt;
    final Color shorts;
    final Color skin;
    final Color shoes;
    final Color hair;
    final int shirtIndex;
    private final FigurePainter.Body body;

    private final CourtScene scene;
    private final double vIn;
    private final double vOut;
    private final double x0;
    private final double xGather;
    private final double xTakeoff;
    private final double xApex;
    private final double xLand;
    private final double xEnd;
    private final double liftM;
    private final double airTime;
    private final double tGather;
    private final double tTakeoff;
    private final double tApex;
    private final double tFall;
    private final double tLand;
    private final double tOut;
    private final double tCatch;
    private final double tEnd;
    private final double outAccel;
    private final double stride;
    private final double phase0;
    private final double dribblePeriod;
    private final double ballR;
    private final double[] bounceTimes;
    private final double[] bounceSpeeds;
    private final List<SoundCue> sounds = new ArrayList<>();

    /**
     * Draws a dunk. {@code sizeFactor} scales the standing height around the scene's reference
     * height; {@code avoidShirt} is a shirt colour index not to repeat (-1 for none).
     */
    PlayerRun(CourtScene scene, SplittableRandom rnd, int avoidShirt) {
        this.scene = scene;
        this.z = CourtScene.uniform(rnd, 1.9, 2.6);
        double sizeFactor = CourtScene.uniform(rnd, 0.85, 1.15);
        double depthRatio = (scene.camZ - CourtScene.REFERENCE_PLAYER_Z) / (scene.camZ - z);
        this.heightPx = scene.referenceStandingPx * sizeFactor * depthRatio;
        this.heightM = heightPx / scene.scaleAt(z);
        int enterSide = rnd.nextBoolean() ? -1 : 1;
        this.dir = -enterSide;
        this.exitDir = rnd.nextInt(10) < 7 ? dir : -dir;
        int shirtPick = rnd.nextInt(SHIRTS.length);
        if (shirtPick == avoidShirt) {
            shirtPick = (shirtPick + 1 + rnd.nextInt(SHIRTS.length - 1)) % SHIRTS.length;
        }
        this.shirtIndex = shirtPick;
        this.shirt = colour(SHIRTS[shirtPick]);
        int shortsKind = rnd.nextInt(3);
        this.shorts = shortsKind == 0 ? CourtScene.scale(shirt, 0.8) : shortsKind == 1 ? new Color(30, 30, 34)
                : new Color(236, 236, 236);
        this.skin = colour(SKINS[rnd.nextInt(SKINS.length)]);
        int shoeKind = rnd.nextInt(3);
        this.shoes = shoeKind == 0 ? new Color(245, 245, 245) : shoeKind == 1 ? new Color(25, 25, 25)
                : new Color(200, 30, 30);
        this.hair = new Color(25 + rnd.nextInt(30), 18 + rnd.nextInt(20), 12 + rnd.nextInt(15));
        this.ballR = CourtScene.BALL_RADIUS / heightM;
        this.body = new FigurePainter.Body(z, 0, heightPx, shirt, shorts, skin, skin, skin, shoes, hair);

        double margin = 0.8 * heightM + 0.3;
        double visMin = scene.worldX(0, z);
        double visMax = scene.worldX(scene.width, z);
        this.x0 = enterSide < 0 ? visMin - margin : visMax + margin;
        this.xEnd = exitDir > 0 ? visMax + margin : visMin - margin;
        double v = CourtScene.uniform(rnd, 2.6, 4.0);
        this.xApex = -dir * 0.1 * heightM;
        this.xTakeoff = xApex - dir * CourtScene.uniform(rnd, 0.45, 0.8) * heightM;
        this.xGather = xTakeoff - dir * v * 0.6 * GATHER;
        this.vIn = Math.min(v, Math.abs(xGather - x0) / 1.1);
        this.xLand = xApex + dir * CourtScene.uniform(rnd, 0.15, 0.35) * heightM;
        this.vOut = Math.min(CourtScene.uniform(rnd, 2.2, 3.6), Math.abs(xEnd - xLand) / 1.4);
        this.outAccel = 0.5;
        this.stride = CourtScene.uniform(rnd, 2.2, 2.6) * heightM;
        this.phase0 = rnd.nextDouble() * 2 * Math.PI;
        this.dribblePeriod = CourtScene.uniform(rnd, 0.42, 0.55);

        // jump high enough that the raised hands reach the rim in the picture
        double footY = scene.screenY(0, z);
        double liftPx = footY - 1.13 * heightPx - scene.rimY() + 0.02 * heightPx;
        liftPx = Math.max(0.12 * heightPx, Math.min(0.62 * heightPx, liftPx));
        this.liftM = liftPx / scene.scaleAt(z);
        this.airTime = Math.max(0.6, Math.min(1.1, 1.1 * 2 * Math.sqrt(2 * liftM / G)));
        double hang = rnd.nextBoolean() ? CourtScene.uniform(rnd, 0.15, 0.5) : 0;

        this.tGather = Math.abs(xGather - x0) / vIn;
        this.tTakeoff = tGather + GATHER;
        this.tApex = tTakeoff + airTime / 2;
        this.tFall = tApex + hang;
        this.tLand = tFall + airTime / 2;
        this.tOut = tLand + LANDING;
        this.tCatch = tLand + 0.55 * LANDING;
        double dOut = Math.abs(xEnd - xLand);
        this.tEnd = tOut + (dOut + vOut * outAccel / 2) / vOut;

        // the dunked ball: falls from the rim and bounces
        List<double[]> bounces = new ArrayList<>();
        double y = CourtScene.RIM_HEIGHT;
        double vy = -1.5;
        double t = 0;
        double r = CourtScene.BALL_RADIUS;
        for (int i = 0; i < 8; i++) {
            double disc = vy * vy + 2 * G * (y - r);
            double dt = (vy + Math.sqrt(disc)) / G;
            t += dt;
            double impact = Math.sqrt(disc);
            bounces.add(new double[] {t, impact});
            vy = 0.62 * impact;
            y = r;
        }
        this.bounceTimes = new double[bounces.size()];
        this.bounceSpeeds = new double[bounces.size()];
        for (int i = 0; i < bounces.size(); i++) {
            bounceTimes[i] = bounces.get(i)[0];
            bounceSpeeds[i] = bounces.get(i)[1];
        }

        collectSounds(rnd);
    }

    double duration() {
        return tEnd;
    }

    @Override
    public FigurePainter.Body body() {
        return body;
    }

    /** Sounds of this event, times relative to its start. */
    List<SoundCue> sounds() {
        return sounds;
    }

    /** Seconds from the start at which the ball is dunked through the rim. */
    double dunkTime() {
        return tApex;
    }

    private void collectSounds(SplittableRandom rnd) {
        // dribbles in: floor contacts at half periods
        for (double t = dribblePeriod / 2; t < tGather; t += dribblePeriod) {
            sounds.add(new SoundCue(t, SoundCue.Kind.THUMP, CourtScene.uniform(rnd, 0.35, 0.5)));
        }
        sounds.add(new SoundCue(tGather + 0.05, SoundCue.Kind.SQUEAK, CourtScene.uniform(rnd, 0.05, 0.1)));
        sounds.add(new SoundCue(tApex, SoundCue.Kind.CLANG, CourtScene.uniform(rnd, 0.45, 0.6)));
        sounds.add(new SoundCue(tLand, SoundCue.Kind.THUD, CourtScene.uniform(rnd, 0.3, 0.4)));
        for (int i = 0; i < bounceTimes.length; i++) {
            double t = tApex + bounceTimes[i];
            if (t >= tCatch) {
                break;
            }
            sounds.add(new SoundCue(t, SoundCue.Kind.THUMP, Math.min(0.6, bounceSpeeds[i] / 12)));
        }
        double dribbleStart = tCatch + CATCH_BLEND;
        for (double t = dribbleStart + dribblePeriod / 2; t < tEnd; t += dribblePeriod) {
            sounds.add(new SoundCue(t, SoundCue.Kind.THUMP, CourtScene.uniform(rnd, 0.3, 0.45)));
        }
    }

    /** The pose at {@code t}; {@code pose} is filled and returned. */
    @Override
    public Pose poseAt(double t, Pose pose) {
        if (t < tGather) {
            double dist = vIn * t;
            pose.worldX = x0 + dir * dist;
            pose.facing = dir;
            pose.liftM = 0;
            running(pose, dist, 0.16, 1.0);
            dribbleArm(pose, t);
        } else if (t < tTakeoff) {
            double s = (t - tGather) / GATHER;
            double dist = vIn * (tGather + (t - tGather) * (1 - 0.4 * s));
            pose.worldX = x0 + dir * dist;
            pose.facing = dir;
            pose.liftM = 0;
            running(pose, dist, 0.16 + 0.1 * s, 1.0 - 0.15 * s);
            pose.shiftY(-0.04 * s);
            double[] ball = heldBallLocal(t);
            pose.armTo(true, ball[0] + 0.02, ball[1] - 0.03);
            pose.armTo(false, ball[0] - 0.03, ball[1] + 0.02);
        } else if (t < tLand) {
            airborne(pose, t);
        } else if (t < tOut) {
            landing(pose, t);
        } else {
            double dist = outDistance(t - tOut);
            pose.worldX = xLand + exitDir * dist;
            pose.facing = exitDir;
            pose.liftM = 0;
            double ramp = Math.min(1, (t - tOut) / outAccel);
            running(pose, dist, 0.06 + 0.1 * ramp, 0.4 + 0.6 * ramp);
            dribbleArm(pose, t);
        }
        return pose;
    }

    private double outDistance(double tau) {
        if (tau < outAccel) {
            return vOut * tau * tau / (2 * outAccel);
        }
        return vOut * (tau - outAccel / 2);
    }

    private void running(Pose pose, double dist, double lean, double amplitude) {
        double phi = phase0 + 2 * Math.PI * dist / stride;
        pose.torso(0, Pose.STANDING_HIP, lean);
        double a = 0.62 * amplitude;
        pose.legForward(true, a * Math.sin(phi), 0.2 + 1.0 * amplitude * Math.max(0, Math.cos(phi)));
        pose.legForward(false, a * Math.sin(phi + Math.PI),
                0.2 + 1.0 * amplitude * Math.max(0, Math.cos(phi + Math.PI)));
        pose.armForward(true, -0.7 * amplitude * Math.sin(phi), 1.3);
        pose.armForward(false, 0.7 * amplitude * Math.sin(phi), 1.3);
        pose.shiftY(-pose.lowestFoot());
    }

    private void dribbleArm(Pose pose, double t) {
        if (t >= tCatch && t < tCatch + CATCH_BLEND) {
            double[] b = heldBallLocal(t);
            pose.armTo(true, b[0], b[1] + ballR * 0.8);
            return;
        }
        double[] b = heldBallLocal(t);
        pose.armTo(true, b[0] - 0.01, Math.max(b[1] + ballR * 0.9, 0.36));
    }

    private void airborne(Pose pose, double t) {
        pose.facing = dir;
        double half = airTime / 2;
        double rimLocalX;
        double rimLocalY;
        if (t < tApex) {
            double s = (t - tTakeoff) / half;
            pose.worldX = lerp(xTakeoff, xApex, 1 - (1 - s) * (1 - s));
            pose.liftM = liftM * (1 - (1 - s) * (1 - s));
            pose.torso(0, Pose.STANDING_HIP, 0.12 * (1 - s));
            pose.legForward(true, 0.95 * Math.min(1, 2 * s), 1.5 * Math.min(1, 2 * s));
            pose.legForward(false, -0.2, 0.35);
            double[] target = rimLocal(pose);
            rimLocalX = lerp(0.25, target[0], s);
            rimLocalY = lerp(0.7, target[1], s);
            pose.armTo(true, rimLocalX + 0.02, rimLocalY);
            pose.armTo(false, rimLocalX - 0.02, rimLocalY + 0.01);
        } else if (t < tFall) {
            pose.worldX = xApex;
            pose.liftM = liftM;
            double sway = 0.05 * Math.sin(2 * Math.PI * (t - tApex) / 0.7);
            pose.torso(-0.02, Pose.STANDING_HIP, sway);
            pose.legForward(true, 0.25 + sway, 0.4);
            pose.legForward(false, -0.05 + sway, 0.25);
            double[] target = rimLocal(pose);
            pose.armTo(true, target[0] + 0.03, target[1]);
            pose.armTo(false, target[0] - 0.03, target[1]);
        } else {
            double s = (t - tFall) / half;
            pose.worldX = lerp(xApex, xLand, s);
            pose.liftM = liftM * (1 - s * s);
            pose.torso(0, Pose.STANDING_HIP, 0.05 * s);
            pose.legForward(true, lerp(0.25, 0.3, s), lerp(0.4, 0.6, s));
            pose.legForward(false, lerp(-0.05, 0.1, s), lerp(0.25, 0.5, s));
            double[] target = rimLocal(pose);
            pose.armTo(true, lerp(target[0] + 0.03, 0.3, s), lerp(target[1], 0.85, s));
            pose.armTo(false, lerp(target[0] - 0.03, 0.22, s), lerp(target[1], 0.8, s));
        }
        // keep the feet level with the base while in the air
        pose.shiftY(-Math.min(0, pose.lowestFoot()));
    }

    private void landing(Pose pose, double t) {
        double s = (t - tLand) / LANDING;
        boolean turned = exitDir != dir && s > 0.6;
        pose.facing = turned ? exitDir : dir;
        pose.worldX = xLand;
        pose.liftM = 0;
        double dip = 0.13 * Math.sin(Math.PI * Math.min(1, s * 1.2));
        pose.torso(0.02, Pose.STANDING_HIP - dip, 0.1 + 0.25 * dip / 0.13);
        pose.legTo(true, 0.1, 0);
        pose.legTo(false, -0.08, 0);
        if (t < tCatch) {
            pose.armForward(true, 0.7, 0.7);
            pose.armForward(false, 0.5, 0.8);
        } else {
            double[] b = heldBallLocal(t);
            pose.armTo(true, b[0], b[1] + ballR * 0.8);
            pose.armForward(false, 0.4, 0.9);
        }
    }

    /** The rim in the player's local coordinates for the base in {@code pose}. */
    private double[] rimLocal(Pose pose) {
        double baseSx = scene.screenX(pose.worldX, z);
        double baseSy = scene.screenY(pose.liftM, z);
        double lx = pose.facing * (scene.rimX() - baseSx) / heightPx;
        double ly = (baseSy - scene.rimY()) / heightPx;
        return new double[] {lx, ly};
    }

    /** Ball centre in local coordinates while held or dribbled (for the current base). */
    private double[] heldBallLocal(double t) {
        double ahead = 0.3;
        double top = 0.42;
        if (t < tGather) {
            double u = t / dribblePeriod;
            double f = u - Math.floor(u);
            return new double[] {ahead, ballR + (top - ballR) * (2 * f - 1) * (2 * f - 1)};
        }
        if (t < tTakeoff) {
            double s = (t - tGather) / GATHER;
            double u = tGather / dribblePeriod;
            double f = u - Math.floor(u);
            double y0 = ballR + (top - ballR) * (2 * f - 1) * (2 * f - 1);
            return new double[] {lerp(ahead, 0.24, s), lerp(y0, 0.66, smooth(s))};
        }
        double start = tCatch + CATCH_BLEND;
        if (t < start) {
            return new double[] {0.26, 0.45};
        }
        double u = (t - start) / dribblePeriod;
        double f = u - Math.floor(u);
        return new double[] {ahead, ballR + (top - ballR) * (2 * f - 1) * (2 * f - 1)};
    }

    /**
     * The ball at {@code t}: world {@code {x, y, z}} of its centre, and whether the player holds it
     * (held balls are drawn in front of the player).
     */
    BallState ballAt(double t, Pose pose) {
        if (t < tTakeoff || t >= tCatch + CATCH_BLEND) {
            return held(heldBallLocal(t), pose, t);
        }
        if (t < tApex) {
            double lx = (pose.handNear[0] + pose.handFar[0]) / 2;
            double ly = Math.max(pose.handNear[1], pose.handFar[1]) + ballR * 0.9;
            return held(new double[] {lx, ly}, pose, t);
        }
        double[] free = freeBall(t - tApex);
        if (t < tCatch) {
            return new BallState(free[0], free[1], free[2], false, spin(t));
        }
        double s = smooth((t - tCatch) / CATCH_BLEND);
        BallState h = held(heldBallLocal(t), pose, t);
        return new BallState(lerp(free[0], h.x(), s), lerp(free[1], h.y(), s), lerp(free[2], h.z(), s),
                s > 0.5, spin(t));
    }

    private BallState held(double[] local, Pose pose, double t) {
        double x = pose.worldX + pose.facing * local[0] * heightM;
        double y = pose.liftM + local[1] * heightM;
        return new BallState(x, y, z + 0.15, true, spin(t));
    }

    private double spin(double t) {
        return 3.0 * t;
    }

    /** World position of the dunked ball {@code tau} seconds after it went through the rim. */
    private double[] freeBall(double tau) {
        double y;
        double prev = 0;
        double vy = -1.5;
        double y0 = CourtScene.RIM_HEIGHT;
        int i = 0;
        while (i < bounceTimes.length && tau > bounceTimes[i]) {
            prev = bounceTimes[i];
            vy = 0.62 * bounceSpeeds[i];
            y0 = CourtScene.BALL_RADIUS;
            i++;
        }
        double dt = tau - prev;
        y = Math.max(CourtScene.BALL_RADIUS, y0 + vy * dt - G * dt * dt / 2);
        double drift = Math.min(1, tau / 0.9);
        return new double[] {lerp(0, xLand + dir * 0.2 * heightM, drift), y, lerp(CourtScene.RIM_Z, z + 0.15, drift)};
    }

    /** Sideways swing (m), downward pull (m) and stretch (fraction) of rim and net at {@code t}. */
    double[] hoopAt(double t) {
        double swing = 0;
        double pull = 0;
        double stretch = 0;
        if (t >= tApex) {
            double tau = t - tApex;
            swing = 0.06 * Math.exp(-tau / 0.5) * Math.sin(2 * Math.PI * 2.2 * tau) * dir;
            stretch = 0.3 * Math.exp(-tau / 0.15);
        }
        if (t >= tApex && t < tFall) {
            pull = 0.03;
        } else if (t >= tFall) {
            double tau = t - tFall;
            pull = (tFall > tApex ? 0.03 : 0.015) * Math.exp(-tau / 0.12) * Math.cos(2 * Math.PI * 8 * tau);
        }
        return new double[] {swing, pull, stretch};
    }

    private static double lerp(double a, double b, double s) {
        return a + (b - a) * s;
    }

    private static double smooth(double s) {
        double c = Math.max(0, Math.min(1, s));
        return c * c * (3 - 2 * c);
    }

    private static Color colour(double[] rgb) {
        return new Color((int) rgb[0], (int) rgb[1], (int) rgb[2]);
    }

    /** The ball's centre in world metres, whether the player holds it, and its spin in radians. */
    record BallState(double x, double y, double z, boolean held, double spin) {
    }
}
