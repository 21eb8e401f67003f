package io.dunkclip.model;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ResNet50 from the DL4J zoo as a frozen feature extractor under a new head: the zoo network's classifier
 * ({@code avgpool} and the 1000-way {@code output}) is removed, every vertex up to the last residual block
 * ({@value #BACKBONE_OUTPUT}) is frozen, and a global average pool, a batch normalisation of the pooled features,
 * three dense layers and one sigmoid unit are trained on top. The global pool (instead of the zoo's fixed 3x3
 * pooling) lets any input of at least 32x32 through.
 */
public final class ResNet50Transfer {
  private static final Logger LOG = LoggerFactory.getLogger(ResNet50Transfer.class);
  /** The last vertex of the backbone: the output of the final residual block (2048 channels). */
  public static final String BACKBONE_OUTPUT = "res5c_branch";
  static final String POOL = "pool";
  static final String POOL_NORM = "pool-norm";
  static final String[] HEAD = {"dense1", "dense2", "dense3", "player"};
  private static final int[] DENSE_SIZES = {256, 128, 64};
  static final int MIN_SIZE = 32;
  /** The zoo classifier's width, which the head replaces (the zoo builder has no default for it). */
  private static final int IMAGENET_CLASSES = 1000;

  private ResNet50Transfer() {}

  /** Where the DL4J zoo keeps (and would download) resnet50's ImageNet weights. */
  public static Path zooCacheFile() {
    ResNet50 zoo = ResNet50.builder().build();
    File dir = DL4JResources.getDirectory(ResourceType.ZOO_MODEL, zoo.modelName());
    return dir.toPath().resolve(new File(zoo.pretrainedUrl(PretrainedType.IMAGENET)).getName());
  }

  static ComputationGraph build(int width, int height, long seed, double learningRate, BackboneWeights weights) {
    if (width < MIN_SIZE || height < MIN_SIZE) {
      throw new IllegalArgumentException("Cannot build resnet50: frames must be at least " + MIN_SIZE + "x" + MIN_SIZE
          + " (five stride-2 stages) (size=" + width + "x" + height + "); extract with a larger --size");
    }
    ComputationGraph base = backbone(seed, weights);
    FineTuneConfiguration fineTune = new FineTuneConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(learningRate))
        .build();
    TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(base)
        .fineTuneConfiguration(fineTune)
        .setFeatureExtractor(BACKBONE_OUTPUT)
        .removeVertexAndConnections("output")
        .removeVertexAndConnections("avgpool")
        .addLayer(POOL, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), BACKBONE_OUTPUT)
        // The frozen backbone's features have whatever scale its weights give them (with random weights, thousands:
        // the sigmoid then saturates to exactly 0 or 1 and every gradient is 0). Normalising them is the head's job.
        .addLayer(POOL_NORM, new BatchNormalization.Builder().nIn(2048).nOut(2048).build(), POOL);
    String previous = POOL_NORM;
    long nIn = 2048;
    for (int i = 0; i < DENSE_SIZES.length; i++) {
      builder.addLayer(HEAD[i], new DenseLayer.Builder().nIn(nIn).nOut(DENSE_SIZES[i]).activation(Activation.RELU)
          .weightInit(WeightInit.RELU).build(), previous);
      previous = HEAD[i];
      nIn = DENSE_SIZES[i];
    }
    builder.addLayer(HEAD[3], new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(nIn).nOut(1)
        .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build(), previous);
    return builder.setOutputs(HEAD[3])
        .setInputTypes(InputType.convolutional(height, width, 3))
        .build();
  }

  /**
   * The zoo network with ImageNet weights, from {@code --pretrained} or the zoo cache; random weights only when asked.
   * Random weights use He initialisation rather than the zoo's default (a normal of std 0.5), under which 50 layers of
   * frozen, untrained batch normalisation blow activations up to ~1e27.
   */
  private static ComputationGraph backbone(long seed, BackboneWeights weights) {
    Path cache = zooCacheFile();
    try {
      if (weights.pretrained() != null) {
        if (!Files.isRegularFile(weights.pretrained())) {
          throw new IllegalArgumentException("Cannot build resnet50: the pretrained weights file does not exist "
              + "(pretrained=" + weights.pretrained() + "); give a DL4J model zip of resnet50 such as the zoo's "
              + cache.getFileName());
        }
        LOG.info("resnet50: ImageNet weights from {}", weights.pretrained());
        return ModelSerializer.restoreComputationGraph(weights.pretrained().toFile(), false);
      }
      if (Files.isRegularFile(cache)) {
        LOG.info("resnet50: ImageNet weights from the DL4J zoo cache {}", cache);
        // The zoo finds the file in its cache, checks its checksum and loads it; nothing is downloaded.
        return (ComputationGraph) ResNet50.builder().seed(seed).build().initPretrained(PretrainedType.IMAGENET);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load resnet50's pretrained weights: " + e.getMessage(), e);
    }
    if (!weights.randomInit()) {
      throw new IllegalArgumentException("Cannot build resnet50: no pretrained ImageNet weights found, neither in the"
          + " DL4J zoo cache (" + cache + ") nor given with --pretrained ZIP (pretrained=none). Put the zoo's "
          + cache.getFileName() + " there, pass --pretrained ZIP, or train from random weights with --random-init");
    }
    LOG.warn("resnet50: no pretrained weights; the backbone is random and frozen (--random-init)");
    // Built at the zoo's own 224x224: its classifier's fixed 3x3 pooling needs that much; the head replaces it and
    // the input size is set afterwards (convolution weights do not depend on it).
    return ResNet50.builder().seed(seed).numClasses(IMAGENET_CLASSES).weightInit(new WeightInitRelu()).build()
        .init();
  }

  /** Names of the layers that train (the head); every other layer with parameters is frozen. */
  public static List<String> trainableLayers(ComputationGraph network) {
    List<String> names = new ArrayList<>();
    for (GraphVertex vertex : network.getVertices()) {
      if (vertex.hasLayer() && !(vertex.getLayer() instanceof FrozenLayer) && vertex.getLayer().numParams() > 0) {
        names.add(vertex.getVertexName());
      }
    }
    return names;
  }
}
