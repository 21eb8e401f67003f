package io.dunkclip.jobs.label;

import io.dunkclip.format.ClipRow;
import io.dunkclip.format.LabelRow;
import io.dunkclip.interval.FrameRange;
import io.dunkclip.jobs.frames.ErrorTable;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.jobs.fs.CsvFiles;
import io.dunkclip.jobs.fs.OutputGuard;
import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.render.ClipNames;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.ProbedTapes;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeInputs;
import io.dunkclip.jobs.tapes.TapeRef;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Prepares labelling: for each tape, contact sheets of every Nth frame ({@code <output>/<tape stem>/sheet-001.png},
 * ...), one Spark task per tape; {@code index.html}, a labelling page that shows the sheets' thumbnails as strips and
 * exports a labels CSV ({@link LabelPage}), pre-filled from a model's detections with {@code --suggest} or from a
 * generic people detector with {@code --draft-people} (that draft also as {@link #DRAFT}, for evaluate); and
 * {@code labels-template.csv}, every tape with one row covering all its frames labelled 0, for a person who would
 * rather split ranges by hand. {@code _tapes.csv} (as beside a frames dataset) and {@code _errors.csv} go beside it.
 *
 * <p>A task decodes its tape once, in order, only up to the last frame it shows: with N below the keyframe interval
 * seeking to each shown frame would decode the same frames anyway. Each tape's sheets are written into a hidden
 * folder that then replaces the tape's folder, so a rerun (say with another N) leaves no sheets of the old run
 * behind. A tape that cannot be read is reported and the others go on; one that breaks part-way keeps the sheets of
 * the frames before the damage. Other files in the output directory are left alone, but the template is rewritten:
 * edit a copy of it.
 */
public final class LabelJob {
  /** The command the output's marker names. */
  static final String COMMAND = "label";
  public static final String TEMPLATE = "labels-template.csv";
  /** The draft the page starts from ({@code --suggest}, {@code --draft-people}) in the clips format, for evaluate. */
  public static final String DRAFT = "draft-clips.csv";
  /** 8 x 6 thumbnails of at most 160 x 160 pixels: a sheet of about 1300 x 600 for a 16:9 tape, easy to scan. */
  static final int COLUMNS = 8;
  static final int ROWS = 6;
  static final int THUMBNAIL_BOX = 160;

  private LabelJob() {}

  /**
   * What label writes: tape folders and tables inside {@code --output}; an unmarked output from before the marker is
   * proven label's by its {@code labels-template.csv}.
   */
  public static OutputGuard.Claim claim(LabelConfig config) {
    return OutputGuard.Claim.of(COMMAND, "output", config.output(), false).reading("input", config.input())
        .provenBy(TEMPLATE);
  }

  public static LabelResult run(SparkSession spark, LabelConfig config) {
    long started = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    OutputGuard.check(claim(config), conf.get());
    List<TapeRef> inputs = TapeInputs.resolve(config.input(), conf.get());
    requireDistinctFolders(inputs, config);
    ProbedTapes probed = ProbedTapes.probe(sc, inputs, conf);
    List<TapeError> errors = new ArrayList<>(probed.errors());
    if (probed.tapes().isEmpty()) {
      // Nothing to show: the earlier sheets and template stay as they were.
      return new LabelResult(config.output(), Outputs.child(config.output(), TEMPLATE), 0, 0, 0, List.copyOf(errors),
          (System.nanoTime() - started) / 1e9);
    }
    // Marked before the first sheet is written, so that a rerun after a kill may replace what this run began.
    Outputs.mkdirs(config.output(), conf.get());
    OutputGuard.mark(config.output(), COMMAND, conf.get());

    List<Tuple2<TapeRef, TapeInfo>> work = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      work.add(new Tuple2<>(tape, probed.infos().get(tape.name())));
    }
    int sheets = 0;
    long thumbnails = 0;
    Map<String, TapeSheets> byTape = new java.util.HashMap<>();
    if (!work.isEmpty()) {
      sc.setJobDescription("dunkclip: contact sheets of " + work.size() + " tape(s), every " + config.every()
          + " frame(s)");
      List<TapeSheets> done = sc.parallelize(work, work.size())
          .map(job -> sheets(job._1(), job._2(), config, conf))
          .collect();
      for (TapeSheets tape : done) {
        byTape.put(tape.tape(), tape);
        sheets += tape.sheets();
        thumbnails += tape.thumbnails();
        if (tape.error() != null) {
          errors.add(tape.error());
        }
      }
    }

    List<LabelRow> template = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      long frames = probed.infos().get(tape.name()).frameCount();
      if (frames > 0) {
        template.add(new LabelRow(tape.name(), FrameRange.of(0, frames - 1), 0, 0));
      }
    }
    String templateFile = Outputs.child(config.output(), TEMPLATE);
    CsvFiles.writeLabels(templateFile, template, conf.get());
    Map<String, LabelSuggestions.Draft> drafts = Map.of();
    if (config.suggest() != null) {
      drafts = LabelSuggestions.fromModel(sc, config, probed.infos());
    } else if (config.draftPeople()) {
      PeopleDraft.Drafts people = PeopleDraft.run(sc, work, conf);
      drafts = people.drafts();
      errors.addAll(people.errors());
    }
    if (!drafts.isEmpty()) {
      List<ClipRow> draftClips = new ArrayList<>();
      for (TapeRef tape : probed.tapes()) {
        LabelSuggestions.Draft draft = drafts.get(tape.name());
        if (draft != null) {
          draftClips.addAll(draft.clips());
        }
      }
      CsvFiles.writeClips(Outputs.child(config.output(), DRAFT), draftClips, conf.get());
    } else {
      deleteDraft(config.output(), conf);
    }
    List<LabelPage.Tape> pageTapes = new ArrayList<>();
    for (TapeRef tape : probed.tapes()) {
      pageTapes.add(pageTape(tape, probed.infos().get(tape.name()), byTape.get(tape.name()), config,
          drafts.get(tape.name())));
    }
    String page = LabelPage.render(new LabelPage.Data(config.every(), pageTapes));
    Outputs.writeFile(Outputs.child(config.output(), LabelPage.FILE), conf.get(),
        out -> out.write(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    TapeTable.write(Outputs.child(config.output(), TapeTable.FILE_NAME), probed, conf.get());
    ErrorTable.write(Outputs.child(config.output(), ErrorTable.FILE_NAME), errors, conf.get());
    return new LabelResult(config.output(), templateFile, probed.tapes().size(), sheets, thumbnails,
        List.copyOf(errors), (System.nanoTime() - started) / 1e9);
  }

  /** A run without a draft removes an earlier run's, which would describe ranges this page no longer shows. */
  private static void deleteDraft(String output, HadoopConf conf) {
    Path draft = new Path(Outputs.child(output, DRAFT));
    try {
      draft.getFileSystem(conf.get()).delete(draft, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the earlier draft " + draft + ": " + e.getMessage()
          + "; delete it by hand", e);
    }
  }

  /** What the labelling page shows of a tape: its thumbnails' places on its sheets, and the draft to start from. */
  private static LabelPage.Tape pageTape(TapeRef tape, TapeInfo info, TapeSheets done, LabelConfig config,
      LabelSuggestions.Draft draft) {
    int[] size = SheetPlan.thumbnailSize(info.uprightWidth(), info.uprightHeight(), THUMBNAIL_BOX);
    int sheetCount = done == null ? 0 : done.sheets();
    List<String> sheetFiles = new ArrayList<>();
    for (int sheet = 0; sheet < sheetCount; sheet++) {
      sheetFiles.add(folder(tape) + "/" + sheetName(sheet));
    }
    return new LabelPage.Tape(tape.name(), info.frameCount(), Math.round(info.frameRate() * 1000) / 1000.0,
        done == null ? 0 : (int) done.thumbnails(), size[0], size[1], COLUMNS, ROWS, ContactSheet.GAP,
        ContactSheet.TITLE_HEIGHT, ContactSheet.width(COLUMNS, size[0]), sheetFiles,
        draft == null ? List.of() : draft.ranges(), draft == null ? null : draft.suggestions());
  }

  /** The folder of a tape's sheets: its file name's stem, made safe. */
  static String folder(TapeRef tape) {
    return ClipNames.safeStem(tape.name());
  }

  /**
   * Tapes whose stems coincide ({@code a.mp4}, {@code a.mov}) would write into one folder: refuse before working.
   * The collision is render's ({@link ClipNames#sharedStems}), the one rule for files named after tapes.
   */
  private static void requireDistinctFolders(List<TapeRef> tapes, LabelConfig config) {
    Map<String, List<String>> shared = ClipNames.sharedStems(tapes.stream().map(TapeRef::name).toList());
    if (!shared.isEmpty()) {
      Map.Entry<String, List<String>> first = shared.entrySet().iterator().next();
      throw new IllegalArgumentException("Cannot make contact sheets: tapes " + String.join(" and ", first.getValue())
          + " would share the folder " + first.getKey() + "; rename one (input=" + config.input() + ")");
    }
  }

  /** Runs on an executor: decodes one tape up to its last shown frame and writes its sheets. */
  private static TapeSheets sheets(TapeRef tape, TapeInfo info, LabelConfig config, HadoopConf conf) {
    SheetPlan plan = new SheetPlan(info.frameCount(), config.every(), COLUMNS, ROWS);
    int[] size = SheetPlan.thumbnailSize(info.uprightWidth(), info.uprightHeight(), THUMBNAIL_BOX);
    Path target = new Path(Outputs.child(config.output(), folder(tape)));
    try {
      FileSystem fs = target.getFileSystem(conf.get());
      target = fs.makeQualified(target);
      Path temp = Outputs.freshTemporarySibling(fs, target);
      SheetWriter writer = new SheetWriter(tape.name(), plan, temp.toString(), conf);
      TapeError error = null;
      if (plan.sampledFrames() > 0) {
        long[] decoded = {0};
        try (FrameReader reader = new FrameReader(TapeSources.of(tape, conf.get()), info, size[0], size[1],
            io.dunkclip.video.Fit.STRETCH)) {
          reader.read(0, plan.lastSampledFrame(), frame -> {
            decoded[0]++;
            if (plan.isSampled(frame.index())) {
              writer.add(frame);
            }
          });
        } catch (TapeException e) {
          error = new TapeError(tape.name(), tape.uri(), "decode", e.reason(), decoded[0]);
        }
        // The last sheet's thumbnails, or those decoded before the damage: still worth looking at.
        writer.flush();
      }
      if (writer.sheets() > 0) {
        Outputs.replace(fs, conf.get(), temp, target);
      }
      return new TapeSheets(tape.name(), writer.sheets(), writer.thumbnails(), error);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write contact sheets to " + target + ": " + e.getMessage(), e);
    }
  }

  /** {@code sheet-001.png} for sheet 0. */
  static String sheetName(int sheet) {
    return String.format(Locale.ROOT, "sheet-%03d.png", sheet + 1);
  }
}
