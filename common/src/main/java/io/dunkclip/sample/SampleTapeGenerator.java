package io.dunkclip.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes deterministic sample tapes of a half court: H.264 (yuv420p, constant frame rate, keyframes
 * at most 2 s apart) with a mono AAC track in mp4, and returns the frames in which a player is in
 * the picture. About four tapes in ten are compressed much harder than the others (a third to a half
 * of the bitrate and a floor on the quantiser, drawn from the seed, see {@link TapePlan}). OpenH264 also starts a
 * keyframe at a scene change (a light flicker does it) and counts its 2 s period from there; JavaCV 1.5.7 gives no way
 * to force keyframes at fixed frames.
 *
 * <p>Everything is drawn from the spec's seed, so the same spec gives the same pictures, sound and
 * ranges. The H.264 encoder is whatever FFmpeg picks for {@code AV_CODEC_ID_H264}; with the LGPL
 * FFmpeg build of JavaCV 1.5.7 that is OpenH264 (Constrained Baseline, no B-frames). The rotation
 * tag is written into the mp4 track header after encoding (see {@link Mp4Rotation}). Drawing runs on
 * one helper thread while the calling thread encodes.
 */
public final class SampleTapeGenerator {

    /** Frame rate of {@link #defaultSet}. */
    public static final int DEFAULT_FPS = 15;
    /** Upright landscape size of {@link #defaultSet}; portrait tapes swap it. */
    public static final int DEFAULT_WIDTH = 480;
    public static final int DEFAULT_HEIGHT = 270;
    /** Seconds between keyframes unless asked otherwise (phones write about 1 s, x264's default is 250 frames). */
    public static final int GOP_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SampleTapeGenerator.class);
    private static final int AUDIO_BITRATE = 96_000;

    private SampleTapeGenerator() {
    }

    /**
     * Writes the tape described by {@code spec} to {@code outputFile} (through a temporary file in
     * the same directory, moved into place when complete) and returns it with its player ranges.
     *
     * @throws UncheckedIOException if the tape cannot be encoded or written
     */
    public static GeneratedTape generate(TapeSpec spec, Path outputFile) {
        return generate(spec, outputFile, GOP_SECONDS);
    }

    /**
     * Like {@link #generate(TapeSpec, Path)} with a keyframe at most every {@code gopSeconds} (at least one frame):
     * how far apart keyframes are decides how much detect's fast mode can skip.
     */
    public static GeneratedTape generate(TapeSpec spec, Path outputFile, double gopSeconds) {
        if (!(gopSeconds > 0)) {
            throw new IllegalArgumentException("Keyframe interval must be positive seconds, cannot be: " + gopSeconds);
        }
        java.util.Objects.requireNonNull(spec, "Tape spec must not be null");
        java.util.Objects.requireNonNull(outputFile, "Output file must not be null");
        long started = System.nanoTime();
        Path target = outputFile.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = temporarySibling(target);
            TapePlan plan = TapePlan.create(spec);
            Encoded encoded = encode(spec, plan, tmp, Math.max(1, (int) Math.round(gopSeconds * spec.fps())));
            if (spec.rotationDegrees() != 0) {
                Mp4Rotation.write(tmp, spec.rotationDegrees(), spec.codedWidth(), spec.codedHeight());
            }
            moveIntoPlace(tmp, target);
            tmp = null;
            GeneratedTape tape = new GeneratedTape(spec, target, encoded.frames, encoded.ranges);
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("Generated sample tape {}: {} frames {}x{} (coded {}x{}, rotate={}) at {} fps, {} dunks, "
                            + "{} player frames, {} distractors, {} kbit/s (qmin {}), in {} s (draw {} s, encode {} s)",
                    target.getFileName(), encoded.frames, spec.width(), spec.height(), spec.codedWidth(),
                    spec.codedHeight(), spec.rotationDegrees(), spec.fps(), plan.entries(TapePlan.Kind.DUNK).size(),
                    tape.playerFrameCount(), plan.entries.size() - plan.entries(TapePlan.Kind.DUNK).size(),
                    videoBitrate(spec, plan.bitrateScale) / 1000, plan.minQuantiser > 0 ? plan.minQuantiser : "default",
                    String.format("%.2f", seconds),
                    String.format("%.2f", encoded.drawNanos / 1e9), String.format("%.2f", encoded.encodeNanos / 1e9));
            return tape;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot generate sample tape: " + e.getMessage()
                    + " (file=" + target + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("Cannot delete temporary tape file {}: {}", tmp, e.toString());
                }
            }
        }
    }

    /**
     * A default sample archive of {@code tapes} tapes named {@code tape-01.mp4}, ... of
     * {@code seconds} each at 15 fps. Tapes 3, 6, 9, ... are portrait (270x480 upright, stored
     * 480x270) with rotation tag 90, except tape 6 which has tag 270; tape 4 is landscape stored
     * upside down (tag 180); all others are 480x270 with tag 0. Each tape's seed is drawn from
     * {@code seed} and its number.
     */
    public static List<TapeSpec> defaultSet(int tapes, double seconds, long seed) {
        if (tapes < 0) {
            throw new IllegalArgumentException("Number of tapes must be at least 0, cannot be: " + tapes);
        }
        List<TapeSpec> specs = new ArrayList<>(tapes);
        for (int i = 1; i <= tapes; i++) {
            String name = String.format("tape-%02d.mp4", i);
            long tapeSeed = mix(seed + i * 0x9E3779B97F4A7C15L);
            if (i % 3 == 0) {
                int rotation = i == 6 ? 270 : 90;
                specs.add(new TapeSpec(name, seconds, DEFAULT_FPS, DEFAULT_HEIGHT, DEFAULT_WIDTH, rotation, tapeSeed));
            } else {
                int rotation = i == 4 ? 180 : 0;
                specs.add(new TapeSpec(name, seconds, DEFAULT_FPS, DEFAULT_WIDTH, DEFAULT_HEIGHT, rotation, tapeSeed));
            }
        }
        return specs;
    }

    /** A 1920x1080, 30 fps, unrotated tape for benchmarks. */
    public static TapeSpec hd(String name, double seconds, long seed) {
        return new TapeSpec(name, seconds, 30, 1920, 1080, 0, seed);
    }

    /**
     * Video bitrate: about 0.35 bit per pixel, between 300 kbit/s and 12 Mbit/s, times the tape's
     * {@code scale} (1, or much less for a heavily compressed tape, see {@link TapePlan#bitrateScale}),
     * at least 100 kbit/s.
     */
    static int videoBitrate(TapeSpec spec, double scale) {
        double bits = Math.max(300_000, Math.min(12_000_000, 0.35 * spec.width() * spec.height() * spec.fps()));
        return (int) Math.max(100_000, Math.round(scale * bits));
    }

    /** Audio sample rate: 48 kHz when only it gives a whole number of samples a frame, else 44.1 kHz. */
    static int sampleRate(int fps) {
        return 44_100 % fps == 0 || 48_000 % fps != 0 ? 44_100 : 48_000;
    }

    private record Encoded(long frames, List<long[]> ranges, long drawNanos, long encodeNanos) {
    }

    private static Encoded encode(TapeSpec spec, TapePlan plan, Path file, int gopFrames) throws IOException {
        long frames = spec.frameCount();
        int fps = spec.fps();
        int sampleRate = sampleRate(fps);
        SoundTrack sound = new SoundTrack(plan.sounds(), sampleRate, spec.seed() ^ 0x3C6EF372FE94F82BL);
        List<long[]> ranges = new ArrayList<>();
        long drawNanos = 0;
        long encodeNanos = 0;
        ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sample-tape-draw");
            t.setDaemon(true);
            return t;
        });
        try (FrameRenderer renderer = new FrameRenderer(plan);
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), spec.codedWidth(),
                     spec.codedHeight(), 1)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(gopFrames);
            recorder.setVideoBitrate(videoBitrate(spec, plan.bitrateScale));
            recorder.setVideoOption("rc_mode", "bitrate");
            recorder.setVideoOption("allow_skip_frames", "0");
            if (plan.minQuantiser > 0) {
                // a heavily compressed tape: no macroblock finer than this, whatever the bitrate allows
                recorder.setVideoOption("qmin", Integer.toString(plan.minQuantiser));
                recorder.setVideoOption("qmax", "51");
            }
            // one encoder thread: the slice layout, and so the bytes, do not depend on the machine
            recorder.setVideoOption("threads", "1");
            if (spec.rotationDegrees() != 0) {
                // not written by this FFmpeg's mp4 muxer; Mp4Rotation writes the track matrix afterwards
                recorder.setVideoMetadata("rotate", Integer.toString(spec.rotationDegrees()));
            }
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(AUDIO_BITRATE);
            recorder.start();

            Frame frame = new Frame(spec.codedWidth(), spec.codedHeight(), Frame.DEPTH_UBYTE, 3);
            int stride = frame.imageStride;
            ByteBuffer image = (ByteBuffer) frame.image[0];
            byte[][] buffers = {new byte[stride * spec.codedHeight()], new byte[stride * spec.codedHeight()]};
            short[] samples = new short[sampleRate / fps + 2];
            Future<long[]> pending = drawer.submit(() -> draw(renderer, 0, buffers[0], stride));
            long rangeStart = -1;
            for (long k = 0; k < frames; k++) {
                long[] drawn = waitFor(pending);
                drawNanos += drawn[1];
                byte[] bgr = buffers[(int) (k & 1)];
                if (k + 1 < frames) {
                    long next = k + 1;
                    pending = drawer.submit(() -> draw(renderer, next, buffers[(int) (next & 1)], stride));
                }
                long t0 = System.nanoTime();
                image.put(0, bgr);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                int n = SoundTrack.samplesForFrame(k, fps, sampleRate);
                sound.render(samples, n);
                recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(samples, 0, n));
                encodeNanos += System.nanoTime() - t0;
                boolean player = drawn[0] != 0;
                if (player && rangeStart < 0) {
                    rangeStart = k;
                } else if (!player && rangeStart >= 0) {
                    ranges.add(new long[] {rangeStart, k - 1});
                    rangeStart = -1;
                }
            }
            if (rangeStart >= 0) {
                ranges.add(new long[] {rangeStart, frames - 1});
            }
            long t0 = System.nanoTime();
            recorder.stop();
            encodeNanos += System.nanoTime() - t0;
        } finally {
            drawer.shutdownNow();
        }
        return new Encoded(frames, ranges, drawNanos, encodeNanos);
    }

    private static long[] draw(FrameRenderer renderer, long frame, byte[] out, int stride) {
        long t0 = System.nanoTime();
        boolean player = renderer.render(frame, out, stride);
        return new long[] {player ? 1 : 0, System.nanoTime() - t0};
    }

    private static long[] waitFor(Future<long[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing frames", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot draw sample tape frame: " + e.getCause(), e.getCause());
        }
    }

    /** A not yet existing file next to {@code target}; FFmpeg creates it with the usual permissions. */
    private static Path temporarySibling(Path target) {
        String base = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId();
        for (int i = 0; ; i++) {
            Path candidate = target.resolveSibling(base + "-" + i + ".part");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
