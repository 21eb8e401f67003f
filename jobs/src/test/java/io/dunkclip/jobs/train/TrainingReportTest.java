package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report beside the model, from fabricated epochs: no Spark, no training. */
class TrainingReportTest {
  @TempDir Path dir;

  private static final List<EpochMetrics> EPOCHS = List.of(
      new EpochMetrics(1, 6.25, 120, 0.5, 0.25, 1.0 / 3, 0.71, 0.6931, 0.5),
      new EpochMetrics(2, 5.5, 120, 0.8, 0.7, 0.746667, 0.93, 0.41, 0.5),
      new EpochMetrics(3, 5.4, 120, 0.9, 0.85, 0.874286, 0.985, 0.22, 0.5),
      new EpochMetrics(4, 5.6, 120, 0.88, 0.8, 0.838095, 0.98, 0.25, 0.5));

  @Test
  void writesOneCsvRowPerEpochAndADecodablePngBesideTheModel() throws Exception {
    String model = dir.resolve("model/dunk.model").toString();
    TrainingReport.write(model, EPOCHS, 3, new Configuration());

    List<String> lines = Files.readAllLines(dir.resolve("model/dunk.model.metrics.csv"));
    assertThat(lines).containsExactly(
        "epoch,seconds,validation_frames,precision,recall,f1,roc_auc,loss,threshold",
        "1,6.250,120,0.500000,0.250000,0.333333,0.710000,0.693100,0.500000",
        "2,5.500,120,0.800000,0.700000,0.746667,0.930000,0.410000,0.500000",
        "3,5.400,120,0.900000,0.850000,0.874286,0.985000,0.220000,0.500000",
        "4,5.600,120,0.880000,0.800000,0.838095,0.980000,0.250000,0.500000");

    BufferedImage curve = ImageIO.read(dir.resolve("model/dunk.model.curve.png").toFile());
    assertThat(curve).as("a PNG that decodes").isNotNull();
    assertThat(curve.getWidth()).isEqualTo(TrainingReport.WIDTH);
    assertThat(curve.getHeight()).isEqualTo(TrainingReport.HEIGHT);
    assertThat(distinctColours(curve)).as("something was drawn").isGreaterThan(10);
    assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    try (var names = Files.list(dir.resolve("model"))) {
      // Hadoop's local filesystem keeps .<name>.crc checksums beside each file; those are not ours.
      assertThat(names.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".crc")))
          .as("no temporary files left").containsExactlyInAnyOrder("dunk.model.metrics.csv", "dunk.model.curve.png");
    }
  }

  @Test
  void drawsASingleEpochAndUndefinedMetrics() throws Exception {
    // One epoch (a one-point x axis), validation without positives (NaN AUC) or without frames (NaN loss).
    List<EpochMetrics> one = List.of(new EpochMetrics(1, 2.0, 0, 0.0, 0.0, 0.0, Double.NaN, Double.NaN, 0.5));
    String model = dir.resolve("one.model").toString();
    TrainingReport.write(model, one, 1, new Configuration());

    assertThat(Files.readAllLines(dir.resolve("one.model.metrics.csv")))
        .containsExactly("epoch,seconds,validation_frames,precision,recall,f1,roc_auc,loss,threshold",
            "1,2.000,0,0.000000,0.000000,0.000000,NaN,NaN,0.500000");
    assertThat(ImageIO.read(dir.resolve("one.model.curve.png").toFile())).isNotNull();

    List<EpochMetrics> gaps = List.of(EPOCHS.get(0), new EpochMetrics(2, 1, 10, 0, 0, 0, Double.NaN, 0.5, 0.5),
        EPOCHS.get(2));
    TrainingReport.write(dir.resolve("gaps.model").toString(), gaps, 3, new Configuration());
    assertThat(ImageIO.read(dir.resolve("gaps.model.curve.png").toFile())).isNotNull();
  }

  @Test
  void drawsTheValidationPrecisionRecallCurveWithTheModelsThreshold() throws Exception {
    String model = dir.resolve("pr/dunk.model").toString();
    double[] scores = {0.1, 0.2, 0.35, 0.6, 0.7, 0.9, 0.95};
    boolean[] positives = {false, false, true, false, true, true, true};
    TrainingReport.writePrecisionRecall(model, scores, positives, 4, 0.65, new Configuration());
    BufferedImage pr = ImageIO.read(dir.resolve("pr/dunk.model.pr.png").toFile());
    assertThat(pr).isNotNull();
    assertThat(distinctColours(pr)).as("something was drawn").isGreaterThan(10);
    // The title names the point the threshold picks: >= 0.65 calls 0.7, 0.9, 0.95 positive: precision 1, recall 3/4.
    assertThat(TrainingReport.precisionRecall(scores, positives, 4, 0.65).getTitle())
        .isEqualTo("Validation precision-recall, epoch 4: threshold 0.650 (precision 1.000, recall 0.750)");
  }

  @Test
  void refusesABestEpochThatWasNotValidated() {
    assertThatThrownBy(() -> TrainingReport.write(dir.resolve("m").toString(), EPOCHS, 7, new Configuration()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot write a training report: the best epoch is not among the validated epochs [1, 2, 3, 4]"
            + " (bestEpoch=7)");
    assertThatThrownBy(() -> TrainingReport.write(dir.resolve("m").toString(), List.of(), 1, new Configuration()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot write a training report: no epoch was validated (epochs=0)");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
