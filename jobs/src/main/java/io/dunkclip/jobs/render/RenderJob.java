package io.dunkclip.jobs.render;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.fs.ScratchFiles;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.LocalTapes;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.video.ClipCopier;
import io.dunkclip.video.ClipWriter;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Writes every clip of a clips.csv as its own video, one Spark task per clip, plus {@code manifest.csv}. Each file is
 * encoded on the executor's local disk, copied to the output filesystem under a hidden temporary name and renamed:
 * a clip file visible under its final name is always complete.
 *
 * <p>Before any work the output is checked ({@link #claim}): only a directory that render wrote is written into.
 * Rendering again into it removes the clip and reel files its earlier {@code manifest.csv} and {@code reels.csv}
 * listed that the new ones do not (after the new manifest is written); no other file is touched. Scratch files go to
 * a per-run folder ({@link ScratchFiles}), each deleted when its clip is done.
 */
public final class RenderJob {
  /** The command the output's marker names. */
  static final String COMMAND = "render";
  public static final String MANIFEST = "manifest.csv";
  /** With --reel: one row per tape's highlight reel (clip 0, the span from its first to its last clip). */
  public static final String REELS = "reels.csv";
  private static final String[] MANIFEST_HEADER = {"video", "clip", "start_frame", "end_frame", "file", "frames",
      "audio_samples", "seconds", "error", "file_start_frame", "file_end_frame", "mode"};

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RenderJob.class);

  private RenderJob() {}

  /**
   * What render writes: clip files and manifests inside {@code --output}; an unmarked output from before the marker is
   * proven render's by its {@code manifest.csv}.
   */
  public static OutputGuard.Claim claim(RenderConfig config) {
    OutputGuard.Claim claim = OutputGuard.Claim.of(COMMAND, "output", config.output(), false)
        .reading("clips", config.clips());
    if (config.tapes() == null) {
      claim = claim.reading("input", config.input());
    } else {
      for (int i = 0; i < config.tapes().size(); i++) {
        claim = claim.reading(config.tapes().size() == 1 ? "input" : "input " + (i + 1), config.tapes().get(i).uri());
      }
    }
    return claim.provenBy(MANIFEST);
  }

  public static RenderResult run(SparkSession spark, RenderConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    OutputGuard.check(claim(config), conf.get());
    List<ClipRow> clips = CsvFiles.readClips(config.clips(), conf.get());
    List<TapeRef> tapeFiles = config.tapes() != null ? config.tapes() : TapeInputs.resolve(config.input(), conf.get());
    Map<String, TapeRef> tapesByName = tapeFiles.stream()
        .collect(Collectors.toMap(TapeRef::name, Function.identity()));
    List<TapeRef> needed = new ArrayList<>();
    for (ClipRow clip : clips) {
      TapeRef tape = tapesByName.get(clip.video());
      if (tape == null) {
        throw new IllegalArgumentException("Cannot render clip " + clip.clip() + " of " + clip.video()
            + ": no such tape among the inputs (input=" + config.input() + ", clips=" + config.clips() + ")");
      }
      if (!needed.contains(tape)) {
        needed.add(tape);
      }
    }
    ProbedTapes probed = config.tapeInfos().keySet().containsAll(needed.stream().map(TapeRef::name).toList())
        ? new ProbedTapes(needed, config.tapeInfos(), List.of())
        : ProbedTapes.probe(sc, needed, conf);
    Broadcast<Map<String, TapeInfo>> infos = sc.broadcast(probed.infos());
    Outputs.mkdirs(config.output(), conf.get());
    OutputGuard.mark(config.output(), COMMAND, conf.get());
    String output = config.output();
    java.util.Set<String> earlierFiles = listedFiles(output, conf.get());
    String runId = java.util.UUID.randomUUID().toString();
    try {
      return renderAll(sc, config, clips, tapesByName, needed, probed, infos, output, runId, earlierFiles, conf,
          started);
    } finally {
      ScratchFiles.deleteRunDir(runId);
    }
  }

  private static RenderResult renderAll(JavaSparkContext sc, RenderConfig config, List<ClipRow> clips,
      Map<String, TapeRef> tapesByName, List<TapeRef> needed, ProbedTapes probed,
      Broadcast<Map<String, TapeInfo>> infos, String output, String runId, java.util.Set<String> earlierFiles,
      HadoopConf conf, long started) {

    // One rule names every tape's files, so two tapes never write one file (same.mp4, same.mov).
    Map<String, String> stems = ClipNames.stems(needed.stream().map(TapeRef::name).toList());
    List<Tuple2<TapeRef, ClipRow>> work = new ArrayList<>();
    List<RenderedClip> rendered = new ArrayList<>();
    for (ClipRow clip : clips) {
      TapeRef tape = tapesByName.get(clip.video());
      TapeInfo info = probed.infos().get(tape.name());
      if (info == null) {
        rendered.add(failure(clip, "the tape cannot be read: " + probed.errors().stream()
            .filter(e -> e.tape().equals(tape.name())).map(e -> e.reason()).findFirst().orElse("unknown")));
      } else if (clip.range().last() >= info.frameCount()) {
        // Known before any decoding: this clip fails alone, the others are written.
        rendered.add(failure(clip, "frames " + clip.range().first() + ".." + clip.range().last()
            + " run past the tape's last frame " + (info.frameCount() - 1)));
      } else {
        work.add(new Tuple2<>(tape, clip));
      }
    }
    sc.setJobDescription("dunkclip: render " + work.size() + " clip(s)");
    double slowmo = config.slowmo();
    boolean copy = config.copy();
    if (!work.isEmpty()) {
      rendered.addAll(sc.parallelize(work, work.size())
          .map(job -> render(job._1(), List.of(job._2()),
              ClipNames.clipFileName(stems.get(job._1().name()), job._2().video(), job._2().clip()),
              infos.value().get(job._1().name()), output, slowmo, copy, conf, runId))
          .collect());
    }
    if (config.reel()) {
      Map<TapeRef, List<ClipRow>> byTape = new java.util.LinkedHashMap<>();
      for (Tuple2<TapeRef, ClipRow> job : work) {
        byTape.computeIfAbsent(job._1(), t -> new ArrayList<>()).add(job._2());
      }
      List<Tuple2<TapeRef, List<ClipRow>>> reels = new ArrayList<>();
      byTape.forEach((tape, rows) -> reels.add(new Tuple2<>(tape, rows)));
      sc.setJobDescription("dunkclip: render " + reels.size() + " reel(s)");
      if (!reels.isEmpty()) {
        List<RenderedClip> reelFiles = sc.parallelize(reels, reels.size())
            .map(job -> render(job._1(), job._2(), ClipNames.reelFileName(stems.get(job._1().name())),
                infos.value().get(job._1().name()), output, slowmo, copy, conf, runId))
            .collect();
        writeManifest(Outputs.child(output, REELS), reelFiles, conf);
        reelFiles.forEach(r -> earlierFiles.remove(r.file()));
      }
    }
    rendered.sort(java.util.Comparator.comparing(RenderedClip::video).thenComparingInt(RenderedClip::clip));
    writeManifest(Outputs.child(output, MANIFEST), rendered, conf);
    rendered.forEach(r -> earlierFiles.remove(r.file()));
    removeUnlisted(output, earlierFiles, conf.get());
    List<RenderedClip> ok = rendered.stream().filter(c -> c.error() == null).toList();
    List<RenderedClip> failed = rendered.stream().filter(c -> c.error() != null).toList();
    return new RenderResult(output, ok, failed, (System.nanoTime() - started) / 1e9);
  }

  /**
   * The clip and reel files that the output's earlier manifest.csv and reels.csv list (plain names inside it), so a
   * new render can remove those it no longer lists; empty for a new output.
   */
  private static java.util.Set<String> listedFiles(String output, Configuration conf) {
    java.util.Set<String> files = new java.util.TreeSet<>();
    for (String name : List.of(MANIFEST, REELS)) {
      String manifest = Outputs.child(output, name);
      try {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(manifest);
        if (!path.getFileSystem(conf).exists(path)) {
          continue;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the earlier " + manifest + ": " + e.getMessage(), e);
      }
      for (RenderedClip row : readManifest(manifest, conf)) {
        if (row.file().matches("[A-Za-z0-9._-]+") && !row.file().startsWith(".") && !row.file().startsWith("_")) {
          files.add(row.file());
        }
      }
    }
    return files;
  }

  /** Deletes the earlier run's clip files that the new manifests do not list. */
  private static void removeUnlisted(String output, java.util.Set<String> stale, Configuration conf) {
    for (String name : stale) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(Outputs.child(output, name));
      try {
        path.getFileSystem(conf).delete(path, false);
        LOG.info("Removed {}: an earlier render's clip that the new manifest does not list", path);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the earlier clip " + path + " that the new manifest does not "
            + "list: " + e.getMessage() + " (output=" + output + "); delete it by hand", e);
      }
    }
  }

  private static RenderedClip failure(ClipRow clip, String reason) {
    return new RenderedClip(clip.video(), clip.clip(), clip.range().first(), clip.range().last(), "", 0, 0, 0,
        reason, -1, -1, "");
  }

  /** Renders one clip (one row) or a tape's reel (all its rows, clip number 0 in the reels manifest). */
  private static RenderedClip render(TapeRef tape, List<ClipRow> rows, String name, TapeInfo info, String output,
      double slowmo, boolean copy, HadoopConf conf, String runId) {
    int number = rows.size() == 1 ? rows.get(0).clip() : 0;
    long first = rows.get(0).range().first();
    long last = rows.get(rows.size() - 1).range().last();
    List<long[]> ranges = rows.stream().map(r -> new long[] {r.range().first(), r.range().last()}).toList();
    Path local = null;
    try {
      local = Files.createTempFile(ScratchFiles.runDir(runId), "clip-", "-" + name);
      RenderedClip done;
      if (copy) {
        // Stream copy opens the tape with FFmpeg's own demuxer by path: a tape off the local disk is copied once per
        // executor (LocalTapes) for it.
        ClipCopier.Copied copied = ClipCopier.copy(LocalTapes.localFile(tape, conf.get()), info, ranges, local);
        done = new RenderedClip(tape.name(), number, first, last, name, copied.frames(), copied.audioSamples(),
            copied.seconds(), null, copied.firstFrame(), copied.lastFrame(), RenderedClip.COPY);
      } else {
        ClipWriter.Written written = ClipWriter.write(TapeSources.of(tape, conf.get()), info, ranges, local,
            slowmo);
        done = new RenderedClip(tape.name(), number, first, last, name, written.frames(), written.audioSamples(),
            written.seconds(), null, first, last, RenderedClip.ENCODE);
      }
      Path source = local;
      Outputs.writeFile(Outputs.child(output, name), conf.get(), out -> Files.copy(source, out));
      return done;
    } catch (TapeException e) {
      return new RenderedClip(tape.name(), number, first, last, "", 0, 0, 0, e.reason(), -1, -1, "");
    } catch (IOException e) {
      return new RenderedClip(tape.name(), number, first, last, "", 0, 0, 0,
          "local scratch file failed: " + e.getMessage(), -1, -1, "");
    } catch (RuntimeException e) {
      // Whatever else stops this one file (a range the writer refuses, the output refusing the copy) fails this clip
      // alone: it is logged with its trace here and reported in the manifest, and the other clips go on.
      LOG.warn("Cannot render {} of {}", name, tape.name(), e);
      return new RenderedClip(tape.name(), number, first, last, "", 0, 0, 0, "cannot write " + name + ": "
          + e.getMessage(), -1, -1, "");
    } finally {
      if (local != null) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException e) {
          // The clip itself is committed or reported; a leftover temp file is only disk space. Say so.
          LOG.warn("Could not delete scratch file {}", local, e);
        }
      }
    }
  }

  /** Writes a manifest (render's columns) atomically; rows in the order given. */
  public static void writeManifest(String target, List<RenderedClip> clips, HadoopConf conf) {
    Outputs.writeFile(target, conf.get(), out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = CsvFormats.printer(writer, List.of(MANIFEST_HEADER))) {
        for (RenderedClip clip : clips) {
          csv.printRecord(clip.video(), clip.clip(), clip.startFrame(), clip.endFrame(), clip.file(), clip.frames(),
              clip.audioSamples(), String.format(Locale.ROOT, "%.3f", clip.seconds()),
              clip.error() == null ? "" : clip.error(), clip.error() == null ? clip.fileStartFrame() : "",
              clip.error() == null ? clip.fileEndFrame() : "", clip.mode());
        }
      }
    });
  }

  /** Reads a manifest written by {@link #writeManifest}; an empty {@code error} cell is a rendered clip. */
  public static List<RenderedClip> readManifest(String location, Configuration conf) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    try (Reader reader = new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8);
        CSVParser csv = CsvFormats.parser(reader)) {
      List<RenderedClip> clips = new ArrayList<>();
      for (CSVRecord row : csv) {
        String error = row.get("error");
        long start = Long.parseLong(row.get("start_frame"));
        long end = Long.parseLong(row.get("end_frame"));
        // Manifests written before --copy have no file_* or mode columns: their files hold exactly start..end.
        boolean hasFileRange = row.isMapped("file_start_frame") && !row.get("file_start_frame").isEmpty();
        clips.add(new RenderedClip(row.get("video"), Integer.parseInt(row.get("clip")), start, end, row.get("file"),
            Long.parseLong(row.get("frames")), Long.parseLong(row.get("audio_samples")),
            Double.parseDouble(row.get("seconds")), error.isEmpty() ? null : error,
            hasFileRange ? Long.parseLong(row.get("file_start_frame")) : start,
            hasFileRange ? Long.parseLong(row.get("file_end_frame")) : end,
            row.isMapped("mode") ? row.get("mode") : RenderedClip.ENCODE));
      }
      return clips;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(new IOException("Cannot read manifest " + location + ": " + e.getMessage(), e));
    }
  }

}
