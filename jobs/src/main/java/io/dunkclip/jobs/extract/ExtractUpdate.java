package io.dunkclip.jobs.extract;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.dataset.UpdateJournal;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.frames.FrameLayout;
import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.FramesDataset;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.DatasetLock;
import io.dunkclip.jobs.fs.JournaledCommit;
import io.dunkclip.jobs.fs.Outputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code extract --update}: the tapes of this run replace their own frames inside an existing frames dataset, every
 * other tape's files stay as they are. A tape's frames are one directory ({@code video=<name>/} in Parquet,
 * {@code <name>/} as JPEG files), so replacing them is a rename; its rows in {@code _tapes.csv} and {@code _errors.csv}
 * are merged ({@link KeyedTable#replaceRows}).
 *
 * <p>The run writes its tapes to a hidden sibling ({@code .NAME.update-<id>}) as a whole-dataset run does, merges the
 * tables there, then commits the tapes' parts and the tables through a journal ({@link JournaledCommit}). A run killed
 * before the journal leaves the dataset untouched (the next update deletes its staging directory); one killed after
 * it is finished by the next {@code --update} run (or {@link FramesDataset#open}) before anything else. One extract
 * of a dataset runs at a time: {@link ExtractJob} holds the dataset's lock ({@link DatasetLock}) for the whole run,
 * so a second update refuses before any work instead of merging its tables with stale ones or taking a live staging
 * directory for abandoned. A reader sees each tape's old frames, then for a moment none, then the new ones, never a
 * mix.
 *
 * <p>A tape that gives no frames at all in this run (unreadable, no video) keeps its earlier frames and
 * {@code _tapes.csv} row; its error replaces its earlier ones in {@code _errors.csv}. A tape that gives some frames
 * replaces its frames with them, as a whole-dataset run would.
 */
public final class ExtractUpdate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractUpdate.class);

  private ExtractUpdate() {}

  /**
   * Writes the extract output: with {@code config.update()} and an existing dataset at {@code config.output()}, only
   * the tapes {@code writer} writes are replaced in it; otherwise the whole directory is replaced
   * ({@link Outputs#writeDirectory}). {@code writer} fills a new directory as for a whole dataset.
   */
  static <R> R writeDirectory(SparkSession spark, ExtractConfig config, Configuration conf,
      Outputs.DirectoryWriter<R> writer) {
    if (!config.update()) {
      return Outputs.writeDirectory(config.output(), conf, writer);
    }
    Path path = new Path(config.output());
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path dir = fs.makeQualified(path);
      if (!fs.exists(dir)) {
        return Outputs.writeDirectory(config.output(), conf, writer);
      }
      JournaledCommit.finish(fs, conf, dir);
      deleteAbandonedStaging(fs, dir);
      checkLayout(spark, config, fs, dir);
      Path staging = new Path(dir.getParent(), stagingPrefix(dir) + UUID.randomUUID());
      R result;
      UpdateJournal journal;
      try {
        result = writer.write(staging.toString());
        journal = stage(config, fs, conf, dir, staging);
      } catch (Exception e) {
        // Before the journal nothing in the dataset has changed: drop the staged copy and fail as the writer did.
        Outputs.deleteAfterFailure(fs, staging, e);
        throw e;
      }
      JournaledCommit.commit(fs, conf, dir, journal);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update the frames dataset " + config.output() + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code config} updates a dataset that exists (else the run writes a whole dataset). */
  static boolean updatesExisting(ExtractConfig config, Configuration conf) {
    if (!config.update()) {
      return false;
    }
    Path path = new Path(config.output());
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look for the frames dataset " + config.output() + ": " + e.getMessage()
          + " (output=" + config.output() + ")", e);
    }
  }

  /** The hidden sibling names of this dataset's update staging directories. */
  private static String stagingPrefix(Path dir) {
    return "." + dir.getName() + ".update-";
  }

  /**
   * Deletes the staging directories of update runs killed before their journal was written (after
   * {@link JournaledCommit#finish} none is referenced any more): nothing will ever move out of them. Called only
   * under the dataset's lock ({@link ExtractJob} holds it for the whole run), so no staging directory here belongs to
   * a live run.
   */
  private static void deleteAbandonedStaging(FileSystem fs, Path dir) throws IOException {
    deleteStartingWith(fs, dir.getParent(), stagingPrefix(dir), dir);
    // A journal being written when the run was killed (Outputs.writeFile's hidden temporary name).
    deleteStartingWith(fs, dir, JournaledCommit.journalTempPrefix(), dir);
  }

  private static void deleteStartingWith(FileSystem fs, Path parent, String prefix, Path dir) throws IOException {
    for (FileStatus child : fs.listStatus(parent)) {
      if (child.getPath().getName().startsWith(prefix)) {
        LOG.info("Deleting {}, left by an update of {} killed before its commit", child.getPath(), dir);
        fs.delete(child.getPath(), true);
      }
    }
  }

  /**
   * Prepares the staged run for its commit: the merged tables replace the run's own in {@code staging}, and the
   * journal lists the tapes that gave frames.
   */
  private static UpdateJournal stage(ExtractConfig config, FileSystem fs, Configuration conf, Path dir, Path staging)
      throws IOException {
    // Part directory -> tape name, sorted: a rerun must take the same steps in the same order.
    Map<String, String> parts = new TreeMap<>();
    for (FileStatus child : fs.listStatus(staging)) {
      if (FramesDataset.isPart(child)) {
        parts.put(child.getPath().getName(), FramesDataset.tapeOfPart(config.format().id(),
            child.getPath().getName()));
      }
    }
    KeyedTable runTapes = TapeTable.readText(new Path(staging, TapeTable.FILE_NAME).toString(), conf);
    KeyedTable runErrors = sortedRows(ErrorTable.readText(new Path(staging, ErrorTable.FILE_NAME).toString(), conf));
    KeyedTable oldTapes = TapeTable.readText(new Path(dir, TapeTable.FILE_NAME).toString(), conf);
    Path oldErrorsPath = new Path(dir, ErrorTable.FILE_NAME);
    KeyedTable oldErrors = fs.exists(oldErrorsPath) ? ErrorTable.readText(oldErrorsPath.toString(), conf)
        : new KeyedTable(runErrors.header(), List.of());

    Set<String> withFrames = new LinkedHashSet<>(parts.values());
    Set<String> tapesFromRun = new LinkedHashSet<>(withFrames);
    Set<String> known = oldTapes.values(FrameRows.VIDEO);
    for (String tape : runTapes.values(FrameRows.VIDEO)) {
      if (!known.contains(tape)) {
        tapesFromRun.add(tape); // new to the dataset: listed as a whole-dataset run lists it, frames or not
      } else if (!withFrames.contains(tape)) {
        LOG.warn("Keeping the earlier frames of {} in {}: this run read none (see {})", tape, dir,
            ErrorTable.FILE_NAME);
      }
    }
    Set<String> tapesOfRun = new LinkedHashSet<>(runTapes.values(FrameRows.VIDEO));
    tapesOfRun.addAll(runErrors.values(FrameRows.VIDEO));

    // Columns an older table lacks were checked against this run (checkLayout): its values hold for the kept rows.
    Map<String, String> layout = TapeTable.layoutColumns(layoutOf(config));
    CsvFiles.writeTable(new Path(staging, TapeTable.FILE_NAME).toString(),
        oldTapes.replaceRows(runTapes, FrameRows.VIDEO, tapesFromRun, layout), conf);
    CsvFiles.writeTable(new Path(staging, ErrorTable.FILE_NAME).toString(),
        oldErrors.replaceRows(runErrors, FrameRows.VIDEO, tapesOfRun, Map.of()), conf);
    return new UpdateJournal(staging.toString(), List.copyOf(parts.keySet()),
        List.of(TapeTable.FILE_NAME, ErrorTable.FILE_NAME));
  }

  /**
   * The run's error rows in a fixed order: they arrive in the order the tasks finished, and a rerun of an interrupted
   * update must write the same table as one uninterrupted run.
   */
  private static KeyedTable sortedRows(KeyedTable table) {
    Comparator<List<String>> byValues = (a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b));
    return new KeyedTable(table.header(), table.rows().stream().sorted(byValues).toList());
  }

  /** How this run makes frames. */
  static FrameLayout layoutOf(ExtractConfig config) {
    return new FrameLayout(config.width(), config.height(), config.fit(), config.format().id(), config.imageFormat());
  }

  /**
   * Refuses to update a directory that is not a frames dataset, or with options that would put frames of another
   * size, fit, layout or encoding beside the existing ones (train and detect read one kind per dataset).
   */
  private static void checkLayout(SparkSession spark, ExtractConfig config, FileSystem fs, Path dir)
      throws IOException {
    if (!fs.exists(new Path(dir, TapeTable.FILE_NAME))) {
      throw new IllegalArgumentException("Cannot update " + config.output() + ": it is not a dunkclip frames dataset"
          + " (no " + TapeTable.FILE_NAME + " in it) (output=" + config.output() + "); drop --update to replace it"
          + " or choose another --output");
    }
    FrameLayout.Differences differences = FramesDataset.layout(spark, fs, dir).differences(layoutOf(config));
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("Cannot update the frames dataset " + config.output() + ": its frames were"
          + " made with other options than this run's (" + String.join(", ", differences.differences())
          + "); drop --update to replace the whole dataset or use " + String.join(" ", differences.fixes()));
    }
  }
}
