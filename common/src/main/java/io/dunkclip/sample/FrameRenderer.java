package io.dunkclip.sample;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the frames of a {@link TapePlan}.
 *
 * <p>Each frame is drawn upright with Java2D: the pre-rendered court, then someone walking in the
 * gallery (only inside its window panes), balls, hoop, the player figure and a passing shadow.
 * Figures are first drawn alone onto a transparent layer. One that moves fast is drawn there several
 * times over the exposure ({@link #exposureTimes}) and the layers averaged: motion blur. The frame
 * has the player "in the picture" exactly when some pixel of the player's averaged layer inside the
 * picture is not fully transparent, that is when the player at some sampled time has such a pixel.
 * A final pass applies lighting (drift, flicker and a passing cloud, which can tint and shade only a
 * soft region), camera shake and sensor noise and writes the frame, turned to the coded orientation,
 * as BGR24. Noise comes from one precomputed field read at a per-frame offset, and is laid out in
 * upright coordinates so that a rotated tape carries the same picture as an unrotated one.
 *
 * <p>Not thread-safe: one renderer per thread.
 */
final class FrameRenderer implements AutoCloseable {

    private static final int NOISE_PAD = 1031;
    /**
     * Noise values are clipped to +-NOISE_LIMIT and stored plus NOISE_BIAS, so they index {@link #shadeR} and the
     * others directly.
     */
    private static final int NOISE_LIMIT = 20;
    private static final int NOISE_BIAS = 32;
    /** Most figures drawn for one frame of a fast mover. */
    static final int MAX_BLUR_SAMPLES = 4;
    /**
     * Pixels a joint may move during the exposure with the figure drawn once; beyond, one more drawing per as many
     * pixels.
     */
    static final double BLUR_STEP_PX = 3.0;

    private final TapePlan plan;
    private final CourtScene scene;
    private final int width;
    private final int height;
    private final int fps;
    private final int rotation;
    private final int codedWidth;
    private final int codedHeight;
    private final long seed;
    private final int[] background;
    private final BufferedImage canvas;
    private final int[] canvasPx;
    private final Graphics2D g;
    private final BufferedImage layer;
    private final int[] layerPx;
    private final Graphics2D lg;
    private final byte[] noise;
    private final int[] colIdx;
    private final int[] rowIdx;
    private final int[] srcA;
    private final int[] srcB;
    private final int[] noiseA;
    private final int[] noiseB;
    /**
     * {@code shadeR[(v << 6) | biasedNoise]}: red value {@code v} after lighting and noise, clamped; same for green and
     * blue.
     */
    private final byte[] shadeR = new byte[256 << 6];
    private final byte[] shadeG = new byte[256 << 6];
    private final byte[] shadeB = new byte[256 << 6];
    private final Pose pose = new Pose();
    private final Shape galleryClip;
    private final double[] blurFrom = new double[12];
    private final double[] blurTo = new double[12];
    private int[] accA = new int[0];
    private int[] accR = new int[0];
    private int[] accG = new int[0];
    private int[] accB = new int[0];
    private final int[] cloudCols;
    private final int[] cloudRows;

    FrameRenderer(TapePlan plan) {
        this.plan = plan;
        this.scene = plan.scene;
        TapeSpec spec = plan.spec;
        this.width = spec.width();
        this.height = spec.height();
        this.fps = spec.fps();
        this.rotation = spec.rotationDegrees();
        this.codedWidth = spec.codedWidth();
        this.codedHeight = spec.codedHeight();
        this.seed = spec.seed();
        this.background = ((DataBufferInt) scene.renderBackground().getRaster().getDataBuffer()).getData();
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.canvasPx = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        this.g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        this.layer = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        this.layerPx = ((DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        this.lg = layer.createGraphics();
        lg.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        lg.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        this.noise = noiseField(width * height, new SplittableRandom(seed ^ 0x6A09E667F3BCC909L));
        this.colIdx = new int[width];
        this.rowIdx = new int[height];
        this.srcA = new int[codedHeight];
        this.srcB = new int[codedWidth];
        this.noiseA = new int[codedHeight];
        this.noiseB = new int[codedWidth];
        this.galleryClip = scene.galleryClip();
        this.cloudCols = new int[width];
        this.cloudRows = new int[height];
    }

    /** Noise for {@code pixels} pixels plus padding, 3 bytes a pixel, 2 to 3 levels standard deviation, biased. */
    private static byte[] noiseField(int pixels, SplittableRandom rnd) {
        double sigma = CourtScene.uniform(rnd, 2.0, 3.0);
        // Irwin-Hall sums of four bytes: near-Gaussian, one random long per two values
        double unit = sigma / Math.sqrt(4 * (256.0 * 256.0 - 1) / 12);
        byte[] field = new byte[3 * (pixels + NOISE_PAD)];
        for (int p = 0; p < pixels + NOISE_PAD; p++) {
            long r1 = rnd.nextLong();
            long r2 = rnd.nextLong();
            double luma = irwinHall(r1) * unit;
            for (int c = 0; c < 3; c++) {
                double chroma = irwinHall(r2 >>> (16 * c)) * unit;
                field[3 * p + c] = (byte) (NOISE_BIAS
                        + Math.max(-NOISE_LIMIT, Math.min(NOISE_LIMIT, Math.round(0.8 * luma + 0.6 * chroma))));
            }
        }
        return field;
    }

    private static double irwinHall(long r) {
        return (r & 0xff) + ((r >>> 8) & 0xff) + ((r >>> 16) & 0xff) + ((r >>> 24) & 0xff) - 510;
    }

    /**
     * Renders frame {@code frame} as coded BGR24 into {@code out} (rows {@code stride} bytes apart).
     *
     * @return whether some pixel of the player figure is in the picture
     */
    boolean render(long frame, byte[] out, int stride) {
        boolean player = drawUpright(frame);
        finish(frame, out, stride);
        return player;
    }

    /** Draws the upright picture of {@code frame}, before lighting, shake and noise. */
    boolean drawUpright(long frame) {
        System.arraycopy(background, 0, canvasPx, 0, canvasPx.length);
        TapePlan.Entry walk = plan.active(TapePlan.Kind.WALKER, frame);
        if (walk != null) {
            drawFigure((Distractors.Walker) walk.event(), walk.localTime(frame, fps), plan.exposure, galleryClip);
        }
        TapePlan.Entry roll = plan.active(TapePlan.Kind.BALL_ROLL, frame);
        if (roll != null) {
            Distractors.BallRoll ball = (Distractors.BallRoll) roll.event();
            double[] b = ball.at(roll.localTime(frame, fps));
            drawBall(b[0], b[1], ball.z, b[2]);
        }
        TapePlan.Entry dunk = plan.active(TapePlan.Kind.DUNK, frame);
        boolean visible = false;
        if (dunk != null) {
            PlayerRun run = (PlayerRun) dunk.event();
            double t = dunk.localTime(frame, fps);
            run.poseAt(t, pose);
            PlayerRun.BallState ball = run.ballAt(t, pose);
            if (!ball.held()) {
                drawBall(ball.x(), ball.y(), ball.z(), ball.spin());
            }
            double[] hoop = run.hoopAt(t);
            scene.drawHoop(g, hoop[0], hoop[1], hoop[2]);
            visible = drawFigure(run, t, plan.exposure, null);
            if (ball.held()) {
                drawBall(ball.x(), ball.y(), ball.z(), ball.spin());
            }
        } else {
            scene.drawHoop(g, 0, 0, 0);
        }
        TapePlan.Entry shadow = plan.active(TapePlan.Kind.SHADOW, frame);
        if (shadow != null) {
            Distractors.Shadow s = (Distractors.Shadow) shadow.event();
            int[] at = s.at(shadow.localTime(frame, fps), width);
            g.drawImage(s.blob, at[0], at[1], null);
        }
        return visible;
    }

    /**
     * Times at which {@code mover} is drawn for the frame at {@code t}: just {@code t} when no key
     * joint moves {@link #BLUR_STEP_PX} pixels during the {@code exposure} centred on {@code t}, else
     * evenly spread over that exposure, one drawing per {@link #BLUR_STEP_PX} of the fastest joint's
     * path plus one, at most {@link #MAX_BLUR_SAMPLES}. {@code scratch} is overwritten.
     */
    static double[] exposureTimes(FigurePainter.Mover mover, double t, double exposure, CourtScene scene, Pose scratch,
            double[] from, double[] to) {
        FigurePainter.keyPoints(mover.poseAt(t - exposure / 2, scratch), mover.body(), scene, from);
        FigurePainter.keyPoints(mover.poseAt(t + exposure / 2, scratch), mover.body(), scene, to);
        double most = 0;
        for (int i = 0; i < from.length; i += 2) {
            most = Math.max(most, Math.hypot(to[i] - from[i], to[i + 1] - from[i + 1]));
        }
        if (most < BLUR_STEP_PX) {
            return new double[] {t};
        }
        int n = (int) Math.min(MAX_BLUR_SAMPLES, 1 + Math.ceil(most / BLUR_STEP_PX));
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = t - exposure / 2 + exposure * i / (n - 1);
        }
        return times;
    }

    /** {@link #exposureTimes} with fresh scratch space. */
    static double[] exposureTimes(FigurePainter.Mover mover, double t, double exposure, CourtScene scene) {
        return exposureTimes(mover, t, exposure, scene, new Pose(), new double[12], new double[12]);
    }

    /** The upright picture drawn by the last {@link #drawUpright}; shares pixels with the renderer. */
    BufferedImage canvas() {
        return canvas;
    }

    private void drawBall(double x, double y, double z, double spin) {
        double r = CourtScene.BALL_RADIUS * scene.scaleAt(z);
        scene.drawFloorShadow(g, x, z, CourtScene.BALL_RADIUS * 1.1, y - CourtScene.BALL_RADIUS);
        CourtScene.drawBall(g, scene.screenX(x, z), scene.screenY(y, z), r, spin);
    }

    /**
     * Draws {@code mover} at {@code t} through the transparent layer, blurred over the {@code exposure}
     * (seconds) when it moves fast and only inside {@code clip} when given, and reports whether any of it
     * is in the picture.
     */
    boolean drawFigure(FigurePainter.Mover mover, double t, double exposure, Shape clip) {
        double[] times = exposureTimes(mover, t, exposure, scene, pose, blurFrom, blurTo);
        List<List<FigurePainter.Part>> samples = new ArrayList<>(times.length);
        Rectangle2D b = null;
        for (double time : times) {
            List<FigurePainter.Part> parts = FigurePainter.parts(mover.poseAt(time, pose), mover.body(), scene);
            samples.add(parts);
            Rectangle2D sb = FigurePainter.bounds(parts);
            b = b == null ? sb : b.createUnion(sb);
        }
        int x0 = Math.max(0, (int) Math.floor(b.getMinX()) - 1);
        int y0 = Math.max(0, (int) Math.floor(b.getMinY()) - 1);
        int x1 = Math.min(width, (int) Math.ceil(b.getMaxX()) + 1);
        int y1 = Math.min(height, (int) Math.ceil(b.getMaxY()) + 1);
        if (x0 >= x1 || y0 >= y1) {
            return false;
        }
        int bw = x1 - x0;
        int area = bw * (y1 - y0);
        if (accA.length < area) {
            accA = new int[area];
            accR = new int[area];
            accG = new int[area];
            accB = new int[area];
        } else {
            Arrays.fill(accA, 0, area, 0);
            Arrays.fill(accR, 0, area, 0);
            Arrays.fill(accG, 0, area, 0);
            Arrays.fill(accB, 0, area, 0);
        }
        lg.setClip(x0, y0, bw, y1 - y0);
        if (clip != null) {
            lg.clip(clip);
        }
        for (List<FigurePainter.Part> parts : samples) {
            for (int y = y0; y < y1; y++) {
                Arrays.fill(layerPx, y * width + x0, y * width + x1, 0);
            }
            FigurePainter.paint(lg, parts);
            for (int y = y0; y < y1; y++) {
                int row = y * width;
                int j = (y - y0) * bw;
                for (int i = row + x0; i < row + x1; i++, j++) {
                    int s = layerPx[i];
                    int a = s >>> 24;
                    if (a != 0) {
                        accA[j] += a;
                        accR[j] += ((s >>> 16) & 255) * a;
                        accG[j] += ((s >>> 8) & 255) * a;
                        accB[j] += (s & 255) * a;
                    }
                }
            }
        }
        // average of the drawings over the canvas; for one drawing plain "source over"
        int full = 255 * samples.size();
        int half = full / 2;
        boolean visible = false;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            int j = (y - y0) * bw;
            for (int i = row + x0; i < row + x1; i++, j++) {
                int a = accA[j];
                if (a == 0) {
                    continue;
                }
                visible = true;
                int d = canvasPx[i];
                int na = full - a;
                int r = (accR[j] + ((d >>> 16) & 255) * na + half) / full;
                int gg = (accG[j] + ((d >>> 8) & 255) * na + half) / full;
                int bb = (accB[j] + (d & 255) * na + half) / full;
                canvasPx[i] = r << 16 | gg << 8 | bb;
            }
        }
        return visible;
    }

    /** Darkens and cools a soft Gaussian region of the upright canvas: a cloud's shade at {@code t}. */
    private void shadeRegion(Distractors.Cloud cloud, double t) {
        double f = cloud.strength(t);
        double[] gains = {1, 1, 1};
        cloud.shade(f, gains);
        int kr = (int) Math.round(256 * (1 - gains[0]));
        int kg = (int) Math.round(256 * (1 - gains[1]));
        int kb = (int) Math.round(256 * (1 - gains[2]));
        if (kr == 0 && kg == 0 && kb == 0) {
            return;
        }
        double[] c = cloud.centre(t);
        gaussian(cloudCols, c[0] * width, cloud.sigmaX * width);
        gaussian(cloudRows, c[1] * height, cloud.sigmaY * height);
        for (int y = 0; y < height; y++) {
            int ry = cloudRows[y];
            if (ry == 0) {
                continue;
            }
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int k = ry * cloudCols[x] >> 8;
                if (k == 0) {
                    continue;
                }
                int p = canvasPx[row + x];
                int r = ((p >>> 16) & 255) * (65536 - kr * k) >> 16;
                int gg = ((p >>> 8) & 255) * (65536 - kg * k) >> 16;
                int bb = (p & 255) * (65536 - kb * k) >> 16;
                canvasPx[row + x] = r << 16 | gg << 8 | bb;
            }
        }
    }

    /** {@code out[i] = round(256 * exp(-(i + 0.5 - centre)^2 / (2 sigma^2)))}. */
    private static void gaussian(int[] out, double centre, double sigma) {
        for (int i = 0; i < out.length; i++) {
            double d = (i + 0.5 - centre) / sigma;
            out[i] = (int) Math.round(256 * Math.exp(-0.5 * d * d));
        }
    }

    /** Lighting, shake, noise and rotation: the upright canvas to coded BGR24. */
    private void finish(long frame, byte[] out, int stride) {
        TapePlan.Entry cloud = plan.regionalCloud(frame);
        if (cloud != null) {
            shadeRegion((Distractors.Cloud) cloud.event(), cloud.localTime(frame, fps));
        }
        double[] light = plan.light(frame);
        fillShade(shadeR, light[0]);
        fillShade(shadeG, light[1]);
        fillShade(shadeB, light[2]);
        int[] shake = plan.shake(frame);
        for (int x = 0; x < width; x++) {
            colIdx[x] = Math.max(0, Math.min(width - 1, x - shake[0]));
        }
        for (int y = 0; y < height; y++) {
            rowIdx[y] = Math.max(0, Math.min(height - 1, y - shake[1])) * width;
        }
        int w3 = 3 * width;
        switch (rotation) {
            case 0 -> {
                for (int cy = 0; cy < codedHeight; cy++) {
                    srcA[cy] = rowIdx[cy];
                    noiseA[cy] = cy * w3;
                }
                for (int cx = 0; cx < codedWidth; cx++) {
                    srcB[cx] = colIdx[cx];
                    noiseB[cx] = 3 * cx;
                }
            }
            case 90 -> {
                for (int cy = 0; cy < codedHeight; cy++) {
                    srcA[cy] = colIdx[width - 1 - cy];
                    noiseA[cy] = 3 * (width - 1 - cy);
                }
                for (int cx = 0; cx < codedWidth; cx++) {
                    srcB[cx] = rowIdx[cx];
                    noiseB[cx] = cx * w3;
                }
            }
            case 180 -> {
                for (int cy = 0; cy < codedHeight; cy++) {
                    srcA[cy] = rowIdx[height - 1 - cy];
                    noiseA[cy] = (height - 1 - cy) * w3;
                }
                for (int cx = 0; cx < codedWidth; cx++) {
                    srcB[cx] = colIdx[width - 1 - cx];
                    noiseB[cx] = 3 * (width - 1 - cx);
                }
            }
            case 270 -> {
                for (int cy = 0; cy < codedHeight; cy++) {
                    srcA[cy] = colIdx[cy];
                    noiseA[cy] = 3 * cy;
                }
                for (int cx = 0; cx < codedWidth; cx++) {
                    srcB[cx] = rowIdx[height - 1 - cx];
                    noiseB[cx] = (height - 1 - cx) * w3;
                }
            }
            default -> throw new IllegalStateException("Unsupported rotation: " + rotation);
        }
        int offset = 3 * (int) Math.floorMod(mix(seed, frame), (long) NOISE_PAD);
        int[] px = canvasPx;
        byte[] nz = noise;
        byte[] tableR = shadeR;
        byte[] tableG = shadeG;
        byte[] tableB = shadeB;
        for (int cy = 0; cy < codedHeight; cy++) {
            int a = srcA[cy];
            int na = noiseA[cy] + offset;
            int o = cy * stride;
            for (int cx = 0; cx < codedWidth; cx++) {
                int p = px[a + srcB[cx]];
                int n = na + noiseB[cx];
                out[o++] = tableB[(p & 255) << 6 | nz[n]];
                out[o++] = tableG[((p >>> 8) & 255) << 6 | nz[n + 1]];
                out[o++] = tableR[((p >>> 16) & 255) << 6 | nz[n + 2]];
            }
        }
    }

    /** {@code table[(v << 6) | biasedNoise]} = {@code round(v * gain)} plus the noise, clamped to a byte. */
    private static void fillShade(byte[] table, double gain) {
        for (int v = 0; v < 256; v++) {
            int lit = (int) Math.round(v * gain);
            for (int n = 0; n < 64; n++) {
                int x = lit + n - NOISE_BIAS;
                table[(v << 6) | n] = (byte) (x < 0 ? 0 : Math.min(x, 255));
            }
        }
    }

    private static long mix(long seed, long frame) {
        long z = seed + frame * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        g.dispose();
        lg.dispose();
    }
}
