package io.dunkclip.jobs.label;

import io.dunkclip.jobs.fs.Outputs;
import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.video.DecodedFrame;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects one tape's thumbnails in frame order and writes each sheet as soon as it is full, so a task holds at most
 * one sheet of pictures.
 */
final class SheetWriter {
  private final String tape;
  private final SheetPlan plan;
  private final String folder;
  private final HadoopConf conf;
  private final List<DecodedFrame> pending = new ArrayList<>();
  private int sheets;
  private long thumbnails;

  /**
   * @param tape the tape's name, for the sheets' titles
   * @param folder where the sheets go (any Hadoop path)
   */
  SheetWriter(String tape, SheetPlan plan, String folder, HadoopConf conf) {
    this.tape = tape;
    this.plan = plan;
    this.folder = folder;
    this.conf = conf;
  }

  /** Adds the next shown frame, already thumbnail-sized. */
  void add(DecodedFrame frame) {
    pending.add(frame);
    thumbnails++;
    if (pending.size() == plan.perSheet()) {
      flush();
    }
  }

  /** Writes the thumbnails not yet on a sheet, if any, as a (partly filled) sheet. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    int sheet = plan.sheetOf(pending.get(0).index());
    String title = String.format(Locale.ROOT, "%s  ·  sheet %d of %d  ·  frames %d..%d, every %d", tape, sheet + 1,
        plan.sheets(), pending.get(0).index(), pending.get(pending.size() - 1).index(), plan.every());
    BufferedImage image = ContactSheet.draw(title, pending, plan.columns());
    Outputs.writeFile(Outputs.child(folder, LabelJob.sheetName(sheet)), conf.get(),
        out -> ContactSheet.writePng(image, out));
    sheets++;
    pending.clear();
  }

  int sheets() {
    return sheets;
  }

  long thumbnails() {
    return thumbnails;
  }
}
