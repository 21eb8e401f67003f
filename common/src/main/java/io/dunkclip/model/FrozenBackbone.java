package io.dunkclip.model;

import io.dunkclip.training.FeatureCacheKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.transferlearning.TransferLearningHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network cut in two at a vertex ({@code cachePoint}): the part that computes it, which training never changes
 * (every layer frozen or without parameters, no dropout), and the head that trains on its output. The frozen part's
 * output of a frame is then the same in every epoch, so it can be computed once and cached ({@code FeatureCache} in
 * the train job); nothing here depends on which network it is.
 */
public final class FrozenBackbone {
  private final String cachePoint;
  private final Set<String> frozen;

  private FrozenBackbone(String cachePoint, Set<String> frozen) {
    this.cachePoint = cachePoint;
    this.frozen = frozen;
  }

  /**
   * The frozen part of {@code network} up to {@code cachePoint}: that vertex and every vertex it depends on. Refuses
   * a cut whose part holds a layer that trains or drops out (its output would change from epoch to epoch).
   */
  public static FrozenBackbone at(ComputationGraph network, String cachePoint) {
    if (network.getVertex(cachePoint) == null) {
      throw new IllegalArgumentException("Cannot cache backbone features: the network has no vertex " + cachePoint
          + " (cachePoint=" + cachePoint + ")");
    }
    Map<String, List<String>> inputs = network.getConfiguration().getVertexInputs();
    Set<String> part = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(cachePoint));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (part.add(name)) {
        todo.addAll(inputs.getOrDefault(name, List.of()));
      }
    }
    for (String name : part) {
      GraphVertex vertex = network.getVertex(name);
      if (!vertex.hasLayer()) {
        continue;
      }
      Layer layer = vertex.getLayer();
      boolean isFrozen = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
      if (!isFrozen && layer.numParams() > 0) {
        throw new IllegalArgumentException("Cannot cache backbone features at " + cachePoint + ": layer " + name
            + " before it trains (" + layer.numParams() + " parameters), so its output changes every step; cut the"
            + " network at a vertex whose inputs are all frozen");
      }
      if (!isFrozen && layer.conf().getLayer().getIDropout() != null) {
        throw new IllegalArgumentException("Cannot cache backbone features at " + cachePoint + ": layer " + name
            + " before it drops out at random while training; cut the network before it");
      }
    }
    // Graph order, so that the digest does not depend on how the set was filled.
    Set<String> ordered = new LinkedHashSet<>();
    for (String name : order(network)) {
      if (part.contains(name)) {
        ordered.add(name);
      }
    }
    return new FrozenBackbone(cachePoint, ordered);
  }

  /** The names of {@code network}'s vertices, inputs first, each after every vertex it reads. */
  private static List<String> order(ComputationGraph network) {
    GraphVertex[] vertices = network.getVertices();
    List<String> names = new java.util.ArrayList<>();
    for (int index : network.topologicalSortOrder()) {
      names.add(vertices[index].getVertexName());
    }
    return names;
  }

  public String cachePoint() {
    return cachePoint;
  }

  /**
   * A hash of the frozen part of {@code network}: each vertex's name, its layer's type and its parameters (batch
   * normalisation's statistics are parameters too), in graph order. Other weights or another structure give
   * another digest; the head's weights do not enter it.
   */
  public String digest(ComputationGraph network) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String name : frozen) {
        GraphVertex vertex = network.getVertex(name);
        digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        if (!vertex.hasLayer()) {
          digest.update((vertex.getClass().getName() + "\n").getBytes(StandardCharsets.UTF_8));
          continue;
        }
        Layer layer = vertex.getLayer();
        Layer inner = layer instanceof FrozenLayer f ? f.getInsideLayer() : layer;
        digest.update((inner.getClass().getName() + "\n").getBytes(StandardCharsets.UTF_8));
        if (layer.numParams() > 0) {
          for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
            digest.update((param.getKey() + java.util.Arrays.toString(param.getValue().shape()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
            float[] values = param.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            digest.update(bytes.array());
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The cache key of {@code network}'s frozen part for frames of this size, fit and normalisation. */
  public FeatureCacheKey key(ComputationGraph network, int width, int height, String fit, String normalisation,
      int views, boolean augment, long viewSeed) {
    return new FeatureCacheKey(digest(network), cachePoint, width, height, fit, normalisation, views, augment,
        viewSeed);
  }

  /** The frozen part alone, as a network whose output is {@code cachePoint}'s (a copy; {@code network} is kept). */
  public ComputationGraph backbone(ComputationGraph network) {
    TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(network.clone())
        .validateOutputLayerConfig(false);
    // Removed from the outputs back, so every removal finds its vertex still there.
    List<String> order = order(network);
    for (int i = order.size() - 1; i >= 0; i--) {
      String name = order.get(i);
      if (!frozen.contains(name) && !network.getConfiguration().getNetworkInputs().contains(name)
          && network.getVertex(name) != null) {
        builder.removeVertexAndConnections(name);
      }
    }
    return builder.setOutputs(cachePoint).build();
  }

  /**
   * The head alone, as a network whose input is {@code cachePoint}'s output, with {@code network}'s head weights (a
   * copy). Train the head on cached features, then {@link #copyHead} its weights back into the whole network.
   */
  public ComputationGraph head(ComputationGraph network) {
    ComputationGraph head = new TransferLearningHelper(network.clone(), cachePoint).unfrozenGraph();
    copyLayers(network, head);
    return head;
  }

  /** Copies the head's weights (batch normalisation statistics included) into {@code network}'s head layers. */
  public void copyHead(ComputationGraph head, ComputationGraph network) {
    copyLayers(head, network);
  }

  private static void copyLayers(ComputationGraph from, ComputationGraph to) {
    for (Layer layer : from.getLayers()) {
      String name = layer.conf().getLayer().getLayerName();
      if (layer.numParams() > 0 && to.getVertex(name) != null && to.getVertex(name).hasLayer()) {
        to.getLayer(name).setParams(layer.params().dup());
      }
    }
  }

  /** The frozen part's output for a batch of network inputs (inference mode: batch statistics never enter). */
  public static INDArray features(ComputationGraph backbone, INDArray inputs) {
    return backbone.outputSingle(false, inputs);
  }
}
