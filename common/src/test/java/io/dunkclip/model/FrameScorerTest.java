package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.background.Background;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FrameScorerTest {
  private static final int SIDE = 16;

  @Test
  void backgroundFeaturesAreTheFrameThenItsDifferenceFromTheBackground() {
    byte[] frame = random(1, 40, 200);
    byte[] background = random(2, 40, 200);
    float[] plain = FrameScorer.features(List.of(frame), SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED)
        .data().asFloat();
    float[] backgroundPlain = FrameScorer.features(List.of(background), SIDE, SIDE,
        ModelMetadata.NORMALISATION_CENTRED).data().asFloat();
    INDArray six = FrameScorer.features(List.of(frame, frame), background, SIDE, SIDE,
        ModelMetadata.NORMALISATION_CENTRED);
    assertThat(six.shape()).containsExactly(2, 6, SIDE, SIDE);
    float[] data = six.data().asFloat();
    int size = 3 * SIDE * SIDE;
    for (int example = 0; example < 2; example++) {
      for (int p = 0; p < size; p++) {
        assertThat(data[example * 2 * size + p]).isEqualTo(plain[p]);
        assertThat(data[example * 2 * size + size + p]).isEqualTo(plain[p] - backgroundPlain[p]);
      }
    }
    assertThat(FrameScorer.features(List.of(frame), null, SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED)
        .data().asFloat()).containsExactly(plain);
  }

  @Test
  void aChangeOfLightOverTheWholePictureCancelsOutOfTheDifference() {
    byte[] frame = random(3, 40, 200);
    byte[] brighter = frame.clone();
    for (int p = 0; p < brighter.length; p++) {
      brighter[p] = (byte) ((brighter[p] & 0xff) + 30);
    }
    byte[] background = random(4, 40, 200);
    float[] a = FrameScorer.features(List.of(frame), background, SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED)
        .data().asFloat();
    float[] b = FrameScorer.features(List.of(brighter), background, SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED)
        .data().asFloat();
    for (int p = 3 * SIDE * SIDE; p < a.length; p++) {
      assertThat(b[p]).isCloseTo(a[p], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void aBackgroundModelScoresWithItsTapesBackgroundOnlyAndTheFastPassAgreesWithDl4j() {
    DunkModel model = new DunkModel(Architectures.build(Architectures.SMALL_CNN, SIDE, SIDE, 6, 5, 1e-3,
        BackboneWeights.ZOO_CACHE), metadata(ModelMetadata.INPUT_FRAME_BACKGROUND));
    byte[] background = random(5, 0, 255);
    FrameScorer scorer = new FrameScorer(model, background);
    assertThat(scorer.direct()).as("the 6-channel small CNN runs on the direct ND4J pass").isTrue();
    List<byte[]> frames = List.of(random(6, 0, 255), random(7, 0, 255));
    float[] expected = model.network().outputSingle(false,
        FrameScorer.features(frames, background, SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED))
        .reshape(2).toFloatVector();
    float[] actual = scorer.score(frames);
    for (int i = 0; i < 2; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
    assertThatThrownBy(() -> new FrameScorer(model))
        .hasMessageContaining("none was given (input=frame+background)");
    assertThatThrownBy(() -> new FrameScorer(model, new byte[12]))
        .hasMessageContaining("the background has 12 bytes, not a 16x16 RGB picture");
  }

  @Test
  void withAReferenceLevelScoresAreRelativeToTheTapesEmptyCourtUnlessItsBackgroundIsUnreliable() {
    double reference = TapeBaseline.logit(0.1);
    ModelMetadata relative = metadata(ModelMetadata.INPUT_FRAME_BACKGROUND).withBaselineLogit(reference);
    DunkModel rawModel = new DunkModel(Architectures.build(Architectures.SMALL_CNN, SIDE, SIDE, 6, 5, 1e-3,
        BackboneWeights.ZOO_CACHE), metadata(ModelMetadata.INPUT_FRAME_BACKGROUND));
    DunkModel model = new DunkModel(rawModel.network(), relative);
    byte[] picture = random(8, 0, 255);
    long[] sampled = {0, 10, 20, 30};
    List<byte[]> frames = List.of(random(9, 0, 255), random(10, 0, 255), picture);

    FrameScorer raw = new FrameScorer(rawModel, picture);
    float[] rawScores = raw.score(frames);
    assertThat(raw.offset()).as("a model without a reference level scores raw").isZero();
    FrameScorer scorer = new FrameScorer(model, new Background(picture, SIDE, SIDE, sampled, 0.4));
    assertThat(scorer.backgroundScore()).isEqualTo(raw.backgroundScore()).isEqualTo(rawScores[2]);
    assertThat(scorer.offset()).isCloseTo(reference - TapeBaseline.logit(rawScores[2]),
        org.assertj.core.data.Offset.offset(1e-9));
    float[] moved = scorer.score(frames);
    assertThat(moved[2]).as("the empty court scores at the reference level").isCloseTo(0.1f,
        org.assertj.core.data.Offset.offset(1e-4f));
    for (int i = 0; i < frames.size(); i++) {
      assertThat(moved[i]).isEqualTo(TapeBaseline.shift(rawScores[i], scorer.offset()));
    }
    FrameScorer busy = new FrameScorer(model, new Background(picture, SIDE, SIDE, sampled, 0.9));
    assertThat(busy.offset()).isZero();
    assertThat(busy.score(frames)).containsExactly(rawScores);
    assertThatThrownBy(() -> metadata(ModelMetadata.INPUT_FRAME).withBaselineLogit(reference))
        .hasMessageContaining("a baseline level needs a finite value and the background input");
  }

  @Test
  void olderModelFilesWithoutTheNewFieldsReadAsFrameOnlyWithAFixedThreshold() {
    ModelMetadata old = metadata(null);
    assertThat(old.input()).isEqualTo(ModelMetadata.INPUT_FRAME);
    assertThat(old.thresholdRule()).isEqualTo(ModelMetadata.THRESHOLD_FIXED);
    assertThat(old.channels()).isEqualTo(3);
    assertThatThrownBy(() -> metadata("depth"))
        .hasMessageContaining("unknown input (input=depth)");
  }

  private static ModelMetadata metadata(String input) {
    return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", Architectures.SMALL_CNN, SIDE, SIDE,
        ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_CENTRED, 0.95, List.of(), "none", "now", input, null,
        null, null, null, null);
  }

  private static byte[] random(long seed, int low, int high) {
    Random random = new Random(seed);
    byte[] rgb = new byte[SIDE * SIDE * 3];
    for (int p = 0; p < rgb.length; p++) {
      rgb[p] = (byte) (low + random.nextInt(high - low));
    }
    return rgb;
  }
}
