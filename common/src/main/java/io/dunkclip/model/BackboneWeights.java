package io.dunkclip.model;

import java.nio.file.Path;

/**
 * Where a pretrained backbone's starting weights come from, in this order: an explicit DL4J model zip, the DL4J zoo
 * cache, or (only when asked) random weights.
 *
 * @param pretrained a DL4J model zip with the ImageNet weights ({@code --pretrained}); null = look in the zoo cache
 * @param randomInit train from random weights when no pretrained ones are found ({@code --random-init})
 */
public record BackboneWeights(Path pretrained, boolean randomInit) {
  /** The zoo cache only, and failing without it: what {@code --arch resnet50} does unless told otherwise. */
  public static final BackboneWeights ZOO_CACHE = new BackboneWeights(null, false);

  public static BackboneWeights of(String pretrained, boolean randomInit) {
    return new BackboneWeights(pretrained == null || pretrained.isBlank() ? null : Path.of(pretrained), randomInit);
  }
}
