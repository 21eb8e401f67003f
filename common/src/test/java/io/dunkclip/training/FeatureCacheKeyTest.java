package io.dunkclip.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The feature cache key: a cache is shared only by trainings whose frozen weights, layer, frame size, fit,
 * normalisation and cached views are all equal; and the manifest that a cache must carry to be trusted.
 */
class FeatureCacheKeyTest {
  private static final FeatureCacheKey BASE = new FeatureCacheKey("ab12", "pool", 224, 224, "stretch",
      "rgb-imagenet-mean", 4, true, 42);

  /** One change of each field, so that the name must change with every one of them. */
  private static final List<UnaryOperator<FeatureCacheKey>> CHANGES = List.of(
      k -> new FeatureCacheKey(k.backboneDigest() + "0", k.layer(), k.width(), k.height(), k.fit(), k.normalisation(),
          k.views(), k.augment(), k.viewSeed()),
      k -> new FeatureCacheKey(k.backboneDigest(), k.layer() + "x", k.width(), k.height(), k.fit(), k.normalisation(),
          k.views(), k.augment(), k.viewSeed()),
      k -> new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width() + 1, k.height(), k.fit(), k.normalisation(),
          k.views(), k.augment(), k.viewSeed()),
      k -> new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height() + 1, k.fit(), k.normalisation(),
          k.views(), k.augment(), k.viewSeed()),
      k -> new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(),
          k.fit().equals("pad") ? "stretch" : "pad", k.normalisation(), k.views(), k.augment(), k.viewSeed()),
      k -> new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(), k.fit(), k.normalisation() + "2",
          k.views(), k.augment(), k.viewSeed()),
      k -> k.augment() ? new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(), k.fit(),
          k.normalisation(), k.views() + 1, true, k.viewSeed())
          : new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(), k.fit(), k.normalisation(), 2,
              true, k.viewSeed()),
      k -> k.augment() ? new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(), k.fit(),
          k.normalisation(), k.views(), true, k.viewSeed() + 1)
          : new FeatureCacheKey(k.backboneDigest(), k.layer(), k.width(), k.height(), k.fit(), k.normalisation(), 1,
              true, k.viewSeed()));

  @Test
  void equalKeysShareTheirDirectoryNameAndEveryChangedFieldGivesAnotherOne() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      boolean augment = random.nextBoolean();
      FeatureCacheKey key = new FeatureCacheKey(Long.toHexString(random.nextLong()), "layer" + random.nextInt(5),
          1 + random.nextInt(300), 1 + random.nextInt(300), random.nextBoolean() ? "pad" : "stretch",
          random.nextBoolean() ? "rgb-imagenet-mean" : "centred", augment ? 1 + random.nextInt(8) : 1, augment,
          random.nextInt(4));
      FeatureCacheKey same = new FeatureCacheKey(key.backboneDigest(), key.layer(), key.width(), key.height(),
          key.fit(), key.normalisation(), key.views(), key.augment(), key.viewSeed());
      assertThat(same.directoryName()).isEqualTo(key.directoryName());
      assertThat(key.directoryName()).startsWith(FeatureCacheKey.PREFIX).matches("features-[0-9a-f]{24}");
      Set<String> names = new HashSet<>();
      names.add(key.directoryName());
      for (UnaryOperator<FeatureCacheKey> change : CHANGES) {
        FeatureCacheKey changed = change.apply(key);
        assertThat(changed.fields()).isNotEqualTo(key.fields());
        assertThat(names.add(changed.directoryName())).as("%s vs %s", changed, key).isTrue();
      }
    }
  }

  @Test
  void theViewSeedDoesNotMatterWithoutAugmentation() {
    FeatureCacheKey a = new FeatureCacheKey("ab", "pool", 32, 32, "stretch", "n", 1, false, 1);
    FeatureCacheKey b = new FeatureCacheKey("ab", "pool", 32, 32, "stretch", "n", 1, false, 99);
    assertThat(a.directoryName()).isEqualTo(b.directoryName());
    assertThat(a.viewSeed()).isZero();
  }

  @Test
  void refusesKeysThatCannotBeWrittenOrMeanNothing() {
    assertThatThrownBy(() -> new FeatureCacheKey("ab", "pool", 32, 32, "stretch", "n", 2, false, 0))
        .hasMessageContaining("views=2, augment=false");
    assertThatThrownBy(() -> new FeatureCacheKey("ab", "pool", 0, 32, "stretch", "n", 1, false, 0))
        .hasMessageContaining("size=0x32");
    assertThatThrownBy(() -> new FeatureCacheKey("ab", "po\nol", 32, 32, "stretch", "n", 1, false, 0))
        .hasMessageContaining("layer");
    assertThatThrownBy(() -> new FeatureCacheKey("ab", "pool", 32, 32, "stretch", "n", 0, true, 0))
        .hasMessageContaining("views=0");
  }

  @Test
  void viewsAreDealtInTurnSoEveryViewIsSeenBeforeAnyRepeats() {
    for (int views = 1; views <= 6; views++) {
      for (int copies = 1; copies <= 5; copies++) {
        // The naive model: one counter dealing view after view, copy after copy, epoch after epoch.
        int dealt = 0;
        for (int epoch = 1; epoch <= 9; epoch++) {
          for (int copy = 0; copy < copies; copy++) {
            assertThat(FeatureCacheKey.viewOf(epoch, copy, copies, views)).isEqualTo(dealt % views);
            dealt++;
          }
        }
      }
    }
    assertThat(FeatureCacheKey.viewOf(5, 0, 1, 4)).isZero();
    assertThatThrownBy(() -> FeatureCacheKey.viewOf(0, 0, 1, 4)).hasMessageContaining("epoch=0");
    assertThatThrownBy(() -> FeatureCacheKey.viewOf(1, 2, 2, 4)).hasMessageContaining("copy=2");
  }

  @Test
  void aManifestReadsBackAndServesOnlyItsKeyAndItsTapesFingerprints() {
    Map<String, String> tapes = new TreeMap<>(Map.of("a b=c.mp4", "f1", "tape\u00e9.mp4", "f2"));
    Map<String, Long> files = Map.of("part-0 x.parquet", 123L, "part-1.parquet", 0L);
    FeatureCacheManifest manifest = FeatureCacheManifest.of(BASE, tapes, files, 17);
    FeatureCacheManifest read = FeatureCacheManifest.parse(manifest.text(), "m");
    assertThat(read).isEqualTo(manifest);
    assertThat(read.serves(BASE, tapes)).isTrue();
    for (UnaryOperator<FeatureCacheKey> change : CHANGES) {
      assertThat(read.serves(change.apply(BASE), tapes)).isFalse();
    }
    Map<String, String> reExtracted = new TreeMap<>(tapes);
    reExtracted.put("a b=c.mp4", "f3");
    assertThat(read.serves(BASE, reExtracted)).isFalse();
    Map<String, String> fewer = new TreeMap<>(tapes);
    fewer.remove("a b=c.mp4");
    assertThat(read.serves(BASE, fewer)).isFalse();
  }

  @Test
  void aCutOrDamagedManifestIsRefusedWithItsLine() {
    String text = FeatureCacheManifest.of(BASE, Map.of("a.mp4", "f"), Map.of("p", 1L), 3).text();
    List<String> cuts = new ArrayList<>();
    for (int end = 0; end < text.length(); end++) {
      if (text.charAt(end) == '\n') {
        cuts.add(text.substring(0, end + 1));
      }
    }
    // Every cut before the last line (rows=) is refused.
    for (String cut : cuts.subList(0, cuts.size() - 1)) {
      assertThatThrownBy(() -> FeatureCacheManifest.parse(cut, "m")).hasMessageContaining("built again");
    }
    assertThatThrownBy(() -> FeatureCacheManifest.parse(text.replace("file=p 1", "file=p x"), "m"))
        .hasMessageContaining("file=p x");
    assertThatThrownBy(() -> FeatureCacheManifest.parse(text + "junk\n", "m")).hasMessageContaining("junk");
  }
}
