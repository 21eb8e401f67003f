package io.dunkclip.jobs.nightly;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.CsvFormats;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.nightly.LedgerEntry.Outcome;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.render.RenderedClip;
import io.dunkclip.jobs.spark.HadoopConf;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model version's part of a nightly output, {@code OUTPUT/<modelVersion>/}, and the only code that changes it:
 * <ul>
 *   <li>{@code ledger/<tape key>.csv} — one entry per tape (a header and one row), replaced by rename;
 *   <li>{@code tapes/<tape key>/} — the tape's committed clips ({@code <stem>-clip-NNN.mp4}), its render
 *       {@code manifest.csv}, its detect {@code clips.csv} and {@code scores/}, and {@code _COMMIT} (the id its ledger
 *       entry names); the directory is built under {@code .work/} and renamed into place;
 *   <li>{@code manifest.csv}, {@code clips.csv}, {@code ledger.csv} — every committed tape together, rebuilt from
 *       the entries and tape directories and written by rename.
 * </ul>
 * A tape's commit is: rename its directory into place, then replace its ledger entry (the commit point). A kill
 * between the two leaves a directory whose {@code _COMMIT} no ledger entry names; {@link #open} removes it, together
 * with {@code .work/} and hidden temporary files, so every run starts from exactly the committed tapes. One run at a
 * time per output and model version.
 */
final class Ledger {
  static final String LEDGER_DIR = "ledger";
  static final String TAPES_DIR = "tapes";
  static final String WORK_DIR = ".work";
  static final String COMMIT_FILE = "_COMMIT";
  static final String MANIFEST = RenderJob.MANIFEST;
  static final String CLIPS = "clips.csv";
  static final String LEDGER_CSV = "ledger.csv";
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final String root;
  private final HadoopConf conf;
  private final FileSystem fs;
  private final Map<String, LedgerEntry> entries = new TreeMap<>();
  /** Manifest rows (file names relative to the tape directory) and clip rows of each committed tape. */
  private final Map<String, List<RenderedClip>> manifests = new TreeMap<>();
  private final Map<String, List<ClipRow>> clipRows = new TreeMap<>();

  private Ledger(String root, Configuration conf) throws IOException {
    this.root = root;
    this.conf = new HadoopConf(conf);
    this.fs = Outputs.withoutChecksumFiles(new Path(root).getFileSystem(conf));
  }

  /** Opens (creating if needed) the output of one model version and brings it back to its committed state. */
  static Ledger open(String root, Configuration conf) {
    try {
      Ledger ledger = new Ledger(root, conf);
      ledger.recover();
      return ledger;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the nightly ledger in " + root + ": " + e.getMessage(), e);
    }
  }

  String root() {
    return root;
  }

  LedgerEntry entry(String video) {
    return entries.get(video);
  }

  Map<String, LedgerEntry> entries() {
    return java.util.Collections.unmodifiableMap(entries);
  }

  String entryPath(String video) {
    return child(LEDGER_DIR + "/" + TapeKeys.key(video) + ".csv");
  }

  /** A fresh scratch directory for one tape's in-flight work, under {@code .work/} (removed by the next open). */
  String newWorkDir(String video) {
    return child(WORK_DIR + "/" + TapeKeys.key(video) + "-" + UUID.randomUUID());
  }

  /**
   * Commits a processed tape: {@code tapeDir} (render's output plus clips.csv and scores) becomes
   * {@code tapes/<key>/}, replacing an earlier version's clips, then the entry is written. The work directory is
   * removed afterwards.
   */
  void commitOk(LedgerEntry entry, String tapeDir, String workDir, List<RenderedClip> manifest, List<ClipRow> clips) {
    try {
      Path staged = new Path(tapeDir);
      try (OutputStream out = fs.create(new Path(staged, COMMIT_FILE), true)) {
        out.write(entry.commit().getBytes(StandardCharsets.UTF_8));
      }
      Path target = fs.makeQualified(new Path(child(TAPES_DIR + "/" + TapeKeys.key(entry.video()))));
      fs.mkdirs(target.getParent());
      Outputs.replace(fs, conf.get(), fs.makeQualified(staged), target);
      writeEntry(entry);
      fs.delete(new Path(workDir), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit the clips of " + entry.video() + " to " + root + ": "
          + e.getMessage(), e);
    }
    entries.put(entry.video(), entry);
    manifests.put(entry.video(), List.copyOf(manifest));
    clipRows.put(entry.video(), List.copyOf(clips));
  }

  /** Records a failed (or quarantined) tape; clips of an earlier version of it are removed after the entry. */
  void commitFailure(LedgerEntry entry, String workDir) {
    writeEntry(entry);
    try {
      fs.delete(new Path(child(TAPES_DIR + "/" + TapeKeys.key(entry.video()))), true);
      if (workDir != null) {
        fs.delete(new Path(workDir), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove old clips of " + entry.video() + " in " + root + ": "
          + e.getMessage(), e);
    }
    entries.put(entry.video(), entry);
    manifests.remove(entry.video());
    clipRows.remove(entry.video());
  }

  /** Replaces an entry whose tape directory stays as it is (a re-stamped tape, a late quarantine). */
  void update(LedgerEntry entry) {
    writeEntry(entry);
    entries.put(entry.video(), entry);
  }

  /** Rewrites {@code manifest.csv}, {@code clips.csv} and {@code ledger.csv} from the committed tapes. */
  void writeSummaries() {
    List<RenderedClip> manifest = new ArrayList<>();
    manifests.forEach((video, rows) -> {
      String dir = TAPES_DIR + "/" + TapeKeys.key(video) + "/";
      for (RenderedClip row : rows) {
        manifest.add(new RenderedClip(row.video(), row.clip(), row.startFrame(), row.endFrame(),
            row.file().isEmpty() ? "" : dir + row.file(), row.frames(), row.audioSamples(), row.seconds(),
            row.error(), row.fileStartFrame(), row.fileEndFrame(), row.mode()));
      }
    });
    manifest.sort(Comparator.comparing(RenderedClip::video).thenComparingInt(RenderedClip::clip));
    RenderJob.writeManifest(child(MANIFEST), manifest, conf);
    List<ClipRow> clips = new ArrayList<>();
    clipRows.values().forEach(clips::addAll);
    clips.sort(Comparator.comparing(ClipRow::video).thenComparingInt(ClipRow::clip));
    CsvFiles.writeClips(child(CLIPS), clips, conf.get());
    writeRows(child(LEDGER_CSV), entries.values().stream().map(LedgerEntry::cells).toList());
  }

  /** Removes the (by now empty) work area at the end of a run that finished. */
  void finish() {
    try {
      fs.delete(new Path(child(WORK_DIR)), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + child(WORK_DIR) + ": " + e.getMessage(), e);
    }
  }

  private void recover() throws IOException {
    Path rootPath = new Path(root);
    fs.mkdirs(rootPath);
    deleteQuietlyLogged(new Path(rootPath, WORK_DIR));
    deleteHidden(rootPath);
    Path ledgerDir = new Path(rootPath, LEDGER_DIR);
    fs.mkdirs(ledgerDir);
    deleteHidden(ledgerDir);
    Map<String, String> entryFileByKey = new TreeMap<>();
    for (FileStatus file : fs.listStatus(ledgerDir)) {
      if (file.isFile() && file.getPath().getName().endsWith(".csv")) {
        LedgerEntry entry = readEntry(file.getPath());
        entries.put(entry.video(), entry);
        entryFileByKey.put(TapeKeys.key(entry.video()), file.getPath().toString());
      }
    }
    Path tapesDir = new Path(rootPath, TAPES_DIR);
    fs.mkdirs(tapesDir);
    deleteHidden(tapesDir);
    Map<String, LedgerEntry> okByKey = new TreeMap<>();
    entries.values().stream().filter(e -> e.outcome().committed())
        .forEach(e -> okByKey.put(TapeKeys.key(e.video()), e));
    for (FileStatus dir : fs.listStatus(tapesDir)) {
      String key = dir.getPath().getName();
      LedgerEntry entry = okByKey.get(key);
      if (entry != null && entry.commit().equals(readCommit(dir.getPath()))) {
        manifests.put(entry.video(), RenderJob.readManifest(new Path(dir.getPath(), MANIFEST).toString(), conf.get()));
        clipRows.put(entry.video(), CsvFiles.readClips(new Path(dir.getPath(), CLIPS).toString(), conf.get()));
      } else {
        // Renamed into place by a run killed before its ledger entry was written, or left by a failed tape.
        LOG.info("Removing uncommitted tape directory {}", dir.getPath());
        fs.delete(dir.getPath(), true);
      }
    }
    for (LedgerEntry entry : List.copyOf(okByKey.values())) {
      if (!manifests.containsKey(entry.video())) {
        // Its clips are not there (a kill in the middle of replacing them, or removed by hand): process it again.
        LOG.info("Ledger entry of {} has no committed clips; the tape will be processed again", entry.video());
        fs.delete(new Path(entryFileByKey.get(TapeKeys.key(entry.video()))), false);
        entries.remove(entry.video());
      }
    }
  }

  private String readCommit(Path dir) throws IOException {
    try (InputStream in = fs.open(new Path(dir, COMMIT_FILE))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (FileNotFoundException e) {
      return "";
    }
  }

  private void deleteHidden(Path dir) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.getPath().getName().startsWith(".") && !status.getPath().getName().equals(WORK_DIR)) {
        deleteQuietlyLogged(status.getPath());
      }
    }
  }

  private void deleteQuietlyLogged(Path path) throws IOException {
    if (fs.exists(path)) {
      LOG.info("Removing leftover of an interrupted run: {}", path);
      fs.delete(path, true);
    }
  }

  private LedgerEntry readEntry(Path file) throws IOException {
    try (Reader reader = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8);
        CSVParser csv = CsvFormats.parser(reader)) {
      List<CSVRecord> rows = csv.getRecords();
      if (rows.size() != 1) {
        throw new IOException("expected one entry, found " + rows.size());
      }
      CSVRecord row = rows.get(0);
      return new LedgerEntry(row.get("video"), row.get("uri"), Long.parseLong(row.get("size")),
          Long.parseLong(row.get("modified")), row.get("sha256"), Outcome.parse(row.get("outcome")),
          Integer.parseInt(row.get("attempts")), row.get("reason"), Integer.parseInt(row.get("clips")),
          row.get("commit"));
    } catch (IOException | RuntimeException e) {
      throw new IOException("Cannot read ledger entry " + file + ": " + e.getMessage()
          + " (delete it to process the tape again)", e);
    }
  }

  private void writeEntry(LedgerEntry entry) {
    writeRows(entryPath(entry.video()), List.of(entry.cells()));
  }

  private void writeRows(String target, List<List<Object>> rows) {
    Outputs.writeFile(target, conf.get(), out -> {
      OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (CSVPrinter csv = CsvFormats.printer(writer, LedgerEntry.HEADER)) {
        for (List<Object> row : rows) {
          csv.printRecord(row);
        }
      }
    });
  }

  private String child(String relative) {
    return Outputs.child(root, relative);
  }
}
