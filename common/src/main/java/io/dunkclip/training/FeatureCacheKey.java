package io.dunkclip.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a cache of a frozen backbone's features depends on, and the directory name that holds them: two trainings
 * share a cache exactly when every field is equal. The features of a frame are the frozen part's output at
 * {@code layer} for the frame as the network sees it, so they change with the frozen weights (and the frozen part's
 * structure, both in {@code backboneDigest}), with the layer they are taken at, with the frames' size and fit, with
 * how pixels become inputs, and with the augmented views cached for each frame.
 *
 * @param backboneDigest a hash (hex) of the frozen part: each vertex's name, type and parameters, in graph order
 * @param layer the vertex whose output is cached (the last vertex of the frozen part)
 * @param width the frames' width in pixels
 * @param height the frames' height in pixels
 * @param fit how extract fitted the frames to their size ({@code stretch} or {@code pad})
 * @param normalisation how pixels become network inputs (the model's {@code normalisation})
 * @param views augmented views cached per frame; 1 without augmentation (the frame as it is)
 * @param augment whether the views are augmented ({@code false}: the single view is the frame itself)
 * @param viewSeed the seed of the augmented views (ignored, and stored as 0, without augmentation)
 */
public record FeatureCacheKey(String backboneDigest, String layer, int width, int height, String fit,
    String normalisation, int views, boolean augment, long viewSeed) {
  /** Bumped when the cache's layout or the meaning of a field changes, so older caches are never read. */
  public static final int FORMAT_VERSION = 1;
  /** The prefix of every cache directory's name. */
  public static final String PREFIX = "features-";
  private static final int NAME_HEX_DIGITS = 24;

  public FeatureCacheKey {
    requireText(backboneDigest, "backboneDigest");
    requireText(layer, "layer");
    requireText(fit, "fit");
    requireText(normalisation, "normalisation");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("Cannot key a feature cache: the frame size must be positive (size=" + width
          + "x" + height + ")");
    }
    if (views < 1) {
      throw new IllegalArgumentException("Cannot key a feature cache: at least one view per frame is needed (views="
          + views + ")");
    }
    if (!augment && views != 1) {
      throw new IllegalArgumentException("Cannot key a feature cache: without augmentation every view is the frame"
          + " itself, so one view is cached (views=" + views + ", augment=false); use views=1");
    }
    if (!augment) {
      viewSeed = 0;
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('=') >= 0) {
      throw new IllegalArgumentException("Cannot key a feature cache: " + name + " must be a non-blank single line"
          + " without '=' (" + name + "=" + value + ")");
    }
  }

  /** The fields as ordered {@code name -> value} pairs, the format version first: what the manifest records. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("format", Integer.toString(FORMAT_VERSION));
    fields.put("backbone", backboneDigest);
    fields.put("layer", layer);
    fields.put("width", Integer.toString(width));
    fields.put("height", Integer.toString(height));
    fields.put("fit", fit);
    fields.put("normalisation", normalisation);
    fields.put("views", Integer.toString(views));
    fields.put("augment", Boolean.toString(augment));
    fields.put("viewSeed", Long.toString(viewSeed));
    return fields;
  }

  /** The key as text, one {@code name=value} line per field ({@link #fields}). */
  public String text() {
    StringBuilder text = new StringBuilder();
    fields().forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
    return text.toString();
  }

  /**
   * The cache directory's name: {@value #PREFIX} and the first {@value #NAME_HEX_DIGITS} hex digits of the SHA-256
   * of {@link #text}. Any field that differs gives another name (up to a hash collision).
   */
  public String directoryName() {
    return PREFIX + sha256(text().getBytes(StandardCharsets.UTF_8)).substring(0, NAME_HEX_DIGITS);
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Which cached view copy {@code copy} (0-based; a frame shown {@code copies} times per epoch, as oversampled
   * positives are) sees in epoch {@code epoch} (1-based): the views are dealt out in turn, epoch after epoch, so every
   * view is used before any repeats and a frame shown once per epoch sees view {@code (epoch - 1) mod views}.
   */
  public static int viewOf(int epoch, int copy, int copies, int views) {
    if (epoch < 1 || copy < 0 || copy >= copies || views < 1) {
      throw new IllegalArgumentException("Cannot pick a cached view: need epoch >= 1, 0 <= copy < copies, views >= 1"
          + " (epoch=" + epoch + ", copy=" + copy + ", copies=" + copies + ", views=" + views + ")");
    }
    return (int) Math.floorMod((epoch - 1L) * copies + copy, (long) views);
  }
}
