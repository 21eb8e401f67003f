package io.dunkclip.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A written sample tape and its ground truth.
 *
 * <p>{@code playerRanges} are closed ranges {@code [first, last]} (both inclusive) of frame numbers,
 * counted from 0 in presentation order, in which some pixel of the player figure is inside the
 * picture. They are sorted, disjoint, not adjacent, and lie in {@code [0, frameCount)}. Every other
 * frame shows no player: an empty court, or a distractor (a ball rolling alone, a passing shadow,
 * a light flicker, a passing cloud, camera shake, someone walking in the gallery far behind). A tape
 * made without players has no ranges. The arrays are copied on construction and the list is
 * unmodifiable; do not modify the arrays it returns.
 *
 * @param spec         what was asked for
 * @param file         the mp4 that was written
 * @param frameCount   exact number of video frames in the file
 * @param playerRanges closed frame ranges with the player in the picture
 */
public record GeneratedTape(TapeSpec spec, Path file, long frameCount, List<long[]> playerRanges) {

    public GeneratedTape {
        Objects.requireNonNull(spec, "Tape spec must not be null");
        Objects.requireNonNull(file, "Tape file must not be null");
        Objects.requireNonNull(playerRanges, "Player ranges must not be null");
        if (frameCount < 1) {
            throw new IllegalArgumentException("Tape frame count must be at least 1, cannot be: " + frameCount);
        }
        List<long[]> copy = new ArrayList<>(playerRanges.size());
        long previousLast = -2;
        for (long[] range : playerRanges) {
            if (range == null || range.length != 2 || range[0] > range[1] || range[0] <= previousLast + 1
                    || range[0] < 0 || range[1] >= frameCount) {
                throw new IllegalArgumentException(
                        "Player ranges must be sorted, disjoint, non-adjacent [first, last] pairs within [0, "
                                + frameCount + "), cannot be: " + describe(playerRanges));
            }
            previousLast = range[1];
            copy.add(range.clone());
        }
        playerRanges = Collections.unmodifiableList(copy);
    }

    /** Number of frames inside the player ranges. */
    public long playerFrameCount() {
        long n = 0;
        for (long[] r : playerRanges) {
            n += r[1] - r[0] + 1;
        }
        return n;
    }

    /** Whether frame {@code frame} is inside a player range. */
    public boolean playerVisible(long frame) {
        for (long[] r : playerRanges) {
            if (frame >= r[0] && frame <= r[1]) {
                return true;
            }
        }
        return false;
    }

    static String describe(List<long[]> ranges) {
        StringBuilder sb = new StringBuilder("[");
        for (long[] r : ranges) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(r == null ? "null" : java.util.Arrays.toString(r));
        }
        return sb.append(']').toString();
    }
}
