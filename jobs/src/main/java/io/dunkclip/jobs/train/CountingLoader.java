package io.dunkclip.jobs.train;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Loads the exported minibatches ({@link BatchFiles.Loader}) where the gradient-sharing worker
 * fits them, and counts each one under its executor's id: the training statistics that show every worker fitted
 * minibatches (a worker that never joined the mesh would fit none), without reading any log.
 */
final class CountingLoader implements DataSetLoader {
  private static final long serialVersionUID = 1L;

  private final BatchFiles.Loader loader = new BatchFiles.Loader();
  private final CollectionAccumulator<String> fitted;

  CountingLoader(CollectionAccumulator<String> fitted) {
    this.fitted = fitted;
  }

  @Override
  public DataSet load(Source source) throws IOException {
    DataSet batch = loader.load(source);
    fitted.add(SparkEnv.get().executorId());
    return batch;
  }

  /** Minibatches fitted so far, by executor id ({@code driver} in local mode). */
  static Map<String, Long> counts(List<String> executorIds) {
    Map<String, Long> counts = new TreeMap<>();
    executorIds.forEach(id -> counts.merge(id, 1L, Long::sum));
    return counts;
  }
}
