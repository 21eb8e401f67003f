package io.dunkclip.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a phone-style rotation into the video track of a finished mp4: the transformation matrix
 * of its track header ({@code moov/trak/tkhd}), which is what FFmpeg reads back as display-matrix
 * side data and what players apply.
 *
 * <p>Needed because the FFmpeg 5.0 mp4 muxer bundled with JavaCV 1.5.7 ignores the {@code rotate}
 * stream metadata, and FFmpegFrameRecorder writes the header inside {@code start()}, leaving no
 * moment to attach display-matrix side data to its stream. The matrix is the one phones write:
 * tag 90 (turn 90° clockwise for display) is {@code [0 1 0; -1 0 0; h 0 1]} with {@code h} the
 * coded height, which FFmpeg reports as {@code rotation=-90}.
 */
final class Mp4Rotation {

    private static final int FIXED_ONE = 0x10000;
    private static final int W_ONE = 0x40000000;

    private Mp4Rotation() {
    }

    /** The nine 32-bit matrix entries for a clockwise display rotation of a coded {@code w x h} picture. */
    static int[] matrix(int degrees, int codedWidth, int codedHeight) {
        return switch (degrees) {
            case 0 -> new int[] {FIXED_ONE, 0, 0, 0, FIXED_ONE, 0, 0, 0, W_ONE};
            case 90 -> new int[] {0, FIXED_ONE, 0, -FIXED_ONE, 0, 0, codedHeight << 16, 0, W_ONE};
            case 180 -> new int[] {-FIXED_ONE, 0, 0, 0, -FIXED_ONE, 0, codedWidth << 16, codedHeight << 16, W_ONE};
            case 270 -> new int[] {0, -FIXED_ONE, 0, FIXED_ONE, 0, 0, 0, codedWidth << 16, W_ONE};
            default -> throw new IllegalArgumentException("Rotation must be one of 0, 90, 180, 270 degrees, cannot be: "
                    + degrees);
        };
    }

    /**
     * Sets the rotation of the only video track of {@code file}.
     *
     * @throws IOException if the file has no {@code moov} box or not exactly one video track
     */
    static void write(Path file, int degrees, int codedWidth, int codedHeight) throws IOException {
        int[] matrix = matrix(degrees, codedWidth, codedHeight);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long[] moov = findBox(ch, 0, ch.size(), "moov");
            if (moov == null) {
                throw new IOException("Cannot write rotation tag: no moov box in " + file);
            }
            long matrixAt = -1;
            int videoTracks = 0;
            long pos = moov[1];
            while (pos + 8 <= moov[2]) {
                long[] box = readHeader(ch, pos, moov[2]);
                if ("trak".equals(typeOf(ch, pos))) {
                    long[] tkhd = findBox(ch, box[1], box[2], "tkhd");
                    long[] mdia = findBox(ch, box[1], box[2], "mdia");
                    long[] hdlr = mdia == null ? null : findBox(ch, mdia[1], mdia[2], "hdlr");
                    if (tkhd != null && hdlr != null && "vide".equals(readString(ch, hdlr[1] + 8, 4))) {
                        videoTracks++;
                        int version = readBytes(ch, tkhd[1], 1).get() & 0xff;
                        matrixAt = tkhd[1] + 4 + (version == 1 ? 32 : 20) + 16;
                    }
                }
                pos = box[2];
            }
            if (videoTracks != 1) {
                throw new IOException("Cannot write rotation tag: expected one video track, found " + videoTracks
                        + " in " + file);
            }
            ByteBuffer buf = ByteBuffer.allocate(36);
            for (int v : matrix) {
                buf.putInt(v);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf, matrixAt + buf.position());
            }
        }
    }

    /** The first box of {@code type} among the boxes in {@code [from, to)}: {start, payloadStart, end}. */
    private static long[] findBox(FileChannel ch, long from, long to, String type) throws IOException {
        long pos = from;
        while (pos + 8 <= to) {
            long[] box = readHeader(ch, pos, to);
            if (type.equals(typeOf(ch, pos))) {
                return box;
            }
            pos = box[2];
        }
        return null;
    }

    private static long[] readHeader(FileChannel ch, long pos, long limit) throws IOException {
        ByteBuffer b = readBytes(ch, pos, 8);
        long size = b.getInt() & 0xffffffffL;
        long header = 8;
        if (size == 1) {
            size = readBytes(ch, pos + 8, 8).getLong();
            header = 16;
        } else if (size == 0) {
            size = limit - pos;
        }
        if (size < header || pos + size > limit) {
            throw new IOException("Cannot write rotation tag: malformed mp4 box at offset " + pos);
        }
        return new long[] {pos, pos + header, pos + size};
    }

    private static String typeOf(FileChannel ch, long pos) throws IOException {
        return readString(ch, pos + 4, 4);
    }

    private static String readString(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = readBytes(ch, pos, n);
        return new String(b.array(), 0, n, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer readBytes(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("Cannot write rotation tag: unexpected end of file at offset "
                        + (pos + b.position()));
            }
        }
        b.flip();
        return b;
    }
}
