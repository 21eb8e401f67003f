package io.dunkclip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where resnet50's weights come from, and what it says when there are none (no download is possible here). */
class ResNet50TransferTest {
  @TempDir Path dir;

  @BeforeEach
  void emptyZooCache() throws Exception {
    // The zoo cache in a fresh directory: whatever ~/.deeplearning4j holds must not decide these tests.
    DL4JResources.setBaseDirectory(java.nio.file.Files.createDirectories(dir.resolve("dl4j")).toFile());
  }

  @AfterEach
  void defaultZooCache() {
    DL4JResources.resetBaseDirectoryLocation();
  }

  @Test
  void theZooCacheFileIsResnet50sInferenceZipUnderTheModelsDirectory() {
    assertThat(ResNet50Transfer.zooCacheFile())
        .isEqualTo(dir.resolve("dl4j").resolve("models").resolve("resnet50").resolve("resnet50_dl4j_inference.v3.zip"));
  }

  @Test
  void withoutWeightsItNamesBothPlacesAndTheRandomInitOption() {
    Path cache = ResNet50Transfer.zooCacheFile();
    assertThatThrownBy(() -> Architectures.build(Architectures.RESNET50, 32, 32, 1, 1e-3, BackboneWeights.ZOO_CACHE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build resnet50: no pretrained ImageNet weights found, neither in the DL4J zoo cache ("
            + cache + ") nor given with --pretrained ZIP (pretrained=none). Put the zoo's"
            + " resnet50_dl4j_inference.v3.zip there, pass --pretrained ZIP, or train from random weights with"
            + " --random-init");
  }

  @Test
  void aMissingPretrainedFileIsNamed() {
    Path missing = dir.resolve("nope.zip");
    assertThatThrownBy(() -> Architectures.build(Architectures.RESNET50, 32, 32, 1, 1e-3,
        new BackboneWeights(missing, true)))
        .hasMessageStartingWith("Cannot build resnet50: the pretrained weights file does not exist (pretrained="
            + missing + ")");
  }

  @Test
  void tooSmallFramesAreRefused() {
    assertThatThrownBy(() -> Architectures.build(Architectures.RESNET50, 24, 32, 1, 1e-3,
        BackboneWeights.of(null, true)))
        .hasMessageStartingWith("Cannot build resnet50: frames must be at least 32x32");
  }

  @Test
  void pretrainedWeightsComeFromTheGivenZipAndOnlyTheHeadIsTrainable() throws Exception {
    // A stand-in for the ImageNet zip: the zoo network with known (random) weights, saved as DL4J saves the zoo's.
    ComputationGraph imagenet = ResNet50.builder().seed(5).numClasses(1000).weightInit(new WeightInitRelu()).build()
        .init();
    Path zip = dir.resolve("resnet50.zip");
    ModelSerializer.writeModel(imagenet, zip.toFile(), false);

    ComputationGraph network = Architectures.build(Architectures.RESNET50, 32, 32, 1, 1e-3,
        BackboneWeights.of(zip.toString(), false));
    assertThat(network.getLayer("res5c_branch2c").params()).isEqualTo(imagenet.getLayer("res5c_branch2c").params());
    assertThat(network.getLayer("stem-cnn1").params()).isEqualTo(imagenet.getLayer("stem-cnn1").params());
    assertThat(ResNet50Transfer.trainableLayers(network))
        .containsExactly("pool-norm", "dense1", "dense2", "dense3", "player");
    assertThat(network.getVertex("output")).isNull();
    assertThat(network.outputSingle(org.nd4j.linalg.factory.Nd4j.rand(2, 3, 32, 32)).shape())
        .containsExactly(2, 1);
  }
}
