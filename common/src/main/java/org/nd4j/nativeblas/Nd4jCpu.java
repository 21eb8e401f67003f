package org.nd4j.nativeblas;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name DL4J 1.0.0-M2 looks up to ask whether ND4J's natives run oneDNN, kept here because the natives no longer
 * ship it: DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} loads {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and
 * calls {@code getInstance().isUseMKLDNN()}, while nd4j-native M2 has that class as
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with the method renamed {@code isUseONEDNN()}.
 * Without an answer DL4J's oneDNN layer helpers (convolution, subsampling, batch normalisation) are never created and
 * every such layer runs DL4J's own im2col path. This class answers with what the natives say; it only forwards, so a
 * DL4J that looks up the right name again simply stops reaching it. {@code io.dunkclip.model.OneDnnHelpers} is where
 * the project turns the helpers on, and its test pins both names.
 */
public final class Nd4jCpu {
  private static final Logger LOG = LoggerFactory.getLogger(Nd4jCpu.class);
  /** Where nd4j-native M2 keeps its environment; absent on the CUDA backend, where DL4J never asks. */
  static final String NATIVE_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

  private Nd4jCpu() {}

  /** The environment DL4J asks; one per JVM, like the natives'. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Whether the natives were built with oneDNN and use it: the natives' own {@code isUseONEDNN()} (or
     * {@code isUseMKLDNN()}, its older name). Natives that cannot be asked answer false, which keeps DL4J's plain
     * path, the same as before this class existed.
     */
    public boolean isUseMKLDNN() {
      try {
        Class<?> natives = Class.forName(NATIVE_ENVIRONMENT, true, Nd4jCpu.class.getClassLoader());
        Object instance = natives.getMethod("getInstance").invoke(null);
        for (String name : new String[] {"isUseONEDNN", "isUseMKLDNN"}) {
          try {
            Method method = natives.getMethod(name);
            return (boolean) method.invoke(instance);
          } catch (NoSuchMethodException e) {
            LOG.debug("{} has no {}(); trying the other name", NATIVE_ENVIRONMENT, name);
          }
        }
        LOG.warn("DL4J's oneDNN helpers stay off: {} has neither isUseONEDNN() nor isUseMKLDNN()",
            NATIVE_ENVIRONMENT);
        return false;
      } catch (ReflectiveOperationException | LinkageError e) {
        LOG.warn("DL4J's oneDNN helpers stay off: cannot ask the natives whether they use oneDNN ({}: {})",
            NATIVE_ENVIRONMENT, e.toString());
        return false;
      }
    }
  }
}
