package io.dunkclip.sample;

import java.util.Objects;

/**
 * What a sample tape looks like: its file name, length, frame rate, upright picture size, the
 * phone-style rotation tag written into the file, the seed that fixes all of its content, and whether
 * a player comes in to dunk at all.
 *
 * <p>{@code width x height} is the upright picture the viewer sees. {@code rotationDegrees} is the
 * clockwise rotation a player must apply to the stored (coded) frames to show them upright, as
 * phones write it: for 90 the coded frames are the upright picture turned 90° counter-clockwise and
 * are {@code height x width}. The content depends only on the upright size, frame rate, length, seed
 * and {@code players}, so two specs that differ only in name or rotation show the same picture. A tape
 * without players shows the court of its seed with distractors only, and no frame of it has a player.
 *
 * @param name            file name, e.g. {@code tape-01.mp4}
 * @param seconds         length in seconds; the tape has {@link #frameCount()} frames
 * @param fps             constant frame rate, 1 to 240
 * @param width           upright picture width in pixels, even, at least 16
 * @param height          upright picture height in pixels, even, at least 16
 * @param rotationDegrees rotation tag: 0, 90, 180 or 270
 * @param seed            seed of everything drawn and heard
 * @param players         whether players come in to dunk; {@code false} for a tape of distractors only
 * @param dunkSeconds     one dunk per full {@code dunkSeconds} of tape (at least one); {@link #DUNK_SECONDS_DEFAULT}
 *                        is a busy workout, archives have fewer
 */
public record TapeSpec(String name, double seconds, int fps, int width, int height, int rotationDegrees, long seed,
        boolean players, double dunkSeconds) {

    /** One dunk per 15 s of tape: a workout where someone dunks over and over. */
    public static final double DUNK_SECONDS_DEFAULT = 15;

    /** Smallest picture side accepted. */
    public static final int MIN_SIDE = 16;
    /** Highest frame rate accepted. */
    public static final int MAX_FPS = 240;

    public TapeSpec {
        Objects.requireNonNull(name, "Tape name must not be null");
        check(!name.isBlank(), "Tape name must not be blank, cannot be: '%s'", name);
        check(seconds > 0 && Double.isFinite(seconds),
                "Tape length in seconds must be positive and finite, cannot be: %s", seconds);
        check(fps >= 1 && fps <= MAX_FPS, "Tape frame rate must be between 1 and %s fps, cannot be: %s", MAX_FPS, fps);
        check(width >= MIN_SIDE && width % 2 == 0, "Tape width must be even and at least %s, cannot be: %s",
                MIN_SIDE, width);
        check(height >= MIN_SIDE && height % 2 == 0, "Tape height must be even and at least %s, cannot be: %s",
                MIN_SIDE, height);
        check(rotationDegrees == 0 || rotationDegrees == 90 || rotationDegrees == 180 || rotationDegrees == 270,
                "Tape rotation must be one of 0, 90, 180, 270 degrees, cannot be: %s", rotationDegrees);
        check(Math.round(seconds * fps) >= 1,
                "Tape must have at least one frame, cannot be: seconds=%s fps=%s", seconds, fps);
        check(dunkSeconds > 0 && Double.isFinite(dunkSeconds),
                "Seconds of tape per dunk must be positive and finite, cannot be: %s", dunkSeconds);
    }

    /** A tape with or without players, one dunk per {@link #DUNK_SECONDS_DEFAULT} seconds. */
    public TapeSpec(String name, double seconds, int fps, int width, int height, int rotationDegrees, long seed,
            boolean players) {
        this(name, seconds, fps, width, height, rotationDegrees, seed, players, DUNK_SECONDS_DEFAULT);
    }

    /** A tape with players: its dunks and distractors. */
    public TapeSpec(String name, double seconds, int fps, int width, int height, int rotationDegrees, long seed) {
        this(name, seconds, fps, width, height, rotationDegrees, seed, true);
    }

    /** The same tape with no player at all: the same court, distractors only, every frame labelled 0. */
    public TapeSpec withoutPlayers() {
        return new TapeSpec(name, seconds, fps, width, height, rotationDegrees, seed, false, dunkSeconds);
    }

    /** The same tape with one dunk per full {@code newDunkSeconds} of it (an archive's sparser dunks). */
    public TapeSpec withDunkSeconds(double newDunkSeconds) {
        return new TapeSpec(name, seconds, fps, width, height, rotationDegrees, seed, players, newDunkSeconds);
    }

    /** Number of video frames: {@code round(seconds * fps)}. */
    public long frameCount() {
        return Math.round(seconds * fps);
    }

    /** Width of the frames as stored in the file (swapped with height for tags 90 and 270). */
    public int codedWidth() {
        return swapsSides() ? height : width;
    }

    /** Height of the frames as stored in the file (swapped with width for tags 90 and 270). */
    public int codedHeight() {
        return swapsSides() ? width : height;
    }

    /** Whether the upright picture is taller than wide. */
    public boolean portrait() {
        return height > width;
    }

    private boolean swapsSides() {
        return rotationDegrees == 90 || rotationDegrees == 270;
    }

    private static void check(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(message, args));
        }
    }
}
