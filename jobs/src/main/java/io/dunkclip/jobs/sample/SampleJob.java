package io.dunkclip.jobs.sample;

import io.dunkclip.format.LabelRow;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.sample.GeneratedTape;
import io.dunkclip.sample.SampleTapeGenerator;
import io.dunkclip.sample.TapeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Generates a sample archive: tapes (H.264 + AAC, some with phone rotation tags) and {@code labels.csv}, the ground
 * truth, covering every frame with a 0 or 1 range like a person labelling by ranges would. With
 * {@link SampleConfig#noPlayer} the tapes show the same courts and distractors but no player, and each tape is one
 * 0 range.
 */
public final class SampleJob {
  public static final String LABELS_FILE = "labels.csv";

  private SampleJob() {}

  public static SampleResult run(Configuration conf, SampleConfig config) {
    long started = System.nanoTime();
    List<TapeSpec> specs = config.hd()
        ? hdSet(config)
        : SampleTapeGenerator.defaultSet(config.tapes(), config.seconds(), config.seed());
    if (config.noPlayer()) {
      specs = specs.stream().map(TapeSpec::withoutPlayers).toList();
    }
    if (config.dunkSeconds() != TapeSpec.DUNK_SECONDS_DEFAULT) {
      specs = specs.stream().map(spec -> spec.withDunkSeconds(config.dunkSeconds())).toList();
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("dunkclip-sample-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch directory for sample tapes", e);
    }
    List<GeneratedTape> generated = new ArrayList<>(specs.parallelStream()
        .map(spec -> SampleTapeGenerator.generate(spec, scratch.resolve(spec.name()), config.gopSeconds()))
        .toList());
    generated.sort(Comparator.comparing(t -> t.spec().name()));
    Outputs.mkdirs(config.output(), conf);
    List<LabelRow> rows = new ArrayList<>();
    long frames = 0;
    int events = 0;
    for (GeneratedTape tape : generated) {
      Outputs.writeFile(Outputs.child(config.output(), tape.spec().name()), conf, out -> Files.copy(tape.file(), out));
      rows.addAll(labelRows(tape));
      frames += tape.frameCount();
      events += tape.playerRanges().size();
      delete(tape.file());
    }
    delete(scratch);
    String labels = Outputs.child(config.output(), LABELS_FILE);
    CsvFiles.writeLabels(labels, rows, conf);
    return new SampleResult(config.output(), labels, generated.stream().map(t -> t.spec().name()).toList(), frames,
        events, (System.nanoTime() - started) / 1e9);
  }

  private static List<TapeSpec> hdSet(SampleConfig config) {
    List<TapeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= config.tapes(); i++) {
      specs.add(SampleTapeGenerator.hd(String.format(java.util.Locale.ROOT, "hd-%02d.mp4", i), config.seconds(),
          config.seed() + i));
    }
    return specs;
  }

  /** Full coverage: alternating 0 and 1 ranges from frame 0 to the last frame. */
  public static List<LabelRow> labelRows(GeneratedTape tape) {
    List<LabelRow> rows = new ArrayList<>();
    String video = tape.spec().name();
    long next = 0;
    for (long[] range : tape.playerRanges()) {
      if (range[0] > next) {
        rows.add(new LabelRow(video, FrameRange.of(next, range[0] - 1), 0, 0));
      }
      rows.add(new LabelRow(video, FrameRange.of(range[0], range[1]), 1, 0));
      next = range[1] + 1;
    }
    if (next < tape.frameCount()) {
      rows.add(new LabelRow(video, FrameRange.of(next, tape.frameCount() - 1), 0, 0));
    }
    return rows;
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete scratch file " + path, e);
    }
  }
}
