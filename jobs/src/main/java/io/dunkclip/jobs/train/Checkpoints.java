package io.dunkclip.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.model.OneDnnHelpers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoints of one training run, in {@code <model>.checkpoints/}:
 * <ul>
 *   <li>{@code epoch-NNN.zip}: the network after epoch NNN with its updater (optimizer) state, DL4J's
 *       {@code ModelSerializer} format with {@code saveUpdater=true};
 *   <li>{@code epoch-NNN.json}: its {@link CheckpointState}, written after the network, so a state file means a
 *       complete checkpoint;
 *   <li>{@code initial-params.bin}: the parameters before epoch 1, for the result's parameter change.
 * </ul>
 * Each file is written atomically (temp name + rename). Only the latest checkpoint and the best epoch's are kept.
 */
public final class Checkpoints {
  public static final String DIR_SUFFIX = ".checkpoints";
  static final String INITIAL_PARAMS = "initial-params.bin";
  private static final Pattern STATE_FILE = Pattern.compile("epoch-(\\d{3,})\\.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final String dir;
  private final Configuration conf;

  public Checkpoints(String model, Configuration conf) {
    this.dir = model + DIR_SUFFIX;
    this.conf = conf;
  }

  public String dir() {
    return dir;
  }

  static String networkFile(int epoch) {
    return String.format(Locale.ROOT, "epoch-%03d.zip", epoch);
  }

  static String stateFile(int epoch) {
    return String.format(Locale.ROOT, "epoch-%03d.json", epoch);
  }

  /**
   * The options a resumed run must share with the checkpoint, by name: everything that shapes the network, its
   * data or its validation. Epochs, patience, scratch space and the gradient-sharing settings may change.
   */
  static Map<String, String> options(TrainConfig config, ModelMetadata metadata, byte[] labels, byte[] tapes) {
    Map<String, String> options = new TreeMap<>();
    options.put("arch", config.arch());
    options.put("pretrained", config.pretrained() == null ? "" : config.pretrained());
    options.put("random-init", String.valueOf(config.randomInit()));
    options.put("batch-size", String.valueOf(config.batchSizePerWorker()));
    options.put("learning-rate", String.valueOf(config.learningRate()));
    options.put("validation-fraction", String.valueOf(config.validationFraction()));
    options.put("threshold", String.valueOf(config.threshold()));
    options.put("calibrate", String.valueOf(config.calibrate()));
    options.put("input", config.inputOrDefault());
    options.put("augment", String.valueOf(config.augment()));
    options.put("seed", String.valueOf(config.seed()));
    options.put("balance", String.valueOf(config.balance()));
    options.put("require-full-coverage", String.valueOf(config.requireFullCoverage()));
    options.put("fit", metadata.fit());
    options.put("input-size", metadata.inputWidth() + "x" + metadata.inputHeight());
    options.put("normalisation", metadata.normalisation());
    // Contents, not paths: a moved labels file or frames dataset is the same data.
    options.put("labels-sha256", DunkModel.sha256(labels));
    options.put("frames-tapes-sha256", DunkModel.sha256(tapes));
    return options;
  }

  /**
   * Refuses to resume when the run's options differ from the checkpoint's, naming every differing value.
   *
   * @throws IllegalArgumentException "Cannot resume training from DIR: arch differs from the checkpoint's (...)"
   */
  void requireSameOptions(Map<String, String> checkpoint, Map<String, String> now) {
    List<String> differences = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(checkpoint.keySet())) {
      String before = checkpoint.get(key);
      String after = now.get(key);
      if (!before.equals(after)) {
        differences.add(key + "=" + after + " (checkpoint: " + key + "=" + before + ")");
      }
    }
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("Cannot resume training from " + dir + ": the run differs from the"
          + " checkpoint's: " + String.join("; ", differences) + ". Resume with the checkpoint's options, labels and"
          + " frames, or train afresh without --resume");
    }
  }

  /** Deletes the checkpoints of an earlier run: a fresh run starts from nothing. */
  void clear() {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path) && !fs.delete(path, true)) {
        throw new IOException("delete returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the earlier run's checkpoints in " + dir + ": " + e.getMessage(),
          e);
    }
  }

  void writeInitialParams(INDArray params) {
    Outputs.writeFile(Outputs.child(dir, INITIAL_PARAMS), conf,
        out -> Nd4j.write(params, new java.io.DataOutputStream(out)));
  }

  INDArray initialParams() {
    Path path = new Path(dir, INITIAL_PARAMS);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return Nd4j.read(new java.io.DataInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the initial parameters of the checkpointed run " + path + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Commits the checkpoint of {@code state.epoch()}: network and updater first, then the state that marks it
   * complete; then drops checkpoints that are neither this one nor the best epoch's.
   */
  void write(ComputationGraph network, CheckpointState state) {
    byte[] bytes = networkBytes(network);
    Outputs.writeFile(Outputs.child(dir, networkFile(state.epoch())), conf, out -> out.write(bytes));
    Outputs.writeFile(Outputs.child(dir, stateFile(state.epoch())), conf, out -> JSON.writeValue(out, state));
    for (int epoch : epochs()) {
      if (epoch != state.epoch() && epoch != state.bestEpoch()) {
        delete(stateFile(epoch));
        delete(networkFile(epoch));
      }
    }
  }

  /** The state of the last complete checkpoint, if any. */
  Optional<CheckpointState> latest() {
    List<Integer> epochs = epochs();
    if (epochs.isEmpty()) {
      return Optional.empty();
    }
    Path path = new Path(dir, stateFile(epochs.get(epochs.size() - 1)));
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      CheckpointState state = JSON.readValue(in, CheckpointState.class);
      if (state.formatVersion() != CheckpointState.FORMAT_VERSION) {
        throw new IllegalArgumentException("Cannot resume training from " + path + ": checkpoint format version "
            + state.formatVersion() + " is not supported (supports " + CheckpointState.FORMAT_VERSION + ")");
      }
      return Optional.of(state);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** The network of a checkpoint with its updater state, ready to continue training. */
  ComputationGraph network(int epoch) {
    Path path = new Path(dir, networkFile(epoch));
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      OneDnnHelpers.enable();
      return ModelSerializer.restoreComputationGraph(in, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Epochs with a complete checkpoint (state and network), in order. */
  List<Integer> epochs() {
    Path path = new Path(dir);
    List<Integer> epochs = new ArrayList<>();
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return epochs;
      }
      for (FileStatus status : fs.listStatus(path)) {
        Matcher m = STATE_FILE.matcher(status.getPath().getName());
        if (m.matches()) {
          int epoch = Integer.parseInt(m.group(1));
          if (fs.exists(new Path(path, networkFile(epoch)))) {
            epochs.add(epoch);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    epochs.sort(null);
    return epochs;
  }

  private void delete(String name) {
    Path path = new Path(dir, name);
    try {
      path.getFileSystem(conf).delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete old checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  static byte[] networkBytes(ComputationGraph network) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(network, bytes, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise the network for a checkpoint", e);
    }
    return bytes.toByteArray();
  }
}
