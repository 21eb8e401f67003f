package io.dunkclip.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic sound of a tape, mono: quiet gym room tone (filtered noise and mains hum) plus the
 * cues of the plan (ball thumps, the rim clang of a dunk, landing thuds, sneaker squeaks).
 *
 * <p>Rendered in consecutive chunks so that memory does not grow with the tape. A cue at {@code t}
 * seconds starts at sample {@code round(t * sampleRate)}, so sound stays in sync with the frames.
 */
final class SoundTrack {

    private static final double[] CLANG_FREQ = {520, 1240, 2150, 3310, 4420};
    private static final double[] CLANG_AMP = {1.0, 0.7, 0.5, 0.35, 0.2};
    private static final double[] CLANG_DECAY = {0.45, 0.32, 0.22, 0.15, 0.1};
    private static final double MAX_CUE_SECONDS = 1.3;

    private final int sampleRate;
    private final long[] cueStart;
    private final int[] cueLength;
    private final SoundCue[] cues;
    private final double[] cueDetune;
    private final SplittableRandom noise;
    private final double roomLevel;
    private final double humFreq;
    private double brown;
    private long next;
    private int firstLive;

    SoundTrack(List<SoundCue> cueList, int sampleRate, long seed) {
        this.sampleRate = sampleRate;
        this.cues = cueList.toArray(new SoundCue[0]);
        this.cueStart = new long[cues.length];
        this.cueLength = new int[cues.length];
        this.cueDetune = new double[cues.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < cues.length; i++) {
            cueStart[i] = Math.round(cues[i].time() * sampleRate);
            cueLength[i] = (int) Math.round(length(cues[i].kind()) * sampleRate);
            cueDetune[i] = 1 + CourtScene.uniform(rnd, -0.04, 0.04);
        }
        this.noise = rnd.split();
        this.roomLevel = CourtScene.uniform(rnd, 0.006, 0.012);
        this.humFreq = rnd.nextBoolean() ? 50 : 60;
    }

    private static double length(SoundCue.Kind kind) {
        return switch (kind) {
            case THUMP -> 0.3;
            case CLANG -> MAX_CUE_SECONDS;
            case THUD -> 0.25;
            case SQUEAK -> 0.14;
        };
    }

    /** Number of audio samples that belong to video frame {@code frame} at {@code fps}. */
    static int samplesForFrame(long frame, int fps, int sampleRate) {
        return (int) (Math.floorDiv((frame + 1) * sampleRate, fps) - Math.floorDiv(frame * sampleRate, fps));
    }

    /** Renders the next {@code n} samples into {@code out[0..n)}. */
    void render(short[] out, int n) {
        long start = next;
        while (firstLive < cues.length && cueStart[firstLive] + cueLength[firstLive] <= start) {
            firstLive++;
        }
        for (int i = 0; i < n; i++) {
            long s = start + i;
            double white = noise.nextDouble() * 2 - 1;
            brown = 0.985 * brown + 0.015 * white;
            double t = s / (double) sampleRate;
            double v = roomLevel * (3.0 * brown + 0.15 * white)
                    + 0.0025 * Math.sin(2 * Math.PI * humFreq * t) + 0.001 * Math.sin(4 * Math.PI * humFreq * t);
            for (int c = firstLive; c < cues.length && cueStart[c] <= s; c++) {
                long k = s - cueStart[c];
                if (k < cueLength[c]) {
                    v += cues[c].gain() * cue(c, k);
                }
            }
            double scaled = v * 32767 * 0.9;
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(scaled)));
        }
        next += n;
    }

    private double cue(int c, long k) {
        double t = k / (double) sampleRate;
        double d = cueDetune[c];
        switch (cues[c].kind()) {
            case THUMP: {
                double phase = 2 * Math.PI * d * (70 * t + 110 * 0.025 * (1 - Math.exp(-t / 0.025)));
                double body = Math.sin(phase) * Math.exp(-t / 0.06);
                double ring = 0.25 * Math.sin(2 * Math.PI * 450 * d * t) * Math.exp(-t / 0.05);
                double click = 0.6 * hashNoise(c, k) * Math.exp(-t / 0.003);
                return body + ring + click;
            }
            case CLANG: {
                double v = 0;
                for (int p = 0; p < CLANG_FREQ.length; p++) {
                    v += CLANG_AMP[p] * Math.sin(2 * Math.PI * CLANG_FREQ[p] * d * t + p)
                            * Math.exp(-t / CLANG_DECAY[p]);
                }
                return (v + 0.5 * hashNoise(c, k) * Math.exp(-t / 0.01)) / 1.6;
            }
            case THUD: {
                return 0.8 * Math.sin(2 * Math.PI * 55 * d * t) * Math.exp(-t / 0.05)
                        + 0.3 * hashNoise(c, k) * Math.exp(-t / 0.006);
            }
            case SQUEAK: {
                double dur = 0.14;
                double f = 1800 * d + 5000 * t;
                double env = Math.sin(Math.PI * Math.min(1, t / dur));
                return env * Math.sin(2 * Math.PI * f * t) * (0.7 + 0.3 * Math.sin(2 * Math.PI * 60 * t));
            }
            default:
                throw new IllegalStateException("Unknown sound cue kind: " + cues[c].kind());
        }
    }

    /** Deterministic white noise in [-1, 1) for sample {@code k} of cue {@code c}. */
    private static double hashNoise(int c, long k) {
        long z = (c * 0x9E3779B97F4A7C15L) ^ (k + 0x632BE59BD9B4E019L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
