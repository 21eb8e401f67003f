package io.dunkclip.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed part of a tape: a half court seen by a tripod behind the half-court line, zoomed on the
 * basket, and the pinhole camera that projects it.
 *
 * <p>World coordinates are metres: {@code x} across the court (0 under the basket), {@code y} up
 * from the floor, {@code z} from the baseline towards the camera. The camera looks along
 * {@code -z} without tilt, so vertical lines stay vertical. Its focal length is chosen so that a
 * 1.95 m player at {@link #REFERENCE_PLAYER_Z} is {@link #referenceStandingPx} tall (40 % of a
 * landscape picture's height, 29 % of a portrait one's, times the zoom nudge), and its horizon
 * so that the rim lands at a chosen height in the picture. With a 16:9 landscape picture and the
 * player at about 40 % of its height, the regulation three-point line lies mostly outside the
 * picture; the top of its arc shows at the bottom edge.
 *
 * <p>The tripod stands a little differently on every tape: besides its drawn position (distance,
 * height, sideways offset) and aim up or down (where the rim lands), the zoom is nudged by up to
 * {@link #ZOOM_NUDGE} around the reference focal length and the aim sideways by up to
 * {@link #PAN_NUDGE} of the picture width.
 *
 * <p>High in the back wall, a row of windows looks into a gallery at depth {@link #galleryZ}, 10 to
 * 15 m behind the wall, whose floor is {@link #galleryFloor} metres up. A person walking there is
 * seen through the windows from about the waist up, half a player's size or less; the pillars
 * between the windows are wide enough to hide them. {@link #galleryClip} is where such a person can
 * show (window panes not hidden by the backboard or the stanchion).
 */
final class CourtScene {

    static final double RIM_HEIGHT = 3.05;
    static final double RIM_Z = 1.575;
    static final double RIM_RADIUS = 0.225;
    static final double NET_LENGTH = 0.42;
    static final double BOARD_Z = 1.2;
    static final double BOARD_BOTTOM = 2.90;
    static final double BOARD_TOP = 3.95;
    static final double BOARD_HALF_WIDTH = 0.9;
    static final double LANE_HALF_WIDTH = 2.45;
    static final double FREE_THROW_Z = 5.8;
    static final double FREE_THROW_RADIUS = 1.8;
    static final double RESTRICTED_RADIUS = 1.25;
    static final double THREE_RADIUS = 6.75;
    static final double THREE_CORNER_X = 6.6;
    static final double BALL_RADIUS = 0.12;
    static final double REFERENCE_PLAYER_HEIGHT = 1.95;
    static final double REFERENCE_PLAYER_Z = 2.2;
    /** Reference player height as a fraction of the picture height before the zoom nudge, landscape and portrait. */
    static final double LANDSCAPE_STANDING = 0.40;
    static final double PORTRAIT_STANDING = 0.29;
    /** Largest relative change of the focal length from tape to tape. */
    static final double ZOOM_NUDGE = 0.04;
    /** Largest sideways aim change from tape to tape, as a fraction of the picture width. */
    static final double PAN_NUDGE = 0.03;
    /** Tallest person walking in the gallery, in metres; the windows are tall enough to show their head. */
    static final double GALLERY_TALLEST = 1.9;
    /** Farthest a walking person's feet and hands reach sideways from their centre, as a fraction of their height. */
    static final double WALKER_HALF_SPAN = 0.3;

    private static final int[][] WALLS = {
        {200, 200, 195}, {214, 204, 182}, {176, 190, 205}, {225, 220, 205}, {160, 160, 158}, {190, 176, 152}};
    private static final int[][] PADS = {
        {30, 45, 90}, {110, 30, 35}, {35, 70, 45}, {60, 60, 66}, {20, 80, 140}};
    private static final int[][] PAINTS = {
        {40, 80, 160}, {160, 40, 40}, {40, 120, 70}, {200, 130, 40}, {90, 60, 140}};
    private static final int[][] GALLERY_WALLS = {
        {226, 222, 210}, {205, 212, 222}, {238, 230, 205}, {190, 188, 182}, {215, 200, 185}};
    private static final int[][] BANNERS = {
        {180, 30, 40}, {30, 60, 150}, {240, 200, 40}, {30, 120, 60}, {235, 235, 235}, {120, 40, 120}};

    final int width;
    final int height;
    final double camX;
    final double camZ;
    final double camH;
    final double focal;
    final double horizonY;
    final double centerX;
    final double wallZ;
    final double zoom;
    final double referenceStandingPx;
    final double lineWidth;
    final double galleryZ;
    final double galleryFloor;
    final double sill;
    final double windowTop;
    final double pillarPeriod;
    final double pillarWidth;
    final double pillarOffset;

    private final Color wall;
    private final Color pad;
    private final Color stripe;
    private final Color floorFar;
    private final Color floorNear;
    private final Color lanePaint;
    private final Color lines;
    private final Color boardBorder;
    private final double[][] banners;
    private final Color[] bannerColours;
    private final double highlightX;
    private final double highlightZ;
    private final long detailSeed;
    private final Color galleryWall;
    private final double[][] galleryDoors;
    private final Area galleryClip;

    private CourtScene(int width, int height, SplittableRandom rnd) {
        this.width = width;
        this.height = height;
        boolean portrait = height > width;
        this.zoom = 1 + uniform(rnd, -ZOOM_NUDGE, ZOOM_NUDGE);
        this.referenceStandingPx = zoom * (portrait ? PORTRAIT_STANDING : LANDSCAPE_STANDING) * height;
        this.camZ = uniform(rnd, 19.0, 21.5);
        this.camH = uniform(rnd, 1.4, 2.2);
        this.camX = portrait ? uniform(rnd, -0.35, 0.35) : uniform(rnd, -0.7, 0.7);
        this.focal = referenceStandingPx * (camZ - REFERENCE_PLAYER_Z) / REFERENCE_PLAYER_HEIGHT;
        double rimTargetY = (portrait ? uniform(rnd, 0.27, 0.32) : uniform(rnd, 0.20, 0.24)) * height;
        this.horizonY = rimTargetY + focal * (RIM_HEIGHT - camH) / (camZ - RIM_Z);
        this.centerX = width / 2.0 + uniform(rnd, -PAN_NUDGE, PAN_NUDGE) * width;
        this.wallZ = -uniform(rnd, 1.6, 2.6);
        // the gallery: deep enough that a person there looks about half a player's size
        this.galleryZ = wallZ - uniform(rnd, 10.0, 15.0);
        this.sill = uniform(rnd, 2.75, 3.0);
        double ratio = (camZ - galleryZ) / (camZ - wallZ);
        // its floor so high that the sill hides a 1.7 m person up to 35-50 % of their height
        double cut = uniform(rnd, 0.35, 0.5);
        this.galleryFloor = camH + (sill - camH) * ratio - cut * 1.7;
        double head = galleryFloor + 1.04 * GALLERY_TALLEST;
        this.windowTop = camH + (head - camH) / ratio + uniform(rnd, 0.08, 0.25);
        this.pillarPeriod = uniform(rnd, 2.2, 3.4);
        double hides = 2 * (WALKER_HALF_SPAN * GALLERY_TALLEST + 0.1) / ratio + 2 / scaleAt(wallZ);
        this.pillarWidth = Math.max(uniform(rnd, 0.6, 0.9), hides);
        this.pillarOffset = rnd.nextDouble() * pillarPeriod;
        this.galleryWall = jitter(pick(rnd, GALLERY_WALLS), rnd, 8);
        int doors = rnd.nextInt(1, 4);
        this.galleryDoors = new double[doors][];
        for (int i = 0; i < doors; i++) {
            double x = worldX(uniform(rnd, 0, width), galleryZ);
            double w = uniform(rnd, 0.9, 1.6);
            galleryDoors[i] = new double[] {x - w / 2, x + w / 2, uniform(rnd, 0.6, 0.85)};
        }
        this.lineWidth = Math.max(1.0, 0.0045 * Math.min(width, height));

        this.wall = jitter(pick(rnd, WALLS), rnd, 8);
        this.pad = jitter(pick(rnd, PADS), rnd, 6);
        this.stripe = rnd.nextInt(2) == 0 ? jitter(pick(rnd, BANNERS), rnd, 10) : null;
        Color wood = new Color(clamp(200 + rnd.nextInt(-14, 15)), clamp(150 + rnd.nextInt(-14, 15)),
                clamp(96 + rnd.nextInt(-12, 13)));
        this.floorFar = scale(wood, 0.82);
        this.floorNear = scale(wood, 1.06);
        this.lanePaint = rnd.nextInt(10) < 7 ? jitter(pick(rnd, PAINTS), rnd, 10) : null;
        this.lines = lanePaint != null || rnd.nextInt(4) > 0 ? new Color(238, 238, 232) : new Color(35, 35, 40);
        int border = rnd.nextInt(3);
        this.boardBorder = border == 0 ? new Color(245, 245, 245) : border == 1 ? new Color(30, 30, 30)
                : new Color(200, 40, 40);
        int bannerCount = rnd.nextInt(1, 4);
        this.banners = new double[bannerCount][];
        this.bannerColours = new Color[bannerCount];
        for (int i = 0; i < bannerCount; i++) {
            double w = uniform(rnd, 1.0, 2.4);
            double h = uniform(rnd, 0.6, 1.2);
            double x = uniform(rnd, -7.0, 7.0);
            double y = windowTop + uniform(rnd, 0.2, 1.8);
            banners[i] = new double[] {x - w / 2, y, x + w / 2, y + h};
            bannerColours[i] = jitter(pick(rnd, BANNERS), rnd, 10);
        }
        this.highlightX = uniform(rnd, -3.0, 3.0);
        this.highlightZ = uniform(rnd, -0.5, 3.0);
        this.detailSeed = rnd.nextLong();
        this.galleryClip = computeGalleryClip();
    }

    /** A scene for an upright picture of {@code width x height}, drawn from {@code rnd}. */
    static CourtScene create(int width, int height, SplittableRandom rnd) {
        return new CourtScene(width, height, rnd);
    }

    double screenX(double x, double z) {
        return centerX + focal * (x - camX) / (camZ - z);
    }

    double screenY(double y, double z) {
        return horizonY + focal * (camH - y) / (camZ - z);
    }

    /** Pixels per metre at depth {@code z}. */
    double scaleAt(double z) {
        return focal / (camZ - z);
    }

    /** World {@code x} seen at picture column {@code sx} at depth {@code z}. */
    double worldX(double sx, double z) {
        return camX + (sx - centerX) * (camZ - z) / focal;
    }

    /** Depth of the floor seen at picture row {@code sy} (below the horizon). */
    double floorZ(double sy) {
        return camZ - focal * camH / (sy - horizonY);
    }

    double rimX() {
        return screenX(0, RIM_Z);
    }

    double rimY() {
        return screenY(RIM_HEIGHT, RIM_Z);
    }

    double rimRadiusPx() {
        return RIM_RADIUS * scaleAt(RIM_Z);
    }

    /** Row of the wall's foot: the farthest floor in the picture. */
    double wallFootY() {
        return screenY(0, wallZ);
    }

    /** Nearest floor depth visible at the bottom edge, or {@code Double.NaN} when the horizon is below it. */
    double nearestVisibleZ() {
        return height > horizonY + 1 ? floorZ(height) : Double.NaN;
    }

    /** Draws everything that never moves: wall, floor and its lines, stanchion, backboard. */
    BufferedImage renderBackground() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            drawWall(g);
            drawFloor(g);
            drawStanchion(g);
            drawBoard(g);
            drawVignette(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawWall(Graphics2D g) {
        double foot = wallFootY();
        g.setPaint(new GradientPaint(0, 0, scale(wall, 0.9), 0, (float) foot, scale(wall, 1.03)));
        g.fill(new Rectangle2D.Double(0, 0, width, foot + 1));
        SplittableRandom rnd = new SplittableRandom(detailSeed);
        // faint block courses
        g.setStroke(new BasicStroke((float) Math.max(0.6, lineWidth * 0.35)));
        g.setColor(withAlpha(scale(wall, 0.85), 60));
        for (double y = 2.0; y < 12; y += 0.4) {
            double sy = screenY(y, wallZ);
            if (sy < 0) {
                break;
            }
            g.draw(new Line2D.Double(0, sy, width, sy));
        }
        if (stripe != null) {
            fillWallRect(g, -40, 2.35, 40, 2.65, stripe);
        }
        drawGallery(g);
        for (int i = 0; i < banners.length; i++) {
            double[] b = banners[i];
            fillWallRect(g, b[0], b[1], b[2], b[3], bannerColours[i]);
            double mid = (b[1] + b[3]) / 2;
            fillWallRect(g, b[0], mid - 0.06, b[2], mid + 0.06, scale(bannerColours[i], 0.55));
        }
        // wall pads along the foot of the wall, with seams
        double padTop = uniform(rnd, 1.6, 2.0);
        fillWallRect(g, -40, 0, 40, padTop, pad);
        g.setColor(scale(pad, 0.7));
        g.setStroke(new BasicStroke((float) Math.max(0.8, lineWidth * 0.5)));
        for (double x = -20; x <= 20; x += 1.2) {
            double sx = screenX(x, wallZ);
            g.draw(new Line2D.Double(sx, screenY(padTop, wallZ), sx, foot));
        }
    }

    /** Window panes of the gallery row (wall-plane {@code {x0, x1}} pairs) that can show in the picture. */
    List<double[]> galleryPanes() {
        List<double[]> panes = new ArrayList<>();
        double visMin = worldX(0, wallZ);
        double visMax = worldX(width, wallZ);
        for (long k = (long) Math.floor((visMin - pillarOffset) / pillarPeriod) - 1; ; k++) {
            double x0 = pillarOffset + k * pillarPeriod + pillarWidth / 2;
            if (x0 > visMax) {
                return panes;
            }
            panes.add(new double[] {x0, x0 + pillarPeriod - pillarWidth});
        }
    }

    /** Wall-plane {@code x} of the centre of the pillar {@code k} pillars from the one at the offset. */
    double pillarX(long k) {
        return pillarOffset + k * pillarPeriod;
    }

    /** Where a person in the gallery can show: window panes minus backboard and stanchion (a copy). */
    Area galleryClip() {
        return new Area(galleryClip);
    }

    private Area computeGalleryClip() {
        Area area = new Area();
        for (double[] pane : galleryPanes()) {
            area.add(new Area(wallRect(pane[0], sill, pane[1], windowTop)));
        }
        Rectangle2D board = boardRect();
        double border = Math.max(1.5, lineWidth * 1.6) / 2 + 1;
        board.setRect(board.getX() - border, board.getY() - border, board.getWidth() + 2 * border,
                board.getHeight() + 2 * border);
        area.subtract(new Area(board));
        area.subtract(new Area(stanchionRect()));
        area.intersect(new Area(new Rectangle2D.Double(0, 0, width, height)));
        return area;
    }

    private void drawGallery(Graphics2D g) {
        double top = screenY(windowTop, wallZ);
        double bottom = screenY(sill, wallZ);
        if (bottom <= 0 || top >= height) {
            return;
        }
        Shape saved = g.getClip();
        for (double[] pane : galleryPanes()) {
            Rectangle2D r = wallRect(pane[0], sill, pane[1], windowTop);
            g.setClip(r);
            // the gallery's far wall, lit from above, and a few doors in it
            g.setPaint(new GradientPaint(0, (float) top, scale(galleryWall, 1.04), 0, (float) bottom,
                    scale(galleryWall, 0.8)));
            g.fill(r);
            for (double[] door : galleryDoors) {
                double dx0 = screenX(door[0], galleryZ);
                double dx1 = screenX(door[1], galleryZ);
                double dTop = screenY(galleryFloor + 2.1, galleryZ);
                g.setColor(scale(galleryWall, door[2]));
                g.fill(new Rectangle2D.Double(dx0, dTop, dx1 - dx0, screenY(galleryFloor, galleryZ) - dTop));
            }
            g.setClip(saved);
            g.setColor(scale(wall, 0.62));
            g.setStroke(new BasicStroke((float) Math.max(1.0, lineWidth * 0.8)));
            g.draw(r);
        }
        // the sill ledge under the windows
        fillWallRect(g, -40, sill - 0.08, 40, sill, scale(wall, 0.78));
    }

    private Rectangle2D wallRect(double x0, double y0, double x1, double y1) {
        double sx0 = screenX(x0, wallZ);
        double sy0 = screenY(y1, wallZ);
        return new Rectangle2D.Double(sx0, sy0, screenX(x1, wallZ) - sx0, screenY(y0, wallZ) - sy0);
    }

    private Rectangle2D boardRect() {
        double x0 = screenX(-BOARD_HALF_WIDTH, BOARD_Z);
        double y0 = screenY(BOARD_TOP, BOARD_Z);
        return new Rectangle2D.Double(x0, y0, screenX(BOARD_HALF_WIDTH, BOARD_Z) - x0,
                screenY(BOARD_BOTTOM, BOARD_Z) - y0);
    }

    private double stanchionZ() {
        return Math.max(wallZ + 0.3, -1.1);
    }

    private Rectangle2D stanchionRect() {
        double z = stanchionZ();
        double s = scaleAt(z);
        double top = screenY(BOARD_BOTTOM + 0.4, z);
        return new Rectangle2D.Double(screenX(0, z) - 0.2 * s, top, 0.4 * s, screenY(0, z) - top);
    }

    private void fillWallRect(Graphics2D g, double x0, double y0, double x1, double y1, Color c) {
        double sx0 = screenX(x0, wallZ);
        double sx1 = screenX(x1, wallZ);
        double sy0 = screenY(y1, wallZ);
        double sy1 = screenY(y0, wallZ);
        g.setColor(c);
        g.fill(new Rectangle2D.Double(sx0, sy0, sx1 - sx0, sy1 - sy0));
    }

    private void drawFloor(Graphics2D g) {
        double foot = wallFootY();
        if (foot >= height) {
            return;
        }
        g.setPaint(new GradientPaint(0, (float) foot, floorFar, 0, height, floorNear));
        g.fill(new Rectangle2D.Double(0, foot, width, height - foot));
        double nearZ = camZ - 0.3;
        SplittableRandom rnd = new SplittableRandom(detailSeed ^ 0x5DEECE66DL);
        // boards run from the baseline towards the camera
        g.setStroke(new BasicStroke((float) Math.max(0.5, lineWidth * 0.3)));
        g.setColor(withAlpha(scale(floorFar, 0.75), 55));
        for (double x = -16; x <= 16; x += 0.6) {
            g.draw(floorPath(new double[][] {{x, wallZ}, {x, nearZ}}));
        }
        g.setColor(withAlpha(scale(floorFar, 0.7), 45));
        for (int i = 0; i < 140; i++) {
            double x = -16 + 0.6 * rnd.nextInt(54);
            double z = uniform(rnd, wallZ, 12);
            g.draw(floorPath(new double[][] {{x, z}, {x + 0.6, z}}));
        }
        // glossy reflection of the ceiling lights
        Point2D c = new Point2D.Double(screenX(highlightX, highlightZ), screenY(0, highlightZ));
        float rx = (float) (0.28 * width);
        float ry = (float) Math.max(2, 0.07 * height);
        AffineTransform saved = g.getTransform();
        g.translate(c.getX(), c.getY());
        g.scale(1, ry / rx);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(0, 0), rx, new float[] {0f, 1f},
                new Color[] {new Color(255, 250, 235, 60), new Color(255, 250, 235, 0)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Ellipse2D.Double(-rx, -rx, 2 * rx, 2 * rx));
        g.setTransform(saved);

        if (lanePaint != null) {
            g.setColor(withAlpha(lanePaint, 215));
            g.fill(floorPath(new double[][] {
                {-LANE_HALF_WIDTH, 0}, {LANE_HALF_WIDTH, 0}, {LANE_HALF_WIDTH, FREE_THROW_Z},
                {-LANE_HALF_WIDTH, FREE_THROW_Z}}));
        }
        g.setColor(lines);
        g.setStroke(new BasicStroke((float) lineWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(floorPath(new double[][] {{-30, 0}, {30, 0}}));
        g.draw(floorPath(new double[][] {{-LANE_HALF_WIDTH, 0}, {-LANE_HALF_WIDTH, FREE_THROW_Z},
                {LANE_HALF_WIDTH, FREE_THROW_Z}, {LANE_HALF_WIDTH, 0}}));
        g.draw(floorPath(arc(0, FREE_THROW_Z, FREE_THROW_RADIUS, 0, 2 * Math.PI, 96)));
        g.draw(floorPath(arc(0, RIM_Z, RESTRICTED_RADIUS, 0, Math.PI, 48)));
        double a0 = Math.acos(THREE_CORNER_X / THREE_RADIUS);
        double[][] three = arc(0, RIM_Z, THREE_RADIUS, a0, Math.PI - a0, 128);
        double[][] full = new double[three.length + 2][];
        full[0] = new double[] {THREE_CORNER_X, 0};
        System.arraycopy(three, 0, full, 1, three.length);
        full[full.length - 1] = new double[] {-THREE_CORNER_X, 0};
        g.draw(floorPath(full));
    }

    private void drawStanchion(Graphics2D g) {
        double z = stanchionZ();
        double s = scaleAt(z);
        double x = screenX(0, z);
        double top = screenY(BOARD_BOTTOM + 0.4, z);
        double foot = screenY(0, z);
        g.setColor(new Color(70, 72, 78));
        g.fill(new Rectangle2D.Double(x - 0.09 * s, top, 0.18 * s, foot - top));
        double padTop = screenY(1.8, z);
        g.setColor(scale(pad, 1.1));
        g.fill(new Rectangle2D.Double(x - 0.2 * s, padTop, 0.4 * s, foot - padTop));
        g.setColor(new Color(45, 45, 50));
        g.fill(new Rectangle2D.Double(x - 0.45 * s, foot - 0.12 * s, 0.9 * s, 0.12 * s));
    }

    private void drawBoard(Graphics2D g) {
        Rectangle2D board = boardRect();
        g.setColor(new Color(226, 232, 238, 215));
        g.fill(board);
        g.setColor(boardBorder);
        g.setStroke(new BasicStroke((float) Math.max(1.5, lineWidth * 1.6)));
        g.draw(board);
        double ix0 = screenX(-0.295, BOARD_Z);
        double ix1 = screenX(0.295, BOARD_Z);
        double iy0 = screenY(RIM_HEIGHT + 0.45, BOARD_Z);
        double iy1 = screenY(RIM_HEIGHT, BOARD_Z);
        g.setStroke(new BasicStroke((float) Math.max(1.2, lineWidth * 1.3)));
        g.draw(new Rectangle2D.Double(ix0, iy0, ix1 - ix0, iy1 - iy0));
    }

    private void drawVignette(Graphics2D g) {
        float r = (float) (0.75 * Math.hypot(width, height));
        g.setPaint(new RadialGradientPaint(new Point2D.Double(width / 2.0, height / 2.0), r, new float[] {0.55f, 1f},
                new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 70)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Rectangle2D.Double(0, 0, width, height));
    }

    /**
     * Draws rim and net. {@code swing} moves the bottom of the net sideways and {@code pull} pulls the
     * rim down, both in metres (a dunk or a hanging player disturbs them).
     */
    void drawHoop(Graphics2D g, double swing, double pull, double stretch) {
        double s = scaleAt(RIM_Z);
        double cx = rimX();
        double cy = rimY() + pull * s;
        double rx = rimRadiusPx();
        double trueRy = Math.abs(screenY(RIM_HEIGHT, RIM_Z + RIM_RADIUS) - screenY(RIM_HEIGHT, RIM_Z - RIM_RADIUS)) / 2;
        double ry = Math.max(trueRy, 0.2 * rx);
        float rimStroke = (float) Math.max(1.2, 0.0075 * Math.min(width, height));
        Color orange = new Color(232, 92, 24);
        // bracket from board to rim
        g.setColor(new Color(90, 90, 95));
        double by = screenY(RIM_HEIGHT, BOARD_Z);
        g.fill(new Rectangle2D.Double(cx - 0.08 * s, Math.min(by, cy) - rimStroke / 2.0, 0.16 * s,
                Math.abs(cy - by) + rimStroke));
        g.setStroke(new BasicStroke(rimStroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(scale(orange, 0.8));
        g.draw(new java.awt.geom.Arc2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry, 0, 180, java.awt.geom.Arc2D.OPEN));
        // net
        double bottom = cy + NET_LENGTH * (1 + stretch) * s;
        double bx = cx + swing * s;
        double brx = rx * 0.55;
        double bry = ry * 0.55;
        int strings = 12;
        Path2D net = new Path2D.Double();
        for (int i = 0; i < strings; i++) {
            double a = 2 * Math.PI * i / strings;
            double tx = cx + rx * Math.cos(a);
            double ty = cy + ry * Math.sin(a);
            double a1 = 2 * Math.PI * (i + 1) / strings;
            double am = 2 * Math.PI * (i - 1) / strings;
            net.moveTo(tx, ty);
            net.lineTo(bx + brx * Math.cos(a1), bottom + bry * Math.sin(a1));
            net.moveTo(tx, ty);
            net.lineTo(bx + brx * Math.cos(am), bottom + bry * Math.sin(am));
        }
        g.setColor(new Color(245, 245, 245, 215));
        g.setStroke(new BasicStroke((float) Math.max(0.8, lineWidth * 0.5)));
        g.draw(net);
        g.setStroke(new BasicStroke(rimStroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(orange);
        g.draw(new java.awt.geom.Arc2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry, 180, 180, java.awt.geom.Arc2D.OPEN));
    }

    /** Draws a ball of radius {@code r} pixels centred at {@code (x, y)}, seams turned by {@code spin}. */
    static void drawBall(Graphics2D g, double x, double y, double r, double spin) {
        g.setColor(new Color(212, 98, 32));
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        g.setColor(new Color(160, 70, 22));
        g.fill(new Ellipse2D.Double(x - r * 0.55, y - r * 0.2, r * 1.1, r * 1.05));
        g.setColor(new Color(40, 20, 10));
        g.setStroke(new BasicStroke((float) Math.max(0.6, r * 0.12)));
        double c = Math.cos(spin);
        double s = Math.sin(spin);
        g.draw(new Line2D.Double(x - r * c, y - r * s, x + r * c, y + r * s));
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(spin);
        g.draw(new Ellipse2D.Double(-r * 0.35, -r, r * 0.7, 2 * r));
        g.setTransform(saved);
        g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    /** Draws the soft contact shadow of something {@code heightM} metres above the floor. */
    void drawFloorShadow(Graphics2D g, double x, double z, double radiusM, double heightM) {
        double s = scaleAt(z);
        double fade = Math.max(0, 1 - heightM / 3.5);
        if (fade <= 0) {
            return;
        }
        double rx = radiusM * s * (0.7 + 0.3 * fade);
        double ry = Math.max(0.8, rx * 0.22);
        g.setColor(new Color(0, 0, 0, (int) Math.round(80 * fade)));
        g.fill(new Ellipse2D.Double(screenX(x, z) - rx, screenY(0, z) - ry, 2 * rx, 2 * ry));
    }

    private Path2D floorPath(double[][] pts) {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < pts.length; i++) {
            double sx = screenX(pts[i][0], pts[i][1]);
            double sy = screenY(0, pts[i][1]);
            if (i == 0) {
                p.moveTo(sx, sy);
            } else {
                p.lineTo(sx, sy);
            }
        }
        return p;
    }

    private static double[][] arc(double cx, double cz, double r, double from, double to, int n) {
        double[][] pts = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double a = from + (to - from) * i / n;
            pts[i] = new double[] {cx + r * Math.cos(a), cz + r * Math.sin(a)};
        }
        return pts;
    }

    static double uniform(SplittableRandom rnd, double from, double to) {
        return from + (to - from) * rnd.nextDouble();
    }

    private static int[] pick(SplittableRandom rnd, int[][] choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private static Color jitter(int[] rgb, SplittableRandom rnd, int amount) {
        return new Color(clamp(rgb[0] + rnd.nextInt(-amount, amount + 1)),
                clamp(rgb[1] + rnd.nextInt(-amount, amount + 1)), clamp(rgb[2] + rnd.nextInt(-amount, amount + 1)));
    }

    static Color scale(Color c, double f) {
        return new Color(clamp((int) Math.round(c.getRed() * f)), clamp((int) Math.round(c.getGreen() * f)),
                clamp((int) Math.round(c.getBlue() * f)), c.getAlpha());
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
