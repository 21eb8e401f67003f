package io.dunkclip.interval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A centred moving median of per-frame scores, computed piece by piece and exact across the
 * pieces.
 *
 * <p>The smoothed score of a frame is the median of the raw scores of the frames {@code h} before
 * it to {@code h} after it ({@code 2h + 1} frames), the window truncated at the ends of the
 * stretch of consecutively scored frames the frame belongs to: the tape's ends, or frames that
 * were not scored. A truncated window may hold an even number of scores; its median is then the
 * lower of the two middle ones, so the edge of a stretch does not enter a run on a tie. {@code h
 * = 0} leaves the scores as they are.
 *
 * <p>A median picks one of the raw scores rather than averaging them, so a clip boundary stays
 * sharp and in place: a step from low to high scores with more than {@code h} frames on each side
 * is left exactly where it is. Inside a stretch, {@code h} or fewer high frames between low ones
 * (a spike) are removed and {@code h} or fewer low frames between high ones (a dip) are filled.
 *
 * <p>Piece by piece: a frame's window reaches at most {@code h} frames into the neighbouring
 * pieces. So a piece smoothed with the {@code h} raw scores just before it and the {@code h} just
 * after it ({@link #median(double[], double[], double[], int)}) gets exactly the values smoothing
 * the whole stretch gives its frames. An {@link Edge} is what a piece lends its neighbours (its
 * first and last {@code h} raw scores); {@link #neighbours} assembles from the edges of all pieces
 * of one video each piece's {@link Neighbours}, reaching over pieces shorter than {@code h}.
 */
public final class ScoreSmoothing {

  private static final double[] NO_SCORES = new double[0];

  private ScoreSmoothing() {}

  /**
   * The smoothed scores of one whole stretch of consecutively scored frames.
   *
   * @param scores raw scores of consecutive frames; must not be NaN
   * @param halfWindow {@code h}: frames on each side of a frame's window, 0 or more
   */
  public static double[] median(double[] scores, int halfWindow) {
    return median(NO_SCORES, scores, NO_SCORES, halfWindow);
  }

  /**
   * The smoothed scores of one piece of a stretch, equal to those of its frames in the smoothed
   * stretch.
   *
   * @param before raw scores of the frames right before the piece, the last one just before its
   *     first frame: {@code h} of them, or fewer when the stretch starts there (more are allowed;
   *     only the last {@code h} are used)
   * @param scores raw scores of the piece's consecutive frames
   * @param after raw scores of the frames right after the piece, the first one just after its last
   *     frame: {@code h} of them, or fewer when the stretch ends there (only the first {@code h}
   *     are used)
   * @param halfWindow {@code h}, 0 or more
   * @return a new array, {@code result[i]} the smoothed score of {@code scores[i]}'s frame
   */
  public static double[] median(double[] before, double[] scores, double[] after, int halfWindow) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(after, "after");
    requireHalfWindow(halfWindow);
    requireNumbers("before", before);
    requireNumbers("scores", scores);
    requireNumbers("after", after);
    if (halfWindow == 0 || scores.length == 0) {
      return scores.clone();
    }
    int lead = Math.min(before.length, halfWindow);
    int trail = Math.min(after.length, halfWindow);
    double[] all = new double[lead + scores.length + trail];
    System.arraycopy(before, before.length - lead, all, 0, lead);
    System.arraycopy(scores, 0, all, lead, scores.length);
    System.arraycopy(after, 0, all, lead + scores.length, trail);
    return slidingMedian(all, lead, scores.length, halfWindow);
  }

  /**
   * Medians of the windows around {@code all[from .. from + count - 1]}, truncated at the ends of
   * {@code all}: a sorted copy of the window is kept, and each step removes the score leaving it
   * and inserts the one entering it (O(h) a frame).
   */
  private static double[] slidingMedian(double[] all, int from, int count, int halfWindow) {
    double[] window = new double[all.length];
    int size = 0;
    int low = Math.max(0, from - halfWindow);
    int high = (int) Math.min(all.length - 1, (long) from + halfWindow);
    for (int i = low; i <= high; i++) {
      size = insert(window, size, all[i]);
    }
    double[] smoothed = new double[count];
    for (int i = 0; i < count; i++) {
      int centre = from + i;
      int nextLow = Math.max(0, centre - halfWindow);
      int nextHigh = (int) Math.min(all.length - 1, (long) centre + halfWindow);
      for (; low < nextLow; low++) {
        size = remove(window, size, all[low]);
      }
      for (; high < nextHigh; high++) {
        size = insert(window, size, all[high + 1]);
      }
      smoothed[i] = window[(size - 1) / 2];
    }
    return smoothed;
  }

  private static int insert(double[] sorted, int size, double value) {
    int at = Arrays.binarySearch(sorted, 0, size, value);
    at = at >= 0 ? at : -at - 1;
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = value;
    return size + 1;
  }

  private static int remove(double[] sorted, int size, double value) {
    int at = Arrays.binarySearch(sorted, 0, size, value);
    if (at < 0) {
      throw new IllegalStateException("Smoothing window lost score " + value);
    }
    System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
    return size - 1;
  }

  /**
   * What a piece of a video lends its neighbours for smoothing.
   *
   * @param first the piece's first frame
   * @param frames the piece's number of frames, 0 or more
   * @param head raw scores of its first {@code min(h, frames)} frames
   * @param tail raw scores of its last {@code min(h, frames)} frames
   */
  public record Edge(long first, long frames, double[] head, double[] tail)
      implements Serializable {

    public Edge {
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(tail, "tail");
      if (first < 0 || frames < 0) {
        throw new IllegalArgumentException(
            "Cannot create smoothing edge: the first frame and the frame count must be 0 or more"
                + " (first=" + first + ", frames=" + frames + ")");
      }
      if (head.length > frames || tail.length > frames) {
        throw new IllegalArgumentException(
            "Cannot create smoothing edge: head and tail are scores of the piece's " + frames
                + " frames (head=" + head.length + ", tail=" + tail.length + ")");
      }
    }

    /** The edge of the piece whose frames from {@code first} score {@code scores}. */
    public static Edge of(long first, double[] scores, int halfWindow) {
      requireHalfWindow(halfWindow);
      int n = Math.min(halfWindow, scores.length);
      return new Edge(first, scores.length, Arrays.copyOf(scores, n),
          Arrays.copyOfRange(scores, scores.length - n, scores.length));
    }

    long end() {
      return first + frames;
    }
  }

  /**
   * The raw scores next to a piece, as {@link #median(double[], double[], double[], int)} takes
   * them: {@code before} ends on the frame just before the piece and {@code after} starts on the
   * frame just after it; either holds fewer than {@code h} scores where the stretch ends.
   */
  public record Neighbours(double[] before, double[] after) implements Serializable {
    /** A piece that is a whole stretch. */
    public static final Neighbours NONE = new Neighbours(NO_SCORES, NO_SCORES);

    public Neighbours {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * Each piece's neighbouring raw scores, keyed by the piece's first frame.
   *
   * <p>The pieces are those of one video, in any order. A piece's neighbour after it is the piece
   * starting on the frame right after its last one, and so on while fewer than {@code h} scores
   * are gathered; a frame in no piece ends the stretch. Pieces without frames get
   * {@link Neighbours#NONE} (unless a piece with frames starts on the same frame).
   *
   * @param edges the edges of all pieces of one video, made with this {@code halfWindow} (or a
   *     larger one)
   * @throws IllegalArgumentException if two pieces share a frame, or an edge holds fewer than
   *     {@code min(h, frames)} scores
   */
  public static Map<Long, Neighbours> neighbours(Collection<Edge> edges, int halfWindow) {
    Objects.requireNonNull(edges, "edges");
    requireHalfWindow(halfWindow);
    List<Edge> pieces = new ArrayList<>();
    List<Edge> empty = new ArrayList<>();
    for (Edge edge : edges) {
      Objects.requireNonNull(edge, "edge");
      if (edge.frames() == 0) {
        empty.add(edge);
        continue;
      }
      long needed = Math.min(halfWindow, edge.frames());
      if (edge.head().length < needed || edge.tail().length < needed) {
        throw new IllegalArgumentException(
            "Cannot smooth scores: the edge of the piece at frame " + edge.first() + " holds fewer"
                + " scores than the half-window; make the edges with it (half-window=" + halfWindow
                + ", head=" + edge.head().length + ", tail=" + edge.tail().length + ")");
      }
      pieces.add(edge);
    }
    pieces.sort(Comparator.comparingLong(Edge::first));
    for (int i = 1; i < pieces.size(); i++) {
      Edge previous = pieces.get(i - 1);
      Edge next = pieces.get(i);
      if (next.first() < previous.end()) {
        throw new IllegalArgumentException(
            "Cannot smooth scores: two pieces share frames; give every frame to exactly one piece"
                + " (previous=" + FrameRange.of(previous.first(), previous.end() - 1) + ", next="
                + FrameRange.of(next.first(), next.end() - 1) + ")");
      }
    }
    Map<Long, Neighbours> neighbours = new HashMap<>();
    for (int i = 0; i < pieces.size(); i++) {
      neighbours.put(pieces.get(i).first(), halfWindow == 0 ? Neighbours.NONE
          : new Neighbours(before(pieces, i, halfWindow), after(pieces, i, halfWindow)));
    }
    for (Edge edge : empty) {
      neighbours.putIfAbsent(edge.first(), Neighbours.NONE);
    }
    return neighbours;
  }

  /** Up to h tail scores of the pieces right before piece i, in frame order. */
  private static double[] before(List<Edge> pieces, int i, int halfWindow) {
    List<double[]> parts = new ArrayList<>();
    int needed = halfWindow;
    for (int j = i; needed > 0 && j > 0 && pieces.get(j - 1).end() == pieces.get(j).first(); j--) {
      double[] tail = pieces.get(j - 1).tail();
      int take = Math.min(needed, tail.length);
      parts.add(0, Arrays.copyOfRange(tail, tail.length - take, tail.length));
      needed -= take;
    }
    return concat(parts);
  }

  /** Up to h head scores of the pieces right after piece i, in frame order. */
  private static double[] after(List<Edge> pieces, int i, int halfWindow) {
    List<double[]> parts = new ArrayList<>();
    int needed = halfWindow;
    for (int j = i; needed > 0 && j + 1 < pieces.size()
        && pieces.get(j).end() == pieces.get(j + 1).first(); j++) {
      double[] head = pieces.get(j + 1).head();
      int take = Math.min(needed, head.length);
      parts.add(Arrays.copyOf(head, take));
      needed -= take;
    }
    return concat(parts);
  }

  private static double[] concat(List<double[]> parts) {
    int length = 0;
    for (double[] part : parts) {
      length += part.length;
    }
    double[] all = new double[length];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static void requireHalfWindow(int halfWindow) {
    if (halfWindow < 0) {
      throw new IllegalArgumentException(
          "Cannot smooth scores: the half-window must be 0 or more frames (half-window="
              + halfWindow + ")");
    }
  }

  private static void requireNumbers(String name, double[] scores) {
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(
            "Cannot smooth scores: " + name + "[" + i + "] is not a number, the detector output is"
                + " broken (score=NaN)");
      }
    }
  }
}
