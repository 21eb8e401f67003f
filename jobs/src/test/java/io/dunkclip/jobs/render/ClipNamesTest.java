package io.dunkclip.jobs.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule names the files of tapes written side by side: plain stems unless two tapes share one. */
class ClipNamesTest {
  @Test
  void tapesThatDoNotCollideKeepTheirPlainStem() {
    assertThat(ClipNames.stems(List.of("court one.mp4", "court-b.mov", "x")))
        .containsExactly(Map.entry("court one.mp4", "court_one"), Map.entry("court-b.mov", "court-b"),
            Map.entry("x", "x"));
    assertThat(ClipNames.clipFileName("court_one", "court one.mp4", 7)).isEqualTo("court_one-clip-007.mp4");
    assertThat(ClipNames.fileName("court one.mp4", 7)).isEqualTo("court_one-clip-007.mp4");
  }

  @Test
  void tapesSharingAStemEachGetItsOwnStableHashedStem() {
    Map<String, String> stems = ClipNames.stems(List.of("same.mp4", "same.mov", "a b.mp4", "a_b.mp4", "other.mp4"));
    assertThat(stems.get("other.mp4")).isEqualTo("other");
    assertThat(stems.get("same.mp4")).isEqualTo("same-" + ClipNames.nameHash("same.mp4")).matches("same-[0-9a-f]{8}");
    assertThat(stems.get("same.mov")).isEqualTo("same-" + ClipNames.nameHash("same.mov"));
    assertThat(stems.get("same.mp4")).as("the README's example").isEqualTo("same-59502352");
    assertThat(stems.get("a b.mp4")).isEqualTo("a_b-" + ClipNames.nameHash("a b.mp4"));
    assertThat(new HashSet<>(stems.values())).hasSize(5);
    // The same in another run, whatever the order of the tapes.
    assertThat(ClipNames.stems(List.of("same.mov", "same.mp4"))).containsEntry("same.mp4", stems.get("same.mp4"))
        .containsEntry("same.mov", stems.get("same.mov"));
    assertThat(ClipNames.sharedStems(List.of("same.mp4", "same.mov", "other.mp4")))
        .containsExactly(Map.entry("same", List.of("same.mov", "same.mp4")));
  }

  @Test
  void aTapeNamedLikeAnotherTapesHashedStemIsKeptApartToo() {
    String hashed = "same-" + ClipNames.nameHash("same.mp4");
    Map<String, String> stems = ClipNames.stems(List.of("same.mp4", "same.mov", hashed + ".mp4"));
    assertThat(new HashSet<>(stems.values())).hasSize(3);
    assertThat(stems.get("same.mp4")).isEqualTo(hashed);
  }

  @Test
  void clipNumbersRunTo999() {
    assertThatThrownBy(() -> ClipNames.clipFileName("a", "a.mp4", 1000))
        .hasMessage("Cannot name a clip file: clip numbers run from 1 to 999 (clip=1000, video=a.mp4)");
  }
}
