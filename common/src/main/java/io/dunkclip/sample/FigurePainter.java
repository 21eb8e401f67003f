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

    static List<Part> parts(Pose pose, PlayerRun run, CourtScene scene) {
        double h = run.heightPx;
        double baseX = scene.screenX(pose.worldX, run.z);
        double baseY = scene.screenY(pose.liftM, run.z);
        Mapper m = new Mapper(baseX, baseY, h, pose.facing);
        List<Part> parts = new ArrayList<>(20);

        double fade = Math.max(0, 1 - pose.liftM / 2.0);
        if (fade > 0) {
            double gx = scene.screenX(pose.worldX, run.z);
            double gy = scene.screenY(0, run.z);
            double rx = 0.2 * h * (0.6 + 0.4 * fade);
            double ry = Math.max(0.8, 0.035 * h);
            parts.add(new Part(new Ellipse2D.Double(gx - rx, gy - ry, 2 * rx, 2 * ry), new Color(0, 0, 0, (int) (75 * fade))));
        }
        Color skinFar = CourtScene.scale(run.skin, 0.78);
        Color shortsFar = CourtScene.scale(run.shorts, 0.8);
        Color shoesFar = CourtScene.scale(run.shoes, 0.8);

        add(parts, m.limb(pose.shoulder, pose.elbowFar, pose.handFar, 0.064, 0.056), skinFar);
        add(parts, m.limb(pose.hip, pose.kneeFar, pose.footFar, 0.098, 0.076), skinFar);
        parts.add(new Part(m.shoe(pose.footFar), shoesFar));
        add(parts, m.limb(pose.hip, pose.kneeNear, pose.footNear, 0.098, 0.076), run.skin);
        parts.add(new Part(m.shoe(pose.footNear), run.shoes));
        parts.add(new Part(m.segment(pose.hip, along(pose.hip, pose.kneeFar, 0.55), 0.13), shortsFar));
        parts.add(new Part(m.segment(pose.hip, along(pose.hip, pose.kneeNear, 0.55), 0.13), run.shorts));
        add(parts, m.torso(pose.hip, pose.shoulder, -0.06, 0.02, 0.095, 0.09), run.shorts);
        add(parts, m.torso(pose.hip, pose.shoulder, 0.03, 1.06, 0.09, 0.105), run.shirt);
        parts.add(new Part(m.segment(pose.shoulder, along(pose.shoulder, pose.head, 0.8), 0.06), run.skin));
        parts.add(new Part(m.circle(pose.head, -0.01, 0.008, Pose.HEAD_RADIUS), run.hair));
        parts.add(new Part(m.circle(pose.head, 0.006, -0.004, Pose.HEAD_RADIUS * 0.93), run.skin));
        add(parts, m.limb(pose.shoulder, pose.elbowNear, pose.handNear, 0.064, 0.056), run.skin);
        return parts;
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
            p.moveTo(x(new double[] {bottom[0] + nx * waist, bottom[1] + ny * waist}), y(new double[] {bottom[0] + nx * waist, bottom[1] + ny * waist}));
            p.lineTo(x(new double[] {top[0] + nx * chest, top[1] + ny * chest}), y(new double[] {top[0] + nx * chest, top[1] + ny * chest}));
            p.lineTo(x(new double[] {top[0] - nx * chest, top[1] - ny * chest}), y(new double[] {top[0] - nx * chest, top[1] - ny * chest}));
            p.lineTo(x(new double[] {bottom[0] - nx * waist, bottom[1] - ny * waist}), y(new double[] {bottom[0] - nx * waist, bottom[1] - ny * waist}));
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
