package io.dunkclip.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Test support: the bundled ffprobe/ffmpeg executables and decoding through FFmpegFrameGrabber. */
final class FfprobeSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FfprobeSupport() {
    }

    /** {@code ffprobe -show_streams -count_frames} as JSON. */
    static JsonNode streams(Path file) throws IOException, InterruptedException {
        String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        byte[] out = run(List.of(ffprobe, "-v", "error", "-count_frames", "-show_streams", "-of", "json",
                file.toString()));
        return JSON.readTree(out).get("streams");
    }

    /** Key-frame flags of the video frames, in presentation order. */
    static List<Boolean> keyFrames(Path file) throws IOException, InterruptedException {
        String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        byte[] out = run(List.of(ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame",
                "-of", "json", file.toString()));
        List<Boolean> keys = new ArrayList<>();
        for (JsonNode f : JSON.readTree(out).get("frames")) {
            keys.add(f.get("key_frame").asInt() == 1);
        }
        return keys;
    }

    static JsonNode stream(JsonNode streams, String type) {
        for (JsonNode s : streams) {
            if (type.equals(s.get("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    /** The first frame as the ffmpeg command line shows it: rotated upright by its display matrix. */
    static BufferedImage firstFrameAutorotated(Path file) throws IOException, InterruptedException {
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        byte[] png = run(List.of(ffmpeg, "-v", "error", "-i", file.toString(), "-frames:v", "1", "-f", "image2pipe",
                "-vcodec", "png", "-"));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The first audio track decoded by the ffmpeg command line to mono 16-bit samples at {@code rate}. */
    static short[] audio(Path file, int rate) throws IOException, InterruptedException {
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        byte[] pcm = run(List.of(ffmpeg, "-v", "error", "-i", file.toString(), "-vn", "-ac", "1", "-ar",
                Integer.toString(rate), "-f", "s16le", "-"));
        short[] samples = new short[pcm.length / 2];
        java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** Decodes every video frame (coded orientation) and hands a grey copy of each to {@code sink}. */
    static long decodeGrey(Path file, GreySink sink) throws IOException {
        long n = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                sink.accept(n++, grey(converter.convert(frame)));
            }
            grabber.stop();
        }
        return n;
    }

    /** Decoded pictures of the given frame numbers, copied, in coded orientation. */
    static List<BufferedImage> decodeFrames(Path file, long... frames) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            long n = 0;
            int next = 0;
            while (next < frames.length && (frame = grabber.grabImage()) != null) {
                if (n == frames[next]) {
                    images.add(copy(converter.convert(frame)));
                    next++;
                }
                n++;
            }
            grabber.stop();
        }
        return images;
    }

    /** Grey picture: width, height and 0..255 values. */
    record Grey(int width, int height, int[] v) {
        double meanAbsDiff(Grey o) {
            long sum = 0;
            for (int i = 0; i < v.length; i++) {
                sum += Math.abs(v[i] - o.v[i]);
            }
            return sum / (double) v.length;
        }

        int changed(Grey o, int threshold) {
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (Math.abs(v[i] - o.v[i]) > threshold) {
                    n++;
                }
            }
            return n;
        }

        double mean() {
            long sum = 0;
            for (int x : v) {
                sum += x;
            }
            return sum / (double) v.length;
        }
    }

    interface GreySink {
        void accept(long frame, Grey grey);
    }

    static Grey grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                v[y * w + x] = (299 * ((p >> 16) & 255) + 587 * ((p >> 8) & 255) + 114 * (p & 255)) / 1000;
            }
        }
        return new Grey(w, h, v);
    }

    static BufferedImage copy(BufferedImage img) {
        BufferedImage c = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        c.getGraphics().drawImage(img, 0, 0, null);
        return c;
    }

    /** Turns a coded picture clockwise by {@code degrees}, as a player applying the tag does. */
    static BufferedImage rotateClockwise(BufferedImage img, int degrees) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = degrees == 90 || degrees == 270;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                switch (degrees) {
                    case 0 -> out.setRGB(x, y, p);
                    case 90 -> out.setRGB(h - 1 - y, x, p);
                    case 180 -> out.setRGB(w - 1 - x, h - 1 - y, p);
                    case 270 -> out.setRGB(y, w - 1 - x, p);
                    default -> throw new IllegalArgumentException("degrees=" + degrees);
                }
            }
        }
        return out;
    }

    /** Mean absolute RGB difference of two pictures of the same size. */
    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
                        + Math.abs((p & 255) - (q & 255));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static byte[] run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("Command failed (exit " + rc + "): " + command + ": " + new String(err.join()));
        }
        return out;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
