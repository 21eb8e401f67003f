package io.dunkclip.jobs.frames;

import io.dunkclip.video.Fit;
import java.util.ArrayList;
import java.util.List;

/**
 * How the frames of a dataset were made: their size, how tapes were fitted to it, the layout on disk (extract's
 * {@code --format}) and the image encoding. Every frame of a dataset is made the same way (train and detect read one
 * kind per dataset). A null part is one the dataset does not tell (no frames to look at).
 *
 * @param format extract's {@code --format} id ({@code parquet} or {@code jpg})
 * @param imageFormat extract's {@code --image-format} ({@code png} or {@code jpg})
 */
public record FrameLayout(Integer width, Integer height, Fit fit, String format, String imageFormat) {
  /** The {@link #format} of a Parquet dataset partitioned by video. */
  public static final String PARQUET = "parquet";
  /** The {@link #format} of one JPEG file per frame in a directory per tape. */
  public static final String JPG = "jpg";

  /** A layout that tells nothing: a dataset without frames to look at. */
  static final FrameLayout UNKNOWN = new FrameLayout(null, null, null, null, null);

  /** {@code WxH}, or null when the size is not told. */
  public String size() {
    return width == null || height == null ? null : width + "x" + height;
  }

  /** This layout with the parts it does not tell taken from {@code other}. */
  FrameLayout orElse(FrameLayout other) {
    boolean sized = width != null && height != null;
    return new FrameLayout(sized ? width : other.width, sized ? height : other.height, fit != null ? fit : other.fit,
        format != null ? format : other.format, imageFormat != null ? imageFormat : other.imageFormat);
  }

  /**
   * Where {@code wanted} differs from this layout, as {@code extract} options: for each, "dataset OPTION=this,
   * this run OPTION=wanted" and the option that would match the dataset. Parts this layout does not tell differ from
   * nothing.
   */
  public Differences differences(FrameLayout wanted) {
    List<String> differences = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    compare("size", size(), wanted.size(), differences, fixes);
    compare("fit", fit == null ? null : fit.id(), wanted.fit == null ? null : wanted.fit.id(), differences, fixes);
    compare("format", format, wanted.format, differences, fixes);
    compare("image-format", imageFormat, wanted.imageFormat, differences, fixes);
    return new Differences(List.copyOf(differences), List.copyOf(fixes));
  }

  /**
   * What differs and how to match the dataset.
   *
   * @param differences "dataset OPTION=value, this run OPTION=value" for each option that differs
   * @param fixes "--OPTION value" that would match the dataset, for each
   */
  public record Differences(List<String> differences, List<String> fixes) {
    public boolean isEmpty() {
      return differences.isEmpty();
    }
  }

  private static void compare(String option, String existing, String wanted, List<String> differences,
      List<String> fixes) {
    if (existing != null && !existing.equals(wanted)) {
      differences.add("dataset " + option + "=" + existing + ", this run " + option + "=" + wanted);
      fixes.add("--" + option + " " + existing);
    }
  }
}
