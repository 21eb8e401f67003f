package io.dunkclip.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The timeline of a tape: when each dunk and each distractor happens, the slow lighting drift, and
 * how the camera records (exposure time, how hard the video is compressed).
 *
 * <p>All windows are closed frame ranges {@code [first, last]}. They lie inside the tape minus one
 * second at each end and at least half a second away from every dunk, so a distractor never shares
 * a frame with a player. Dunks are spread evenly: one per full
 * {@link TapeSpec#dunkSeconds()} (15 s by default) of tape (at least one, fewer when
 * they do not fit; none when the spec has no players), the usable time cut into one segment per dunk
 * and each dunk placed at random inside its segment. Distractors then go into the free gaps between
 * dunks, the most important first (a ball roll, a shadow, a shake, a flicker, then more of each for
 * longer tapes): each is given a gap with room left, drawn at random weighted by that room, and is
 * left out when no gap has room; finally each gap's events are put in random order with the spare
 * frames split at random between them, half a second apart. Overlays, a passing cloud and someone
 * walking in the gallery, are placed the same way in the same gaps but on their own: they may share
 * frames with the distractors above, not with each other nor with a dunk. Everything is drawn from
 * the spec's seed and depends only on upright size, frame rate, length, seed and players.
 */
final class TapePlan {

    /** Kinds of timeline entries. */
    enum Kind {
        DUNK, BALL_ROLL, SHADOW, FLICKER, SHAKE, CLOUD, WALKER;

        /** Whether entries of this kind may share frames with the distractors (never with a dunk). */
        boolean overlay() {
            return this == CLOUD || this == WALKER;
        }
    }

    /** One timeline entry: a closed frame window and what happens in it. */
    record Entry(Kind kind, long first, long last, Object event) {
        boolean contains(long frame) {
            return frame >= first && frame <= last;
        }

        double localTime(long frame, int fps) {
            return (frame - first) / (double) fps;
        }
    }

    /** How many tapes in ten, on average, are compressed much harder than usual. */
    static final int HEAVY_COMPRESSION_IN_TEN = 4;

    final TapeSpec spec;
    final CourtScene scene;
    final List<Entry> entries;
    private final double driftA1;
    private final double driftP1;
    private final double driftF1;
    private final double driftA2;
    private final double driftP2;
    private final double driftF2;
    /** Seconds the shutter is open for each frame: a fast player is drawn blurred over this time. */
    final double exposure;
    /** The tape's video bitrate relative to the usual one: 1, or 0.3 to 0.6 for a heavily compressed tape. */
    final double bitrateScale;
    /**
     * Lowest H.264 quantiser the encoder may use: 28 to 38 for a heavily compressed tape, else 0 (the encoder's own).
     */
    final int minQuantiser;

    private TapePlan(TapeSpec spec, CourtScene scene, List<Entry> entries, SplittableRandom rnd,
            SplittableRandom cameraRnd) {
        this.spec = spec;
        this.scene = scene;
        this.entries = List.copyOf(entries);
        this.driftA1 = CourtScene.uniform(rnd, 0.03, 0.06);
        this.driftP1 = CourtScene.uniform(rnd, 20, 45);
        this.driftF1 = rnd.nextDouble() * 2 * Math.PI;
        this.driftA2 = CourtScene.uniform(rnd, 0.01, 0.025);
        this.driftP2 = CourtScene.uniform(rnd, 5, 12);
        this.driftF2 = rnd.nextDouble() * 2 * Math.PI;
        this.exposure = CourtScene.uniform(cameraRnd, 0.3, 1.0) / spec.fps();
        boolean heavy = cameraRnd.nextInt(10) < HEAVY_COMPRESSION_IN_TEN;
        this.bitrateScale = heavy ? CourtScene.uniform(cameraRnd, 0.3, 0.6) : 1.0;
        this.minQuantiser = heavy ? 28 + cameraRnd.nextInt(11) : 0;
    }

    static TapePlan create(TapeSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        CourtScene scene = CourtScene.create(spec.width(), spec.height(), root.split());
        SplittableRandom playerRnd = root.split();
        SplittableRandom distractorRnd = root.split();
        SplittableRandom placeRnd = root.split();
        SplittableRandom lightRnd = root.split();
        SplittableRandom overlayRnd = root.split();
        SplittableRandom cameraRnd = root.split();

        int fps = spec.fps();
        long frames = spec.frameCount();
        long lo = fps;
        long hi = frames - 1 - fps;
        long gap = Math.max(1, Math.round(0.5 * fps));
        List<Entry> placed = new ArrayList<>();
        if (hi - lo + 1 <= 0) {
            return new TapePlan(spec, scene, placed, lightRnd, cameraRnd);
        }
        long usable = hi - lo + 1;

        // dunks: one per segment of the usable time
        int wanted = spec.players() ? Math.max(1, (int) Math.floor(spec.seconds() / spec.dunkSeconds())) : 0;
        List<PlayerRun> runs = new ArrayList<>();
        int lastShirt = -1;
        for (int i = 0; i < wanted; i++) {
            PlayerRun run = new PlayerRun(scene, playerRnd.split(), lastShirt);
            lastShirt = run.shirtIndex;
            runs.add(run);
        }
        long half = (gap + 1) / 2;
        int count = wanted;
        while (count > 0 && !dunksFit(runs, count, usable, half, fps)) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            long segLo = lo + usable * i / count;
            long segHi = lo + usable * (i + 1) / count - 1;
            long len = windowLength(runs.get(i).duration(), fps);
            long from = segLo + half;
            long to = segHi - half - len + 1;
            long first = from + (to > from ? placeRnd.nextLong(to - from + 1) : 0);
            placed.add(new Entry(Kind.DUNK, first, first + len - 1, runs.get(i)));
        }

        // distractors, most important first: each goes into a free gap with room left, positions come last
        List<long[]> gaps = freeGaps(placed, lo, hi, gap);
        List<List<Entry>> assigned = new ArrayList<>();
        long[] used = new long[gaps.size()];
        for (int g = 0; g < gaps.size(); g++) {
            assigned.add(new ArrayList<>());
        }
        int balls = Math.max(1, (int) Math.round(spec.seconds() / 30));
        int shadows = Math.max(1, (int) Math.round(spec.seconds() / 30));
        int shakes = Math.max(1, (int) Math.round(spec.seconds() / 40));
        int flickers = Math.max(1, (int) Math.round(spec.seconds() / 40));
        int rounds = Math.max(Math.max(balls, shadows), Math.max(shakes, flickers));
        for (int r = 0; r < rounds; r++) {
            if (r < balls) {
                Distractors.BallRoll ball = Distractors.BallRoll.create(scene, distractorRnd.split());
                if (ball != null) {
                    assign(gaps, used, assigned, Kind.BALL_ROLL, ball,
                            windowLength(ball.duration(), fps), gap, placeRnd);
                }
            }
            if (r < shadows) {
                Distractors.Shadow shadow = new Distractors.Shadow(scene, distractorRnd.split());
                assign(gaps, used, assigned, Kind.SHADOW, shadow, windowLength(shadow.duration(), fps), gap, placeRnd);
            }
            if (r < shakes) {
                Distractors.Shake shake = new Distractors.Shake(distractorRnd.split(), spec.width(), spec.height());
                assign(gaps, used, assigned, Kind.SHAKE, shake, windowLength(shake.duration(), fps), gap, placeRnd);
            }
            if (r < flickers) {
                Distractors.Flicker flicker = new Distractors.Flicker(distractorRnd.split(), fps);
                assign(gaps, used, assigned, Kind.FLICKER, flicker, flicker.frames(), gap, placeRnd);
            }
        }
        for (int g = 0; g < gaps.size(); g++) {
            layOut(gaps.get(g), assigned.get(g), gap, placeRnd, placed);
        }

        // overlays: the same gaps, on their own
        List<List<Entry>> overlays = new ArrayList<>();
        long[] overlayUsed = new long[gaps.size()];
        for (int g = 0; g < gaps.size(); g++) {
            overlays.add(new ArrayList<>());
        }
        int clouds = Math.max(1, (int) Math.round(spec.seconds() / 40));
        int walkers = Math.max(1, (int) Math.round(spec.seconds() / 30));
        for (int r = 0; r < Math.max(clouds, walkers); r++) {
            if (r < clouds) {
                Distractors.Cloud cloud = new Distractors.Cloud(overlayRnd.split());
                assign(gaps, overlayUsed, overlays, Kind.CLOUD, cloud, windowLength(cloud.duration(), fps),
                        gap, overlayRnd);
            }
            if (r < walkers) {
                Distractors.Walker walker = Distractors.Walker.create(scene, overlayRnd.split());
                if (walker != null) {
                    assign(gaps, overlayUsed, overlays, Kind.WALKER, walker, windowLength(walker.duration(), fps),
                            gap, overlayRnd);
                }
            }
        }
        for (int g = 0; g < gaps.size(); g++) {
            layOut(gaps.get(g), overlays.get(g), gap, overlayRnd, placed);
        }
        placed.sort(Comparator.comparingLong(Entry::first));
        return new TapePlan(spec, scene, placed, lightRnd, cameraRnd);
    }

    private static boolean dunksFit(List<PlayerRun> runs, int count, long usable, long half, int fps) {
        for (int i = 0; i < count; i++) {
            long segLen = usable * (i + 1) / count - usable * i / count;
            if (windowLength(runs.get(i).duration(), fps) > segLen - 2 * half) {
                return false;
            }
        }
        return true;
    }

    /** Frames needed to show an event of {@code seconds}, its end included. */
    static long windowLength(double seconds, int fps) {
        return (long) Math.ceil(seconds * fps) + 1;
    }

    /** Free frame intervals of {@code [lo, hi]} at least {@code gap} frames away from every placed entry. */
    private static List<long[]> freeGaps(List<Entry> placed, long lo, long hi, long gap) {
        List<Entry> sorted = new ArrayList<>(placed);
        sorted.sort(Comparator.comparingLong(Entry::first));
        List<long[]> free = new ArrayList<>();
        long cursor = lo;
        for (Entry e : sorted) {
            long end = e.first() - gap - 1;
            if (end >= cursor) {
                free.add(new long[] {cursor, end});
            }
            cursor = Math.max(cursor, e.last() + gap + 1);
        }
        if (hi >= cursor) {
            free.add(new long[] {cursor, hi});
        }
        return free;
    }

    /**
     * Chooses a gap for an event of {@code len} frames among those with room left (counting
     * {@code gap} frames between events in a gap), weighted by the room that would remain, or
     * leaves the event out.
     */
    private static void assign(List<long[]> gaps, long[] used, List<List<Entry>> assigned, Kind kind,
            Object event, long len, long gap, SplittableRandom rnd) {
        long total = 0;
        long[] room = new long[gaps.size()];
        for (int g = 0; g < gaps.size(); g++) {
            long capacity = gaps.get(g)[1] - gaps.get(g)[0] + 1;
            long need = len + (assigned.get(g).isEmpty() ? 0 : gap);
            room[g] = Math.max(0, capacity - used[g] - need + 1);
            total += room[g];
        }
        if (total == 0) {
            return;
        }
        long pick = rnd.nextLong(total);
        for (int g = 0; g < gaps.size(); g++) {
            if (pick < room[g]) {
                used[g] += len + (assigned.get(g).isEmpty() ? 0 : gap);
                assigned.get(g).add(new Entry(kind, 0, len - 1, event));
                return;
            }
            pick -= room[g];
        }
    }

    /** Places the events given to one gap in random order, spreading the spare frames at random between them. */
    private static void layOut(long[] gapRange, List<Entry> events, long gap, SplittableRandom rnd,
            List<Entry> placed) {
        if (events.isEmpty()) {
            return;
        }
        List<Entry> order = new ArrayList<>(events);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Entry t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        long busy = gap * (order.size() - 1);
        for (Entry e : order) {
            busy += e.last() + 1;
        }
        long spare = gapRange[1] - gapRange[0] + 1 - busy;
        long[] cuts = new long[order.size()];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = rnd.nextLong(spare + 1);
        }
        java.util.Arrays.sort(cuts);
        long cursor = gapRange[0];
        long previousCut = 0;
        for (int i = 0; i < order.size(); i++) {
            cursor += cuts[i] - previousCut;
            previousCut = cuts[i];
            Entry e = order.get(i);
            long len = e.last() + 1;
            placed.add(new Entry(e.kind(), cursor, cursor + len - 1, e.event()));
            cursor += len + gap;
        }
    }

    /** The entry of {@code kind} active at {@code frame}, or {@code null}. */
    Entry active(Kind kind, long frame) {
        for (Entry e : entries) {
            if (e.kind() == kind && e.contains(frame)) {
                return e;
            }
        }
        return null;
    }

    List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * Light of the whole picture at {@code frame}: {@code {red, green, blue}} multipliers, the slow
     * drift times any flicker times any cloud over the whole picture (a regional cloud is
     * {@link #regionalCloud}'s).
     */
    double[] light(long frame) {
        double t = frame / (double) spec.fps();
        double m = 1 + driftA1 * Math.sin(2 * Math.PI * t / driftP1 + driftF1)
                + driftA2 * Math.sin(2 * Math.PI * t / driftP2 + driftF2);
        Entry flicker = active(Kind.FLICKER, frame);
        if (flicker != null) {
            m *= ((Distractors.Flicker) flicker.event()).gain((int) (frame - flicker.first()));
        }
        double[] rgb = {m, m, m};
        Entry cloud = active(Kind.CLOUD, frame);
        if (cloud != null && !((Distractors.Cloud) cloud.event()).region) {
            Distractors.Cloud c = (Distractors.Cloud) cloud.event();
            c.shade(c.strength(cloud.localTime(frame, spec.fps())), rgb);
        }
        return rgb;
    }

    /** The cloud entry at {@code frame} that shades only a region of the picture, or {@code null}. */
    Entry regionalCloud(long frame) {
        Entry cloud = active(Kind.CLOUD, frame);
        return cloud != null && ((Distractors.Cloud) cloud.event()).region ? cloud : null;
    }

    /** Picture offset {@code {dx, dy}} of {@code frame} (non-zero only during a shake). */
    int[] shake(long frame) {
        Entry shake = active(Kind.SHAKE, frame);
        if (shake == null) {
            return new int[2];
        }
        return ((Distractors.Shake) shake.event()).at(shake.localTime(frame, spec.fps()));
    }

    /** All sounds on the tape, times in tape seconds, sorted. */
    List<SoundCue> sounds() {
        List<SoundCue> all = new ArrayList<>();
        for (Entry e : entries) {
            double start = e.first() / (double) spec.fps();
            if (e.event() instanceof PlayerRun run) {
                run.sounds().forEach(s -> all.add(s.at(start)));
            } else if (e.event() instanceof Distractors.BallRoll ball) {
                ball.sounds().forEach(s -> all.add(s.at(start)));
            }
        }
        all.sort(Comparator.comparingDouble(SoundCue::time));
        return all;
    }
}
