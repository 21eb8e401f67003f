package io.dunkclip.jobs.nightly;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.detect.DetectJob;
import io.dunkclip.jobs.detect.DetectOutput;
import io.dunkclip.jobs.detect.DetectResult;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.nightly.LedgerEntry.Outcome;
import io.dunkclip.jobs.render.RenderConfig;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderResult;
import io.dunkclip.jobs.render.RenderedClip;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.model.ModelMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes every tape of an archive that this model has not processed yet (new, modified, or failed with attempts
 * left). Each tape runs as its own detect and render (Spark jobs over its segments and clips, in {@code .work/}),
 * and {@code parallelTapes} tapes are in flight at once; the driver commits each tape as it finishes — its clips
 * directory by rename, then its ledger entry — and rewrites the manifest. See {@link Ledger} for the layout and why
 * a {@code kill -9} at any point followed by a rerun gives exactly the clips and manifest of an uninterrupted run.
 *
 * <p>A tape counts as unchanged when its size and modification time equal its ledger entry's; only when they differ
 * is it checksummed, and if the checksum equals the entry's (copied again, touched) the entry is re-stamped and the
 * tape is not processed again. A modified tape's clips are replaced as a whole.
 *
 * <p>A tape that is truncated or damaged part way is clipped as detect finds it on its readable frames and committed
 * as {@code damaged}, the damage recorded as the entry's reason (it is not retried: the same bytes give the same
 * frames; a changed file is processed again). Only a tape of which no frame could be scored fails.
 *
 * <p>An archive that names no tape file that exists (a typo in the path, a glob that matches nothing) does nothing:
 * no ledger entry is written and nothing is created at the output ({@link NightlyResult#archiveNotFound()}).
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  private NightlyJob() {}

  /** A tape this run will process, and what the ledger knew of it. */
  private record Candidate(TapeRef tape, String sha256, int priorAttempts, String why) {}

  /** One tape's processing, done on a driver thread; committed by the main thread. */
  private record TapeRun(Candidate candidate, String workDir, String tapeDir, String error, String damage,
      List<RenderedClip> manifest, List<ClipRow> clips, long frames, double seconds) {}

  public static NightlyResult run(SparkSession spark, NightlyConfig config, Consumer<String> progress) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = sc.hadoopConfiguration();
    OutputGuard.checkWritable("nightly", "output", config.output(), conf);
    ModelMetadata metadata = DetectJob.readMetadata(DetectJob.readModelFile(config.model(), conf), config.model());
    String root = Outputs.child(config.output(), metadata.modelVersion());
    List<TapeRef> tapes;
    try {
      tapes = TapeInputs.resolve(config.archive(), conf);
    } catch (TapeInputs.NoTapesException e) {
      LOG.warn("Nightly did nothing: {}", e.getMessage());
      return NightlyResult.nothingFound(metadata.modelVersion(), root,
          List.of(new TapeError("", config.archive(), "list", e.getMessage(), 0)), (System.nanoTime() - started) / 1e9);
    }
    if (tapes.stream().noneMatch(TapeRef::usable)) {
      // A typo in --archive: recording it would make a permanent ledger entry for a tape that never existed.
      LOG.warn("Nightly did nothing: no tape file of {} exists", config.archive());
      return NightlyResult.nothingFound(metadata.modelVersion(), root, tapes.stream()
          .map(TapeError::unlisted).toList(),
          (System.nanoTime() - started) / 1e9);
    }
    Ledger ledger = Ledger.open(root, conf);

    int skipped = 0;
    int newFailures = 0;
    List<Candidate> candidates = new ArrayList<>();
    List<TapeRef> toChecksum = new ArrayList<>();
    for (TapeRef tape : tapes) {
      LedgerEntry entry = ledger.entry(tape.name());
      if (entry != null && entry.sameVersion(tape)) {
        Candidate retry = settled(ledger, config, tape, entry);
        if (retry == null) {
          skipped += entry.outcome().committed() ? 1 : 0;
        } else if (tape.usable()) {
          candidates.add(retry);
        } else {
          newFailures += recordFailure(ledger, config, tape, "", entry, tape.problem(), null) ? 1 : 0;
        }
      } else if (!tape.usable()) {
        newFailures += recordFailure(ledger, config, tape, "", entry, tape.problem(), null) ? 1 : 0;
      } else {
        toChecksum.add(tape);
      }
    }
    Map<String, Checksums.Checksum> checksums = Checksums.compute(sc, toChecksum, new HadoopConf(conf));
    for (TapeRef tape : toChecksum) {
      LedgerEntry entry = ledger.entry(tape.name());
      Checksums.Checksum checksum = checksums.get(tape.name());
      if (checksum.error() != null) {
        newFailures += recordFailure(ledger, config, tape, "", entry, checksum.error(), null) ? 1 : 0;
      } else if (entry != null && !entry.sha256().isEmpty() && entry.sha256().equals(checksum.sha256())) {
        // Same bytes under a new size/mtime stamp: the earlier outcome stands.
        LedgerEntry restamped = entry.restamped(tape);
        ledger.update(restamped);
        Candidate retry = settled(ledger, config, tape, restamped);
        if (retry != null) {
          candidates.add(retry);
        } else if (entry.outcome().committed()) {
          skipped++;
        }
      } else {
        candidates.add(new Candidate(tape, checksum.sha256(), 0, entry == null ? "new" : "modified"));
      }
    }

    long totalBytes = candidates.stream().mapToLong(c -> c.tape().size()).sum();
    Map<String, Long> why = candidates.stream().collect(Collectors.groupingBy(Candidate::why, Collectors.counting()));
    progress.accept(String.format(Locale.ROOT,
        "nightly: model %s: %d tape(s) in the archive; %d to process (%d new, %d modified, %d retried, %s), "
            + "%d already done", metadata.modelVersion(), tapes.size(), candidates.size(), why.getOrDefault("new", 0L),
        why.getOrDefault("modified", 0L), why.getOrDefault("retry", 0L), bytes(totalBytes), skipped));

    int processed = 0;
    int newDamaged = 0;
    int clipsWritten = 0;
    if (!candidates.isEmpty()) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelTapes(), candidates.size()),
          runnable -> {
            Thread thread = new Thread(runnable, "dunkclip-nightly-tape");
            thread.setDaemon(true);
            return thread;
          });
      try {
        CompletionService<TapeRun> runs = new ExecutorCompletionService<>(pool);
        for (Candidate candidate : candidates) {
          String workDir = ledger.newWorkDir(candidate.tape().name());
          runs.submit(() -> process(spark, config, candidate, workDir, conf));
        }
        long doneBytes = 0;
        for (int done = 1; done <= candidates.size(); done++) {
          TapeRun run = runs.take().get();
          TapeRef tape = run.candidate().tape();
          if (run.error() == null) {
            boolean damaged = run.damage() != null;
            LedgerEntry entry = new LedgerEntry(tape.name(), tape.uri(), tape.size(), tape.modificationTime(),
                run.candidate().sha256(), damaged ? Outcome.DAMAGED : Outcome.OK, run.candidate().priorAttempts() + 1,
                damaged ? run.damage() : "", run.manifest().size(), UUID.randomUUID().toString());
            ledger.commitOk(entry, run.tapeDir(), run.workDir(), run.manifest(), run.clips());
            if (damaged) {
              LOG.warn("Tape {} is damaged; the clips of its readable part were committed: {}", tape.uri(),
                  run.damage());
              newDamaged++;
            }
            processed++;
            clipsWritten += run.manifest().size();
          } else {
            newFailures += recordFailure(ledger, config, tape, run.candidate().sha256(), ledger.entry(tape.name()),
                run.error(), run) ? 1 : 0;
          }
          ledger.writeSummaries();
          doneBytes += tape.size();
          progress.accept(tapeLine(done, candidates.size(), run, ledger.entry(tape.name()), doneBytes, totalBytes,
              (System.nanoTime() - started) / 1e9));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot finish the nightly run: interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Cannot finish the nightly run: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    ledger.writeSummaries();
    ledger.finish();

    List<LedgerEntry> problems = ledger.entries().values().stream()
        .filter(e -> e.outcome() != Outcome.OK && tapes.stream().anyMatch(t -> t.name().equals(e.video())))
        .toList();
    int failed = (int) problems.stream().filter(e -> e.outcome() == Outcome.FAILED).count();
    int quarantined = (int) problems.stream().filter(e -> e.outcome() == Outcome.QUARANTINED).count();
    int damaged = (int) problems.stream().filter(e -> e.outcome() == Outcome.DAMAGED).count();
    return new NightlyResult(metadata.modelVersion(), ledger.root(), tapes.size(), processed, skipped, failed,
        quarantined, damaged, newFailures, newDamaged, clipsWritten, (System.nanoTime() - started) / 1e9, problems,
        List.of());
  }

  /**
   * A tape whose processed version is unchanged: nothing to do unless it failed with attempts left (then it is a
   * retry). A failed tape out of attempts (the limit was lowered) is quarantined now.
   */
  private static Candidate settled(Ledger ledger, NightlyConfig config, TapeRef tape, LedgerEntry entry) {
    if (entry.outcome() != Outcome.FAILED) {
      return null;
    }
    if (entry.attempts() < config.maxAttempts()) {
      return new Candidate(tape, entry.sha256(), entry.attempts(), "retry");
    }
    ledger.update(new LedgerEntry(entry.video(), entry.uri(), entry.size(), entry.modified(), entry.sha256(),
        Outcome.QUARANTINED, entry.attempts(), entry.reason(), 0, ""));
    return null;
  }

  /** Records a failed attempt; returns true (it is a failure of this run). Out of attempts, the tape is quarantined. */
  private static boolean recordFailure(Ledger ledger, NightlyConfig config, TapeRef tape, String sha256,
      LedgerEntry previous, String reason, TapeRun run) {
    boolean sameVersion = previous != null && !previous.outcome().committed() && previous.sameVersion(tape)
        || previous != null && !sha256.isEmpty() && sha256.equals(previous.sha256());
    int attempts = (sameVersion ? previous.attempts() : 0) + 1;
    Outcome outcome = attempts >= config.maxAttempts() ? Outcome.QUARANTINED : Outcome.FAILED;
    ledger.commitFailure(new LedgerEntry(tape.name(), tape.uri(), tape.size(), tape.modificationTime(),
        sha256, outcome, attempts, reason, 0, ""), run == null ? null : run.workDir());
    LOG.warn("Tape {} {} (attempt {} of {}): {}", tape.uri(), outcome.label(), attempts, config.maxAttempts(), reason);
    return true;
  }

  /** Detects and renders one tape into {@code workDir}; a failure is returned as the reason, never thrown. */
  private static TapeRun process(SparkSession spark, NightlyConfig config, Candidate candidate, String workDir,
      Configuration conf) {
    long started = System.nanoTime();
    TapeRef tape = candidate.tape();
    String detectDir = Outputs.child(workDir, "detect");
    String tapeDir = Outputs.child(workDir, "tape");
    try {
      // The tape as this run found it: detect and render neither resolve nor probe it again.
      DetectResult detect = DetectJob.run(spark, config.detectTape(tape, detectDir));
      String damage = null;
      if (!detect.errors().isEmpty()) {
        String reasons = detect.errors().stream().map(TapeError::reason).collect(Collectors.joining("; "));
        if (detect.tapes() == 0 || detect.scoredFrames() == 0) {
          return failure(candidate, workDir, tapeDir, reasons, started);
        }
        // Truncated or damaged part way: detect scored the frames before the damage; clip what it found there.
        damage = reasons;
      }
      RenderResult render = RenderJob.run(spark, RenderConfig.builder().clips(detect.clipsCsv())
          .tapes(detect.tapeFiles(), detect.tapeInfos()).output(tapeDir).build());
      if (!render.failed().isEmpty()) {
        return failure(candidate, workDir, tapeDir, render.failed().stream()
            .map(c -> "render clip " + c.clip() + ": " + c.error()).collect(Collectors.joining("; ")), started);
      }
      CsvFiles.writeClips(Outputs.child(tapeDir, Ledger.CLIPS), detect.clips(), conf);
      Path scores = new Path(detect.output().scoresDir());
      FileSystem fs = scores.getFileSystem(conf);
      if (!fs.rename(scores, new Path(Outputs.child(tapeDir, DetectOutput.SCORES_DIR)))) {
        throw new IOException("could not move " + scores + " into " + tapeDir);
      }
      return new TapeRun(candidate, workDir, tapeDir, null, damage, render.clips(), detect.clips(), detect.frames(),
          (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      return failure(candidate, workDir, tapeDir, "cannot stage its clips: " + e.getMessage(), started);
    } catch (RuntimeException e) {
      // A task failure surfaces as whatever Spark or FFmpeg threw: the tape is recorded with it, the others go on.
      LOG.warn("Tape {} failed", tape.uri(), e);
      return failure(candidate, workDir, tapeDir, e.getMessage() != null ? e.getMessage() : e.toString(), started);
    }
  }

  private static TapeRun failure(Candidate candidate, String workDir, String tapeDir, String reason, long started) {
    return new TapeRun(candidate, workDir, tapeDir, reason, null, List.of(), List.of(), 0,
        (System.nanoTime() - started) / 1e9);
  }

  private static String tapeLine(int done, int total, TapeRun run, LedgerEntry entry, long doneBytes,
      long totalBytes, double elapsed) {
    String what;
    if (run.error() != null) {
      what = entry.outcome().label() + " (attempt " + entry.attempts() + "): " + run.error();
    } else if (run.damage() != null) {
      what = String.format(Locale.ROOT, "damaged: %d clip(s) of its %d readable frames: %s", run.manifest().size(),
          run.frames(), run.damage());
    } else {
      what = String.format(Locale.ROOT, "ok: %d clip(s), %d frames", run.manifest().size(), run.frames());
    }
    double eta = doneBytes > 0 ? elapsed * (totalBytes - doneBytes) / doneBytes : 0;
    return String.format(Locale.ROOT, "nightly: [%d/%d] %s %s in %.1f s; %.0f%% done, ETA %s", done, total,
        run.candidate().tape().name(), what, run.seconds(), totalBytes > 0 ? 100.0 * doneBytes / totalBytes : 100,
        clock(eta));
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  private static String bytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
