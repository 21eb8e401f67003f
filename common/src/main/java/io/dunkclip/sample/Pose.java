package io.dunkclip.sample;

/**
 * Where the player's joints are at one instant.
 *
 * <p>The base is the midpoint between the feet on the floor: world {@code x} at the player's depth,
 * lifted {@code liftM} metres while in the air. Joints are local points {@code {x, y}} in units of
 * the player's standing height, {@code x} forward along {@code facing}, {@code y} up from the base.
 * "Near" limbs are on the camera side and drawn in front.
 */
final class Pose {

    static final double THIGH = 0.26;
    static final double SHIN = 0.255;
    static final double UPPER_ARM = 0.175;
    static final double FOREARM = 0.165;
    static final double SPINE = 0.30;
    static final double HEAD_CENTRE = 0.415;
    static final double HEAD_RADIUS = 0.066;
    static final double STANDING_HIP = 0.52;

    double worldX;
    double liftM;
    int facing = 1;
    final double[] hip = new double[2];
    final double[] shoulder = new double[2];
    final double[] head = new double[2];
    final double[] kneeNear = new double[2];
    final double[] footNear = new double[2];
    final double[] kneeFar = new double[2];
    final double[] footFar = new double[2];
    final double[] elbowNear = new double[2];
    final double[] handNear = new double[2];
    final double[] elbowFar = new double[2];
    final double[] handFar = new double[2];

    /** Places hip, shoulder and head for a torso leaning forward by {@code lean} radians. */
    void torso(double hipX, double hipY, double lean) {
        set(hip, hipX, hipY);
        set(shoulder, hipX + SPINE * Math.sin(lean), hipY + SPINE * Math.cos(lean));
        set(head, hipX + HEAD_CENTRE * Math.sin(lean), hipY + HEAD_CENTRE * Math.cos(lean));
    }

    /** Leg from the hip: thigh {@code alpha} radians forward of straight down, knee flexed by {@code kappa}. */
    void legForward(boolean near, double alpha, double kappa) {
        double[] knee = near ? kneeNear : kneeFar;
        double[] foot = near ? footNear : footFar;
        set(knee, hip[0] + THIGH * Math.sin(alpha), hip[1] - THIGH * Math.cos(alpha));
        set(foot, knee[0] + SHIN * Math.sin(alpha - kappa), knee[1] - SHIN * Math.cos(alpha - kappa));
    }

    /**
     * Arm from the shoulder: upper arm {@code beta} radians forward of straight down, elbow bent forward by
     * {@code eps}.
     */
    void armForward(boolean near, double beta, double eps) {
        double[] elbow = near ? elbowNear : elbowFar;
        double[] hand = near ? handNear : handFar;
        set(elbow, shoulder[0] + UPPER_ARM * Math.sin(beta), shoulder[1] - UPPER_ARM * Math.cos(beta));
        set(hand, elbow[0] + FOREARM * Math.sin(beta + eps), elbow[1] - FOREARM * Math.cos(beta + eps));
    }

    /** Leg reaching for a foot position, knee in front. */
    void legTo(boolean near, double footX, double footY) {
        reach(hip, footX, footY, THIGH, SHIN, 1, near ? kneeNear : kneeFar, near ? footNear : footFar);
    }

    /** Arm reaching for a hand position, elbow below the line from shoulder to hand. */
    void armTo(boolean near, double handX, double handY) {
        reach(shoulder, handX, handY, UPPER_ARM, FOREARM, -1, near ? elbowNear : elbowFar, near ? handNear : handFar);
    }

    /** Moves every joint by {@code dy} (used to put the lower foot on the floor). */
    void shiftY(double dy) {
        for (double[] p : new double[][] {hip, shoulder, head, kneeNear, footNear, kneeFar, footFar, elbowNear,
                handNear, elbowFar, handFar}) {
            p[1] += dy;
        }
    }

    double lowestFoot() {
        return Math.min(footNear[1], footFar[1]);
    }

    /**
     * Two-link inverse kinematics: places {@code mid} and {@code end} so that the chain from
     * {@code root} reaches {@code (tx, ty)}, or points at it fully stretched when out of reach.
     * {@code bend} +1 turns the middle joint counter-clockwise of the root-target line, -1 clockwise.
     */
    static void reach(double[] root, double tx, double ty, double l1, double l2, int bend, double[] mid, double[] end) {
        double dx = tx - root[0];
        double dy = ty - root[1];
        double d = Math.hypot(dx, dy);
        double max = l1 + l2 - 1e-6;
        double min = Math.abs(l1 - l2) + 1e-6;
        double theta = Math.atan2(dy, dx);
        double dc = Math.max(min, Math.min(max, d));
        double cosA = (l1 * l1 + dc * dc - l2 * l2) / (2 * l1 * dc);
        double a = Math.acos(Math.max(-1, Math.min(1, cosA)));
        double m = theta + bend * a;
        set(mid, root[0] + l1 * Math.cos(m), root[1] + l1 * Math.sin(m));
        set(end, root[0] + dc * Math.cos(theta), root[1] + dc * Math.sin(theta));
    }

    static void set(double[] p, double x, double y) {
        p[0] = x;
        p[1] = y;
    }
}
