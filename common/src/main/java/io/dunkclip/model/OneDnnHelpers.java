package io.dunkclip.model;

import java.util.function.Supplier;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * DL4J's oneDNN layer helpers for training: convolution, subsampling (max and average pooling) and batch
 * normalisation run as oneDNN primitives instead of DL4J's im2col path (about 5x the images per second for small-cnn
 * at 64x64, see the README's benchmarks). DL4J 1.0.0-M2 creates a layer's helper only when two things hold when the
 * layer is built: the JVM property {@value #DISABLE_PROPERTY} is {@code false} (DL4J's default is {@code true}), and
 * its oneDNN check answers, which it only does through {@link org.nd4j.nativeblas.Nd4jCpu} (the name M2's natives no
 * longer ship). Global pooling, dense and output layers have no helper; they run the same either way.
 *
 * <p>{@link #enable()} turns the property on unless the JVM was started with it set: {@code
 * -Dorg.eclipse.deeplearning4j.helpers.disable=true} keeps DL4J's plain path (for a comparison, or should a helper
 * misbehave). {@link Architectures} and {@link DunkModel} call it before building a network, so every network this
 * JVM builds from then on gets the helpers; executors on a cluster build their copies themselves and get the property
 * from {@code spark.executor.extraJavaOptions} ({@code conf/cluster.conf}).
 */
public final class OneDnnHelpers {
  /** DL4J's switch; helpers are created only while it is {@code false}. */
  public static final String DISABLE_PROPERTY = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;

  private OneDnnHelpers() {}

  /**
   * Lets DL4J create its oneDNN helpers for the layers built from now on, unless the JVM's command line decided
   * otherwise; returns whether they will be created.
   */
  public static synchronized boolean enable() {
    if (System.getProperty(DISABLE_PROPERTY) == null) {
      System.setProperty(DISABLE_PROPERTY, "false");
    }
    return active();
  }

  /** Whether layers built now get oneDNN helpers: the property allows them and the natives run oneDNN. */
  public static boolean active() {
    return !Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true")) && BaseMKLDNNHelper.mklDnnEnabled();
  }

  /**
   * Builds something with the helpers on or off, whatever the property says otherwise, and restores the property:
   * for the benchmark's and the tests' side-by-side runs of both paths. Layers decide when they are built, so what
   * {@code build} returns keeps its path; not for concurrent use with other builds.
   */
  public static synchronized <T> T building(boolean helpers, Supplier<T> build) {
    String before = System.getProperty(DISABLE_PROPERTY);
    System.setProperty(DISABLE_PROPERTY, Boolean.toString(!helpers));
    try {
      return build.get();
    } finally {
      if (before == null) {
        System.clearProperty(DISABLE_PROPERTY);
      } else {
        System.setProperty(DISABLE_PROPERTY, before);
      }
    }
  }
}
