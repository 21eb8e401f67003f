package io.dunkclip.jobs.extract;

import io.dunkclip.dataset.KeyedTable;
import io.dunkclip.dataset.PartCommit;
import io.dunkclip.dataset.UpdateJournal;
import io.dunkclip.jobs.spark.CsvFiles;
import io.dunkclip.jobs.spark.DatasetLock;
import io.dunkclip.jobs.spark.Outputs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * {@code extract --update}: the tapes of this run replace their own frames inside an existing frames dataset, every
 * other tape's files stay as they are. A tape's frames are one directory ({@code video=<name>/} in Parquet,
 * {@code <name>/} as JPEG files), so replacing them is a rename; its rows in {@code _tapes.csv} and {@code _errors.csv}
 * are merged ({@link KeyedTable#replaceRows}).
 *
 * <p>The run writes its tapes to a hidden sibling ({@code .NAME.update-<id>}) as a whole-dataset run does, merges the
 * tables there, then writes {@code _update.journal} in the dataset (which Spark and Hadoop readers skip) naming what
 * moves in. From then on the update is decided: each part is moved in by renames ({@link PartCommit}), then the tables,
 * then the journal is deleted. A run killed before the journal leaves the dataset untouched (the next update deletes
 * its staging directory); one killed after it is finished by the next {@code --update} run (or {@link #recover}) before
 * anything else. One extract of a dataset runs at a time: {@link ExtractJob} holds the dataset's lock
 * ({@link DatasetLock}) for the whole run, so a second update refuses before any work instead of merging its tables
 * with stale ones or taking a live staging directory for abandoned. A reader sees each tape's old frames, then for a
 * moment none, then the new ones, never a mix.
 *
 * <p>A tape that gives no frames at all in this run (unreadable, no video) keeps its earlier frames and
 * {@code _tapes.csv} row; its error replaces its earlier ones in {@code _errors.csv}. A tape that gives some frames
 * replaces its frames with them, as a whole-dataset run would.
 */
public final class ExtractUpdate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractUpdate.class);

  /** The journal of a decided update, inside the dataset directory. */
  public static final String JOURNAL = "_update.journal";
  private static final String VIDEO_PARTITION = FrameRows.VIDEO + "=";

  /**
   * Runs after every step of a commit: a test sets it to throw at a chosen step, which leaves the filesystem exactly
   * as a {@code kill -9} there would (nothing after a step runs).
   */
  static volatile Runnable afterCommitStep = () -> {};

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
      recover(fs, conf, dir);
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
      afterCommitStep.run();
      Outputs.writeFile(new Path(dir, JOURNAL).toString(), conf, out -> {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        journal.write(text);
        text.flush();
      });
      afterCommitStep.run();
      commit(fs, conf, dir, journal);
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
   * Deletes the staging directories of update runs killed before their journal was written (after {@link #recover}
   * none is referenced any more): nothing will ever move out of them. Called only under the dataset's lock
   * ({@link ExtractJob} holds it for the whole run), so no staging directory here belongs to a live run.
   */
  private static void deleteAbandonedStaging(FileSystem fs, Path dir) throws IOException {
    deleteStartingWith(fs, dir.getParent(), stagingPrefix(dir), dir);
    // A journal being written when the run was killed (Outputs.writeFile's hidden temporary name).
    deleteStartingWith(fs, dir, "." + JOURNAL + ".tmp-", dir);
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
   * Finishes an update of the dataset at {@code dir} that was killed after it was decided (its journal exists);
   * does nothing otherwise. Every {@code --update} run calls it first; call it before reading a dataset that an
   * update may have left half-committed. With a journal it takes the dataset's lock for the commit: while an extract
   * runs on the dataset it refuses ({@link DatasetLock}) rather than commit the same update twice at once.
   */
  public static void recover(String dir, Configuration conf) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      if (!fs.exists(new Path(qualified, JOURNAL))) {
        return;
      }
      try (DatasetLock lock = DatasetLock.acquire("recover", dir, "finish the interrupted update of " + dir,
          "frames=" + dir, conf)) {
        recover(fs, conf, qualified);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot finish the interrupted update of " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void recover(FileSystem fs, Configuration conf, Path dir) throws IOException {
    Path journalPath = new Path(dir, JOURNAL);
    if (!fs.exists(journalPath)) {
      return;
    }
    UpdateJournal journal;
    try (Reader reader = new InputStreamReader(fs.open(journalPath), StandardCharsets.UTF_8)) {
      journal = UpdateJournal.read(reader, journalPath.toString());
    }
    LOG.warn("Finishing the update of {} that an earlier run left half-committed ({} tape(s))", dir,
        journal.parts().size());
    commit(fs, conf, dir, journal);
  }

  /** Moves every part, then every file, of a decided update into {@code dir}; safe to run again after a crash. */
  private static void commit(FileSystem fs, Configuration conf, Path dir, UpdateJournal journal) throws IOException {
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
        afterCommitStep.run();
      }
    }
    for (String file : journal.files()) {
      Path staged = new Path(staging, file);
      if (fs.exists(staged)) {
        Outputs.replace(fs, conf, staged, new Path(dir, file));
        afterCommitStep.run();
      }
    }
    fs.delete(staging, true);
    afterCommitStep.run();
    fs.delete(new Path(dir, JOURNAL), false);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
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
      if (isPart(child)) {
        parts.put(child.getPath().getName(), tapeOfPart(config.format(), child.getPath().getName()));
      }
    }
    KeyedTable runTapes = CsvFiles.readTable(new Path(staging, TapeTable.FILE_NAME).toString(), conf);
    KeyedTable runErrors = sortedRows(CsvFiles.readTable(new Path(staging, ErrorTable.FILE_NAME).toString(), conf));
    KeyedTable oldTapes = CsvFiles.readTable(new Path(dir, TapeTable.FILE_NAME).toString(), conf);
    Path oldErrorsPath = new Path(dir, ErrorTable.FILE_NAME);
    KeyedTable oldErrors = fs.exists(oldErrorsPath) ? CsvFiles.readTable(oldErrorsPath.toString(), conf)
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
    Map<String, String> layout = TapeTable.layoutColumns(config);
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

  /**
   * Whether {@code child} of a dataset directory holds one tape's frames: a directory whose name Spark and Hadoop do
   * not skip (hidden and underscore names are staging, aside copies and metadata).
   */
  private static boolean isPart(FileStatus child) {
    String name = child.getPath().getName();
    return child.isDirectory() && !name.startsWith(".") && !name.startsWith("_");
  }

  /** The tape whose frames a part directory holds: Spark escapes some characters in partition directory names. */
  private static String tapeOfPart(ExtractFormat format, String part) {
    return format == ExtractFormat.PARQUET && part.startsWith(VIDEO_PARTITION)
        ? ExternalCatalogUtils.unescapePathName(part.substring(VIDEO_PARTITION.length()))
        : part;
  }

  /**
   * How the frames of a dataset were made; a null value when the dataset does not tell (no frames to look at).
   *
   * @param size {@code WxH}
   */
  record Layout(String size, String fit, String format, String imageFormat) {
    static Layout of(ExtractConfig config) {
      return new Layout(config.width() + "x" + config.height(), config.fit().id(), config.format().id(),
          config.imageFormat());
    }
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
    Layout existing = existingLayout(spark, fs, dir);
    Layout wanted = Layout.of(config);
    List<String> differences = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    compare("size", existing.size(), wanted.size(), differences, fixes);
    compare("fit", existing.fit(), wanted.fit(), differences, fixes);
    compare("format", existing.format(), wanted.format(), differences, fixes);
    compare("image-format", existing.imageFormat(), wanted.imageFormat(), differences, fixes);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("Cannot update the frames dataset " + config.output() + ": its frames were"
          + " made with other options than this run's (" + String.join(", ", differences) + "); drop --update to"
          + " replace the whole dataset or use " + String.join(" ", fixes));
    }
  }

  private static void compare(String option, String existing, String wanted, List<String> differences,
      List<String> fixes) {
    if (existing != null && !existing.equals(wanted)) {
      differences.add("dataset " + option + "=" + existing + ", this run " + option + "=" + wanted);
      fixes.add("--" + option + " " + existing);
    }
  }

  /** What {@code _tapes.csv} records of the layout, and what the files tell where an older table does not. */
  private static Layout existingLayout(SparkSession spark, FileSystem fs, Path dir) throws IOException {
    KeyedTable tapes = CsvFiles.readTable(new Path(dir, TapeTable.FILE_NAME).toString(), fs.getConf());
    String width = recorded(tapes, TapeTable.FRAME_WIDTH);
    String height = recorded(tapes, TapeTable.FRAME_HEIGHT);
    String size = width != null && height != null ? width + "x" + height : null;
    // Tables from before the fit column were written for stretched frames only.
    String fit = tapes.indexOf(TapeTable.FIT) < 0 ? ExtractConfig.FIT_DEFAULT.id() : recorded(tapes, TapeTable.FIT);
    Layout recorded = new Layout(size, fit, recorded(tapes, TapeTable.FORMAT), recorded(tapes, TapeTable.IMAGE_FORMAT));
    if (recorded.size() != null && recorded.format() != null && recorded.imageFormat() != null) {
      return recorded;
    }
    Layout seen = layoutOfFiles(spark, fs, dir);
    return new Layout(Objects.requireNonNullElse(recorded.size(), seen.size()), recorded.fit(),
        Objects.requireNonNullElse(recorded.format(), seen.format()),
        Objects.requireNonNullElse(recorded.imageFormat(), seen.imageFormat()));
  }

  /** The value of a layout column (the same on every row), or null when the table lacks it or has no rows. */
  private static String recorded(KeyedTable tapes, String column) {
    int index = tapes.indexOf(column);
    return index < 0 || tapes.rows().isEmpty() ? null : tapes.rows().get(0).get(index);
  }

  /** The layout of a dataset written before {@code _tapes.csv} recorded it, from its first frame. */
  private static Layout layoutOfFiles(SparkSession spark, FileSystem fs, Path dir) throws IOException {
    Path firstPart = null;
    for (FileStatus child : fs.listStatus(dir)) {
      if (isPart(child)) {
        firstPart = child.getPath();
        break;
      }
    }
    if (firstPart == null) {
      return new Layout(null, null, null, null); // no frames: nothing to mix with
    }
    if (firstPart.getName().startsWith(VIDEO_PARTITION)) {
      List<Row> first = spark.read().parquet(dir.toString())
          .select(FrameRows.WIDTH, FrameRows.HEIGHT, FrameRows.IMAGE).limit(1).collectAsList();
      if (first.isEmpty()) {
        return new Layout(null, null, ExtractFormat.PARQUET.id(), null);
      }
      byte[] image = first.get(0).getAs(2);
      boolean png = image.length > 4 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G';
      return new Layout(first.get(0).getInt(0) + "x" + first.get(0).getInt(1), null, ExtractFormat.PARQUET.id(),
          png ? "png" : "jpg");
    }
    for (FileStatus frame : fs.listStatus(firstPart)) {
      if (frame.isFile() && frame.getPath().getName().endsWith(".jpg")) {
        try (InputStream in = fs.open(frame.getPath())) {
          BufferedImage image = ImageIO.read(in);
          String size = image == null ? null : image.getWidth() + "x" + image.getHeight();
          return new Layout(size, null, ExtractFormat.JPG.id(), "jpg");
        }
      }
    }
    return new Layout(null, null, ExtractFormat.JPG.id(), "jpg");
  }
}
