package io.dunkclip.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Pose} into filled picture shapes: contact shadow, limbs, shorts, jersey, neck,
 * head. The shapes are the whole figure: the ground truth is "some pixel of these shapes is inside
 * the picture". The ball is not part of the figure.
 */
final class FigurePainter {

    private FigurePainter() {
    }

    /** A filled shape and its colour. */
    record Part(Shape shape, Color colour) {
    }

    /**
     * How a person looks and where they walk: depth {@code z} and floor height {@code floorM} in
     * metres, standing height in picture pixels, and colours ({@code legs} and {@code arms} are skin
     * for a player in shorts and a jersey, clothes for someone dressed for the street).
     */
    record Body(double z, double floorM, double heightPx, Color shirt, Color shorts, Color legs, Color arms, Color skin,
            Color shoes, Color hair) {
    }

    /** Someone who moves: a body and its pose at {@code t} seconds from the start of its event. */
    interface Mover {
        Body body();

        /** Fills {@code pose} for {@code t} and returns it. */
        Pose poseAt(double t, Pose pose);
    }

    static List<Part> parts(Pose pose, PlayerRun run, CourtScene scene) {
        return parts(pose, run.body(), scene);
    }

    static List<Part> parts(Pose pose, Body body, CourtScene scene) {
        double h = body.heightPx();
        double baseX = scene.screenX(pose.worldX, body.z());
        double baseY = scene.screenY(body.floorM() + pose.liftM, body.z());
        Mapper m = new Mapper(baseX, baseY, h, pose.facing);
        List<Part> parts = new ArrayList<>(20);

        double fade = Math.max(0, 1 - pose.liftM / 2.0);
        if (fade > 0) {
            double gx = scene.screenX(pose.worldX, body.z());
            double gy = scene.screenY(body.floorM(), body.z());
            double rx = 0.2 * h * (0.6 + 0.4 * fade);
            double ry = Math.max(0.8, 0.035 * h);
            parts.add(new Part(new Ellipse2D.Double(gx - rx, gy - ry, 2 * rx, 2 * ry),
                    new Color(0, 0, 0, (int) (75 * fade))));
        }
        Color armsFar = CourtScene.scale(body.arms(), 0.78);
        Color legsFar = CourtScene.scale(body.legs(), 0.78);
        Color shortsFar = CourtScene.scale(body.shorts(), 0.8);
        Color shoesFar = CourtScene.scale(body.shoes(), 0.8);

        add(parts, m.limb(pose.shoulder, pose.elbowFar, pose.handFar, 0.064, 0.056), armsFar);
        add(parts, m.limb(pose.hip, pose.kneeFar, pose.footFar, 0.098, 0.076), legsFar);
        parts.add(new Part(m.shoe(pose.footFar), shoesFar));
        add(parts, m.limb(pose.hip, pose.kneeNear, pose.footNear, 0.098, 0.076), body.legs());
        parts.add(new Part(m.shoe(pose.footNear), body.shoes()));
        parts.add(new Part(m.segment(pose.hip, along(pose.hip, pose.kneeFar, 0.55), 0.13), shortsFar));
        parts.add(new Part(m.segment(pose.hip, along(pose.hip, pose.kneeNear, 0.55), 0.13), body.shorts()));
        add(parts, m.torso(pose.hip, pose.shoulder, -0.06, 0.02, 0.095, 0.09), body.shorts());
        add(parts, m.torso(pose.hip, pose.shoulder, 0.03, 1.06, 0.09, 0.105), body.shirt());
        parts.add(new Part(m.segment(pose.shoulder, along(pose.shoulder, pose.head, 0.8), 0.06), body.skin()));
        parts.add(new Part(m.circle(pose.head, -0.01, 0.008, Pose.HEAD_RADIUS), body.hair()));
        parts.add(new Part(m.circle(pose.head, 0.006, -0.004, Pose.HEAD_RADIUS * 0.93), body.skin()));
        add(parts, m.limb(pose.shoulder, pose.elbowNear, pose.handNear, 0.064, 0.056), body.arms());
        return parts;
    }

    /**
     * Picture position {@code {x, y}} of the joints that move fastest (head, hip, hands, feet), in
     * that order, written into {@code out} (12 values).
     */
    static void keyPoints(Pose pose, Body body, CourtScene scene, double[] out) {
        double h = body.heightPx();
        double baseX = scene.screenX(pose.worldX, body.z());
        double baseY = scene.screenY(body.floorM() + pose.liftM, body.z());
        double[][] joints = {pose.head, pose.hip, pose.handNear, pose.handFar, pose.footNear, pose.footFar};
        for (int i = 0; i < joints.length; i++) {
            out[2 * i] = baseX + pose.facing * joints[i][0] * h;
            out[2 * i + 1] = baseY - joints[i][1] * h;
        }
    }

    private static void add(List<Part> parts, Shape[] shapes, Color colour) {
        for (Shape shape : shapes) {
            parts.add(new Part(shape, colour));
        }
    }

    /** Union of the parts' bounds, in picture pixels. */
    static Rectangle2D bounds(List<Part> parts) {
        Rectangle2D r = null;
        for (Part p : parts) {
            Rectangle2D b = p.shape().getBounds2D();
            if (r == null) {
                r = b;
            } else {
                r.add(b);
            }
        }
        return r == null ? new Rectangle2D.Double() : r;
    }

    static void paint(Graphics2D g, List<Part> parts) {
        for (Part p : parts) {
            g.setColor(p.colour());
            g.fill(p.shape());
        }
    }

    private static double[] along(double[] a, double[] b, double s) {
        return new double[] {a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s};
    }

    /** Local figure coordinates (units of height, x forward, y up) to picture pixels. */
    private record Mapper(double baseX, double baseY, double h, int facing) {

        double x(double[] p) {
            return baseX + facing * p[0] * h;
        }

        double y(double[] p) {
            return baseY - p[1] * h;
        }

        Shape segment(double[] a, double[] b, double width) {
            Path2D path = new Path2D.Double();
            path.moveTo(x(a), y(a));
            path.lineTo(x(b), y(b));
            return stroke(width).createStrokedShape(path);
        }

        Shape[] limb(double[] a, double[] b, double[] c, double upper, double lower) {
            return new Shape[] {segment(a, b, upper), segment(b, c, lower)};
        }

        Shape[] torso(double[] hip, double[] shoulder, double from, double to, double waist, double chest) {
            double sx = shoulder[0] - hip[0];
            double sy = shoulder[1] - hip[1];
            double len = Math.hypot(sx, sy);
            double nx = sy / len;
            double ny = -sx / len;
            double[] bottom = {hip[0] + sx * from, hip[1] + sy * from};
            double[] top = {hip[0] + sx * to, hip[1] + sy * to};
            Path2D p = new Path2D.Double();
            p.moveTo(x(new double[] {bottom[0] + nx * waist, bottom[1] + ny * waist}),
                    y(new double[] {bottom[0] + nx * waist, bottom[1] + ny * waist}));
            p.lineTo(x(new double[] {top[0] + nx * chest, top[1] + ny * chest}),
                    y(new double[] {top[0] + nx * chest, top[1] + ny * chest}));
            p.lineTo(x(new double[] {top[0] - nx * chest, top[1] - ny * chest}),
                    y(new double[] {top[0] - nx * chest, top[1] - ny * chest}));
            p.lineTo(x(new double[] {bottom[0] - nx * waist, bottom[1] - ny * waist}),
                    y(new double[] {bottom[0] - nx * waist, bottom[1] - ny * waist}));
            p.closePath();
            return new Shape[] {p, stroke(0.035).createStrokedShape(p)};
        }

        Shape circle(double[] c, double dx, double dy, double r) {
            double cx = x(new double[] {c[0] + dx, c[1]});
            double cy = y(new double[] {c[0], c[1] + dy});
            return new Ellipse2D.Double(cx - r * h, cy - r * h, 2 * r * h, 2 * r * h);
        }

        Shape shoe(double[] foot) {
            double fx = x(new double[] {foot[0] + 0.03, foot[1]});
            double fy = y(new double[] {foot[0], foot[1] + 0.015});
            double w = 0.11 * h;
            double hh = 0.045 * h;
            return new Ellipse2D.Double(fx - w / 2, fy - hh / 2, w, hh);
        }

        private BasicStroke stroke(double width) {
            return new BasicStroke((float) Math.max(1.0, width * h), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
    }
}
