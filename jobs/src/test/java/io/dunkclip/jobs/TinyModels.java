package io.dunkclip.jobs;

import io.dunkclip.model.Architectures;
import io.dunkclip.model.DunkModel;
import io.dunkclip.model.FrameScorer;
import io.dunkclip.model.ModelMetadata;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeInfo;
import io.dunkclip.video.TapeProbe;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small real models for tests that need one but not a good one: a 32x32 small-cnn fitted in one JVM (plain DL4J, no
 * Spark) for a few epochs on the frames of one generated tape. The clips it finds need not be right, only the same
 * on every run with the same model file. Different seeds give different weights, so different model versions.
 */
public final class TinyModels {
  public static final int SIDE = 32;

  private TinyModels() {}

  /** Trains and writes a model file; its threshold is 0.5 so that a barely trained model still finds clips. */
  public static ModelMetadata train(Path modelFile, long seed, int epochs) throws Exception {
    return train(modelFile, new TapeSpec("train.mp4", 16, 15, 160, 90, 0, seed), epochs);
  }

  /** As {@link #train(Path, long, int)}, on the frames of a tape of {@code spec} (its seed seeds the network). */
  public static ModelMetadata train(Path modelFile, TapeSpec spec, int epochs) throws Exception {
    long seed = spec.seed();
    Path tapeFile = Files.createTempFile("dunkclip-tiny-", ".mp4");
    try {
      GeneratedTape tape = SampleTapeGenerator.generate(spec, tapeFile);
      TapeInfo info = TapeProbe.probe(tapeFile, "train.mp4");
      List<byte[]> frames = new ArrayList<>();
      try (FrameReader reader = new FrameReader(tapeFile, info, SIDE, SIDE)) {
        reader.read(0, info.frameCount() - 1, frame -> frames.add(frame.rgb()));
      }
      float[] labels = new float[frames.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = tape.playerVisible(i) ? 1f : 0f;
      }
      INDArray features = FrameScorer.features(frames, SIDE, SIDE, ModelMetadata.NORMALISATION_CENTRED);
      DataSet all = new DataSet(features, Nd4j.create(labels, new long[] {labels.length, 1}));
      ComputationGraph network = Architectures.build(Architectures.SMALL_CNN, SIDE, SIDE, seed, 3e-3);
      for (int epoch = 0; epoch < epochs; epoch++) {
        all.shuffle(seed + epoch);
        for (DataSet batch : all.batchBy(32)) {
          network.fit(batch);
        }
      }
      ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "", Architectures.SMALL_CNN, SIDE,
          SIDE, ModelMetadata.FIT_STRETCH, ModelMetadata.NORMALISATION_CENTRED, 0.5, List.of("train.mp4"),
          "generated", Instant.now().toString(), null, null, null, null, null, null);
      Files.createDirectories(modelFile.getParent());
      try (OutputStream out = Files.newOutputStream(modelFile)) {
        return DunkModel.write(network, metadata, out);
      }
    } finally {
      Files.deleteIfExists(tapeFile);
    }
  }
}
