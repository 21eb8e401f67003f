package io.dunkclip.jobs.report;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.spark.Headless;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.Rgb;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A clip's first, middle and last frame as JPEG thumbnails, decoded frame-exactly from the tape on an executor and
 * written straight into the report's temporary directory (which becomes visible only when the whole report is
 * renamed into place). A frame that cannot be decoded becomes a reason shown in the page, not a failed report.
 */
final class ClipThumbnails {
  /** Thumbnails fit in this box, keeping the tape's upright aspect ratio. */
  static final int MAX_WIDTH = 192;
  static final int MAX_HEIGHT = 144;
  static final String[] WHICH = {"first", "middle", "last"};

  private ClipThumbnails() {}

  /** What to draw: a clip of a tape, and the tape's number in the report (file names use numbers, not names). */
  record Work(TapeRef tape, int tapeNumber, ClipRow clip) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One thumbnail: the file (relative to the report directory) or why there is none. */
  record Thumbnail(String which, long frame, String file, String error) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A clip's three thumbnails, in the order of {@link #WHICH}. */
  record Drawn(String video, int clip, List<Thumbnail> thumbnails) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static long[] frames(ClipRow clip) {
    long first = clip.range().first();
    long last = clip.range().last();
    return new long[] {first, first + (last - first) / 2, last};
  }

  static String fileName(int tapeNumber, int clip, String which) {
    return String.format(Locale.ROOT, "tape-%03d-clip-%03d-%s.jpg", tapeNumber, clip, which);
  }

  /** Thumbnail size for an upright picture of {@code width x height}: inside the box, aspect kept, even sides. */
  static int[] size(int width, int height) {
    double scale = Math.min(1.0, Math.min((double) MAX_WIDTH / width, (double) MAX_HEIGHT / height));
    int w = Math.max(2, (int) Math.round(width * scale / 2) * 2);
    int h = Math.max(2, (int) Math.round(height * scale / 2) * 2);
    return new int[] {w, h};
  }

  static Drawn draw(Work work, TapeInfo info, String dir, HadoopConf conf) {
    long[] frames = frames(work.clip());
    List<Thumbnail> thumbnails = new ArrayList<>();
    int[] size = size(info.uprightWidth(), info.uprightHeight());
    try (FrameReader reader = new FrameReader(TapeSources.of(work.tape(), conf.get()), info, size[0], size[1],
        io.dunkclip.video.Fit.STRETCH)) {
      for (int i = 0; i < frames.length; i++) {
        thumbnails.add(one(reader, work, WHICH[i], frames[i], dir, conf));
      }
    } catch (TapeException e) {
      return missing(work, frames, thumbnails, e.reason());
    }
    return new Drawn(work.clip().video(), work.clip().clip(), thumbnails);
  }

  /** The thumbnails not drawn yet, each with the reason the tape could not be read. */
  private static Drawn missing(Work work, long[] frames, List<Thumbnail> drawn, String reason) {
    List<Thumbnail> all = new ArrayList<>(drawn);
    for (int i = all.size(); i < frames.length; i++) {
      all.add(new Thumbnail(WHICH[i], frames[i], null, reason));
    }
    return new Drawn(work.clip().video(), work.clip().clip(), all);
  }

  private static Thumbnail one(FrameReader reader, Work work, String which, long frame, String dir,
      HadoopConf conf) {
    DecodedFrame[] decoded = new DecodedFrame[1];
    try {
      reader.read(frame, frame, f -> decoded[0] = f);
    } catch (TapeException e) {
      return new Thumbnail(which, frame, null, e.reason());
    } catch (IllegalArgumentException e) {
      // clips.csv names a frame the tape does not have: another tape of the same name, or an edited clips.csv.
      return new Thumbnail(which, frame, null, e.getMessage());
    }
    String name = fileName(work.tapeNumber(), work.clip().clip(), which);
    Headless.ensure();
    BufferedImage image = Rgb.toImage(decoded[0].rgb(), decoded[0].width(), decoded[0].height());
    Path path = new Path(Outputs.child(dir, name));
    try {
      FileSystem fs = Outputs.withoutChecksumFiles(path.getFileSystem(conf.get()));
      try (OutputStream out = Outputs.create(fs, path, true)) {
        if (!ImageIO.write(image, "jpg", out)) {
          throw new IOException("no JPEG writer in this JVM");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write thumbnail " + path + ": " + e.getMessage(), e);
    }
    return new Thumbnail(which, frame, name, null);
  }
}
