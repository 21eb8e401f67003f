package io.dunkclip.jobs.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The minibatch files train exports once per run and its gradient-sharing workers read back in every epoch: a header
 * (the magic number {@code DCB1}, then for the features and the labels their rank and shape, big-endian) and each
 * array's float32 values in C order as one little-endian block.
 *
 * <p>Why not DL4J's own {@code DataSet.save}/{@code load}: ND4J 1.0.0-M2 writes and reads those one element at a time
 * through {@code DataOutputStream}/{@code DataInputStream}. Profiled (JFR, a shared epoch of 14 s on the sample tapes
 * with the oneDNN helpers), the workers' prefetch thread spent about 4 s of it running Java in
 * {@code BufferedInputStream.read} to load 129 batches of 16 x 6 x 64 x 64 floats, on a 2-core machine where that CPU
 * is taken from training; one block read per array costs a copy.
 */
public final class BatchFiles {
  static final int MAGIC = 0x44434231;
  private static final int BUFFER = 1 << 16;

  private BatchFiles() {}

  /** Writes {@code batch}'s features and labels (no masks: train's batches have none). */
  public static void write(DataSet batch, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
    data.writeInt(MAGIC);
    writeArray(batch.getFeatures(), data);
    writeArray(batch.getLabels(), data);
    data.flush();
  }

  /** Reads a batch {@link #write} wrote; {@code source} names the file in errors. */
  public static DataSet read(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, BUFFER));
    try {
      int magic = data.readInt();
      if (magic != MAGIC) {
        throw new IOException("Cannot read minibatch " + source + ": not a dunkclip batch file (starts with 0x"
            + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC) + "); delete the training"
            + " scratch directory and train again");
      }
      INDArray features = readArray(data, source);
      INDArray labels = readArray(data, source);
      return new DataSet(features, labels);
    } catch (EOFException e) {
      throw new IOException("Cannot read minibatch " + source + ": the file ends early (cut off while written?);"
          + " delete the training scratch directory and train again", e);
    }
  }

  private static void writeArray(INDArray array, DataOutputStream data) throws IOException {
    long[] shape = array.shape();
    data.writeInt(shape.length);
    for (long size : shape) {
      data.writeLong(size);
    }
    float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    data.write(bytes.array());
  }

  private static INDArray readArray(DataInputStream data, String source) throws IOException {
    int rank = data.readInt();
    if (rank < 1 || rank > 8) {
      throw new IOException("Cannot read minibatch " + source + ": an array of rank " + rank + " (expected 1 to 8);"
          + " the file is damaged, delete the training scratch directory and train again");
    }
    long[] shape = new long[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = data.readLong();
      if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
        throw new IOException("Cannot read minibatch " + source + ": a dimension of size " + shape[i]
            + "; the file is damaged, delete the training scratch directory and train again");
      }
      count = Math.multiplyExact(count, shape[i]);
    }
    byte[] bytes = new byte[Math.toIntExact(Math.multiplyExact(count, Float.BYTES))];
    data.readFully(bytes);
    float[] values = new float[(int) count];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return Nd4j.create(values, shape, 'c');
  }

  /** What DL4J's {@code fitPaths} workers load each exported path with. */
  public static final class Loader implements DataSetLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public DataSet load(Source source) throws IOException {
      try (InputStream in = source.getInputStream()) {
        return read(in, source.getPath());
      }
    }
  }
}
