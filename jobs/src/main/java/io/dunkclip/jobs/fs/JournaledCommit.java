package io.dunkclip.jobs.fs;

import io.dunkclip.dataset.PartCommit;
import io.dunkclip.dataset.UpdateJournal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces some parts (directories) and files of a directory with staged ones, so that a crash at any step leaves a
 * state the next run finishes: the journal ({@link #JOURNAL}, which Spark and Hadoop readers skip) is written into
 * the directory first and names what moves in; from then on the change is decided, each part is moved in by renames
 * ({@link PartCommit}), then each file ({@link Outputs#replace}), then the staging directory and the journal are
 * deleted. {@link #finish} completes a commit a killed run left behind; a reader sees each part's old contents, then
 * for a moment none, then the new ones, never a mix. The caller holds the directory's lock.
 */
public final class JournaledCommit {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledCommit.class);

  /** The journal of a decided commit, inside the directory. */
  public static final String JOURNAL = "_update.journal";

  /**
   * Runs after every step of a commit: a test sets it to throw at a chosen step, which leaves the filesystem exactly
   * as a {@code kill -9} there would (nothing after a step runs).
   */
  public static volatile Runnable afterStep = () -> {};

  private JournaledCommit() {}

  /** Whether {@code dir} holds the journal of a commit that has not finished. */
  public static boolean pending(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, JOURNAL));
  }

  /** Decides {@code journal} by writing it into {@code dir}, then commits it. */
  public static void commit(FileSystem fs, Configuration conf, Path dir, UpdateJournal journal) throws IOException {
    afterStep.run();
    Outputs.writeFile(new Path(dir, JOURNAL).toString(), conf, out -> {
      Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      journal.write(text);
      text.flush();
    });
    afterStep.run();
    apply(fs, conf, dir, journal);
  }

  /** Finishes the commit a killed run left in {@code dir} (its journal exists); does nothing otherwise. */
  public static void finish(FileSystem fs, Configuration conf, Path dir) throws IOException {
    Path journalPath = new Path(dir, JOURNAL);
    if (!fs.exists(journalPath)) {
      return;
    }
    UpdateJournal journal;
    try (Reader reader = new InputStreamReader(fs.open(journalPath), StandardCharsets.UTF_8)) {
      journal = UpdateJournal.read(reader, journalPath.toString());
    }
    LOG.warn("Finishing the update of {} that an earlier run left half-committed ({} part(s))", dir,
        journal.parts().size());
    apply(fs, conf, dir, journal);
  }

  /** The hidden name {@link Outputs#writeFile} gives the journal while writing it: a killed run may leave it. */
  public static String journalTempPrefix() {
    return "." + JOURNAL + ".tmp-";
  }

  /** Moves every part, then every file, of a decided commit into {@code dir}; safe to run again after a crash. */
  private static void apply(FileSystem fs, Configuration conf, Path dir, UpdateJournal journal) throws IOException {
    Path staging = new Path(journal.staging());
    for (String part : journal.parts()) {
      Path staged = new Path(staging, part);
      Path live = new Path(dir, part);
      Path aside = new Path(dir, PartCommit.asideName(part));
      for (PartCommit.Step step : PartCommit.remaining(live.toString(), fs.exists(staged), fs.exists(live),
          fs.exists(aside))) {
        switch (step) {
          case MOVE_ASIDE -> rename(fs, live, aside);
          case MOVE_IN -> rename(fs, staged, live);
          case DELETE_ASIDE -> fs.delete(aside, true);
        }
        afterStep.run();
      }
    }
    for (String file : journal.files()) {
      Path staged = new Path(staging, file);
      if (fs.exists(staged)) {
        Outputs.replace(fs, conf, staged, new Path(dir, file));
        afterStep.run();
      }
    }
    fs.delete(staging, true);
    afterStep.run();
    fs.delete(new Path(dir, JOURNAL), false);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}
