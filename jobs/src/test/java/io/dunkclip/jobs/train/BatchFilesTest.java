package io.dunkclip.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchFilesTest {

  @Test
  void aBatchReadsBackBitForBitThroughTheLoaderWorkersUse() throws IOException {
    Random random = new Random(3);
    for (long[] shape : new long[][] {{16, 6, 64, 64}, {1, 3, 5, 7}, {5, 2}}) {
      INDArray features = random(random, shape);
      INDArray labels = random(random, shape[0], 1);
      byte[] file = write(new DataSet(features, labels));

      DataSet read = new BatchFiles.Loader().load(source(file, "batch-00000-00000.bin"));
      assertThat(read.getFeatures().shape()).isEqualTo(shape);
      assertThat(read.getFeatures().dataType()).isEqualTo(DataType.FLOAT);
      assertThat(read.getFeatures().data().asFloat()).isEqualTo(features.dup('c').data().asFloat());
      assertThat(read.getLabels().data().asFloat()).isEqualTo(labels.dup('c').data().asFloat());
      // Header and values only: 4 bytes a float.
      long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      assertThat(file.length).isEqualTo(4 + 4 + 8 * shape.length + 4 * count + 4 + 8 * 2 + 4 * shape[0]);
    }
  }

  @Test
  void viewsAndOtherTypesAreWrittenAsTheirValuesInCOrder() throws IOException {
    INDArray whole = Nd4j.arange(0, 4 * 3 * 5).reshape(4, 3, 5).castTo(DataType.DOUBLE);
    INDArray view = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.interval(1, 4))
        .permute(0, 2, 1);
    DataSet read = BatchFiles.read(new ByteArrayInputStream(write(new DataSet(view, Nd4j.ones(2, 1)))), "view");
    assertThat(read.getFeatures().shape()).isEqualTo(new long[] {2, 3, 3});
    assertThat(read.getFeatures().castTo(DataType.DOUBLE)).isEqualTo(view);
  }

  @Test
  void aForeignOrCutOffFileIsRefusedNamingIt() throws IOException {
    assertThatThrownBy(() -> BatchFiles.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), "old.bin"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read minibatch old.bin: not a dunkclip batch file (starts with 0x1020304");
    byte[] file = write(new DataSet(Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 2, 1)));
    byte[] cut = Arrays.copyOf(file, file.length - 3);
    assertThatThrownBy(() -> BatchFiles.read(new ByteArrayInputStream(cut), "cut.bin"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read minibatch cut.bin: the file ends early");
  }

  private static byte[] write(DataSet batch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BatchFiles.write(batch, out);
    return out.toByteArray();
  }

  private static INDArray random(Random random, long... shape) {
    float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return Nd4j.create(values, shape, 'c');
  }

  private static Source source(byte[] bytes, String path) {
    return new Source() {
      @Override
      public InputStream getInputStream() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public String getPath() {
        return path;
      }
    };
  }
}
