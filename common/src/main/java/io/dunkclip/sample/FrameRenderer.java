package io.dunkclip.sample;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the frames of a {@link TapePlan}.
 *
 * <p>Each frame is drawn upright with Java2D: the pre-rendered court, then balls, hoop, the player
 * figure and a passing shadow. The figure is first drawn alone onto a transparent layer; the frame
 * has the player "in the picture" exactly when some pixel of that layer inside the picture is not
 * fully transparent. A final pass applies lighting (drift and flicker), camera shake and sensor
 * noise and writes the frame, turned to the coded orientation, as BGR24. Noise comes from one
 * precomputed field read at a per-frame offset, and is laid out in upright coordinates so that a
 * rotated tape carries the same picture as an unrotated one.
 *
 * <p>Not thread-safe: one renderer per thread.
 */
final class FrameRenderer implements AutoCloseable {

    private static final int NOISE_PAD = 1031;
    /** Noise values are clipped to +-NOISE_LIMIT and stored plus NOISE_BIAS, so they index {@link #shade} directly. */
    private static final int NOISE_LIMIT = 20;
    private static final int NOISE_BIAS = 32;

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
    /** {@code shade[(v << 6) | biasedNoise]}: channel value {@code v} after lighting and noise, clamped. */
    private final byte[] shade = new byte[256 << 6];
    private final Pose pose = new Pose();

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
                field[3 * p + c] = (byte) (NOISE_BIAS + Math.max(-NOISE_LIMIT, Math.min(NOISE_LIMIT, Math.round(0.8 * luma + 0.6 * chroma))));
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
            visible = drawFigure(FigurePainter.parts(pose, run, scene));
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

    /** The upright picture drawn by the last {@link #drawUpright}; shares pixels with the renderer. */
    BufferedImage canvas() {
        return canvas;
    }

    private void drawBall(double x, double y, double z, double spin) {
        double r = CourtScene.BALL_RADIUS * scene.scaleAt(z);
        scene.drawFloorShadow(g, x, z, CourtScene.BALL_RADIUS * 1.1, y - CourtScene.BALL_RADIUS);
        CourtScene.drawBall(g, scene.screenX(x, z), scene.screenY(y, z), r, spin);
    }

    /** Draws the figure through the transparent layer and reports whether any of it is in the picture. */
    private boolean drawFigure(List<FigurePainter.Part> parts) {
        Rectangle2D b = FigurePainter.bounds(parts);
        int x0 = Math.max(0, (int) Math.floor(b.getMinX()) - 1);
        int y0 = Math.max(0, (int) Math.floor(b.getMinY()) - 1);
        int x1 = Math.min(width, (int) Math.ceil(b.getMaxX()) + 1);
        int y1 = Math.min(height, (int) Math.ceil(b.getMaxY()) + 1);
        if (x0 >= x1 || y0 >= y1) {
            return false;
        }
        for (int y = y0; y < y1; y++) {
            Arrays.fill(layerPx, y * width + x0, y * width + x1, 0);
        }
        lg.setClip(x0, y0, x1 - x0, y1 - y0);
        FigurePainter.paint(lg, parts);
        boolean visible = false;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            for (int i = row + x0; i < row + x1; i++) {
                int s = layerPx[i];
                int a = s >>> 24;
                if (a == 0) {
                    continue;
                }
                visible = true;
                int d = canvasPx[i];
                int na = 255 - a;
                int r = (((s >>> 16) & 255) * a + ((d >>> 16) & 255) * na + 127) / 255;
                int gg = (((s >>> 8) & 255) * a + ((d >>> 8) & 255) * na + 127) / 255;
                int bb = ((s & 255) * a + (d & 255) * na + 127) / 255;
                canvasPx[i] = r << 16 | gg << 8 | bb;
            }
        }
        return visible;
    }

    /** Lighting, shake, noise and rotation: the upright canvas to coded BGR24. */
    private void finish(long frame, byte[] out, int stride) {
        double light = plan.light(frame);
        for (int v = 0; v < 256; v++) {
            int lit = (int) Math.round(v * light);
            for (int n = 0; n < 64; n++) {
                int x = lit + n - NOISE_BIAS;
                shade[(v << 6) | n] = (byte) (x < 0 ? 0 : Math.min(x, 255));
            }
        }
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
        byte[] table = shade;
        for (int cy = 0; cy < codedHeight; cy++) {
            int a = srcA[cy];
            int na = noiseA[cy] + offset;
            int o = cy * stride;
            for (int cx = 0; cx < codedWidth; cx++) {
                int p = px[a + srcB[cx]];
                int n = na + noiseB[cx];
                out[o++] = table[(p & 255) << 6 | nz[n]];
                out[o++] = table[((p >>> 8) & 255) << 6 | nz[n + 1]];
                out[o++] = table[((p >>> 16) & 255) << 6 | nz[n + 2]];
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
