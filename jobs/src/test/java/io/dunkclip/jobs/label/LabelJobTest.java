package io.dunkclip.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.TestSpark;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contact sheets and the labels template from generated tapes, on the shared local[2] session. */
class LabelJobTest {
  @TempDir static Path dir;
  static Path tapes;

  @BeforeAll
  static void tapes() throws Exception {
    tapes = Files.createDirectories(dir.resolve("tapes"));
    // 90 frames 160x90; 30 frames of a phone tape, 90x160 upright, stored turned with a rotation tag.
    SampleTapeGenerator.generate(new TapeSpec("a.mp4", 6, 15, 160, 90, 0, 5), tapes.resolve("a.mp4"));
    SampleTapeGenerator.generate(new TapeSpec("phone.mp4", 2, 15, 90, 160, 90, 6), tapes.resolve("phone.mp4"));
    byte[] random = new byte[20_000];
    new Random(3).nextBytes(random);
    Files.write(tapes.resolve("broken.mp4"), random);
  }

  @Test
  void aRunAgainDeletesTheHiddenFoldersAKilledRunLeftADayAgoAndKeepsYoungerOnes() throws Exception {
    Path out = dir.resolve("label-again");
    LabelJob.run(TestSpark.session(),
        LabelConfig.builder(tapes.resolve("a.mp4").toString(), out.toString()).every(15).build());
    // What a run killed while writing a's sheets leaves: a hidden sibling of the tape's folder.
    Path killed = Files.createDirectories(out.resolve(".a.tmp-killed"));
    Files.writeString(killed.resolve("sheet-001.png"), "half a sheet");
    java.nio.file.attribute.FileTime dayAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(25)));
    Files.setLastModifiedTime(killed.resolve("sheet-001.png"), dayAgo);
    Files.setLastModifiedTime(killed, dayAgo);
    Path young = Files.createDirectories(out.resolve(".a.tmp-young"));

    LabelJob.run(TestSpark.session(),
        LabelConfig.builder(tapes.resolve("a.mp4").toString(), out.toString()).every(15).build());

    assertThat(killed).as("left by a killed run a day ago").doesNotExist();
    assertThat(young).as("may be a live run's").exists();
    assertThat(out.resolve("a/sheet-001.png")).exists();
  }

  @Test
  void writesNumberedSheetsATemplateAndTheTapeTableAndReportsTheBadTape() throws Exception {
    Path out = dir.resolve("label");
    LabelResult result = LabelJob.run(TestSpark.session(),
        LabelConfig.builder(tapes.toString(), out.toString()).every(15).build());

    // a.mp4: frames 0, 15, ..., 75 = 6 thumbnails of 160x90, one row of a sheet 8 columns wide.
    BufferedImage a = ImageIO.read(out.resolve("a/sheet-001.png").toFile());
    assertThat(a).as("a PNG that decodes").isNotNull();
    assertThat(a.getWidth()).isEqualTo(ContactSheet.GAP + 8 * (160 + ContactSheet.GAP));
    assertThat(a.getHeight()).isEqualTo(ContactSheet.TITLE_HEIGHT + ContactSheet.GAP + (90 + ContactSheet.GAP));
    assertThat(out.resolve("a/sheet-002.png")).doesNotExist();
    assertNumberBoxDrawn(a, ContactSheet.GAP, ContactSheet.TITLE_HEIGHT + ContactSheet.GAP);
    // phone.mp4 is shown upright: thumbnails 90 wide, 160 high.
    BufferedImage phone = ImageIO.read(out.resolve("phone/sheet-001.png").toFile());
    assertThat(phone.getWidth()).isEqualTo(ContactSheet.GAP + 8 * (90 + ContactSheet.GAP));
    assertThat(phone.getHeight()).isEqualTo(ContactSheet.TITLE_HEIGHT + ContactSheet.GAP + (160 + ContactSheet.GAP));

    assertThat(Files.readAllLines(out.resolve(LabelJob.TEMPLATE))).containsExactly(
        "video,start_frame,end_frame,label", "a.mp4,0,89,0", "phone.mp4,0,29,0");
    assertThat(CsvFiles.readLabels(out.resolve(LabelJob.TEMPLATE).toString(), new Configuration()).videos())
        .as("the template reads back as labels").containsExactly("a.mp4", "phone.mp4");
    assertThat(TapeTable.frameCounts(out.toString(), new Configuration()))
        .isEqualTo(Map.of("a.mp4", 90L, "phone.mp4", 30L));

    assertThat(result.errors()).extracting(TapeError::tape).containsExactly("broken.mp4");
    assertThat(Files.readAllLines(out.resolve("_errors.csv"))).hasSize(2).element(1).asString()
        .startsWith("broken.mp4,probe,");
    assertThat(result.tapes()).isEqualTo(2);
    assertThat(result.sheets()).isEqualTo(2);
    assertThat(result.thumbnails()).isEqualTo(6 + 2);
    assertThat(result.template()).endsWith(LabelJob.TEMPLATE);
    assertThat(result.summary()).startsWith("label: tapes=2 sheets=2 thumbnails=8 errors=1 ");
  }

  @Test
  void aRerunReplacesEachTapesSheetsWholeAndLeavesOtherFilesAlone() throws Exception {
    Path out = dir.resolve("rerun");
    Path input = tapes.resolve("a.mp4");
    LabelJob.run(TestSpark.session(), LabelConfig.builder(input.toString(), out.toString()).every(1).build());
    // 90 frames: 48 on the first sheet, 42 (6 rows) on the second.
    assertThat(ImageIO.read(out.resolve("a/sheet-001.png").toFile()).getHeight())
        .isEqualTo(ContactSheet.height(6, 90));
    assertThat(out.resolve("a/sheet-002.png")).exists();
    Files.writeString(out.resolve("labels.csv"), "video,start_frame,end_frame,label\n");

    LabelResult again = LabelJob.run(TestSpark.session(),
        LabelConfig.builder(input.toString(), out.toString()).every(50).build());
    assertThat(again.sheets()).isEqualTo(1);
    assertThat(again.thumbnails()).isEqualTo(2); // frames 0 and 50
    assertThat(again.errors()).isEmpty();
    try (var files = Files.list(out.resolve("a"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".crc")))
          .containsExactly("sheet-001.png");
    }
    assertThat(out.resolve("labels.csv")).exists();
  }

  @Test
  void refusesTapesThatWouldShareAFolder() throws Exception {
    Path clash = Files.createDirectories(dir.resolve("clash"));
    Files.createFile(clash.resolve("court.mp4"));
    Files.createFile(clash.resolve("court.mov"));
    assertThatThrownBy(() -> LabelJob.run(TestSpark.session(),
        LabelConfig.builder(clash.toString(), dir.resolve("clash-out").toString()).every(15).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make contact sheets: tapes court.mov and court.mp4 would share the folder court;"
            + " rename one (input=" + clash + ")");
  }

  /** The number's box: nearly black, with white text in it, whatever the frame shows there. */
  private static void assertNumberBoxDrawn(BufferedImage sheet, int x, int y) {
    int white = 0;
    int dark = 0;
    for (int dy = 1; dy < 14; dy++) {
      for (int dx = 1; dx < 12; dx++) {
        int rgb = sheet.getRGB(x + dx, y + dy);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        white += r > 230 && g > 230 && b > 230 ? 1 : 0;
        dark += r < 40 && g < 40 && b < 40 ? 1 : 0;
      }
    }
    assertThat(white).as("white pixels of the digit").isGreaterThan(5);
    assertThat(dark).as("dark pixels of the box").isGreaterThan(40);
  }

  static List<String> names(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
