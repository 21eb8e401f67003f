package io.dunkclip.jobs.label;

import io.dunkclip.jobs.page.PageAssets;
import java.util.List;

/**
 * {@code index.html} beside the contact sheets: a labelling page that cuts each tape's thumbnails out of its sheets,
 * lets a person mark where a player enters and leaves, and exports the labels CSV. Script and style are resource files
 * inlined here; the tapes are JSON data in the page.
 */
final class LabelPage {
  static final String FILE = "index.html";

  private LabelPage() {}

  /**
   * What the page knows of one tape: its frames, which of them its sheets show and where ({@code sheets} relative to
   * the page), and the suggested ranges to start from (null without {@code --suggest}).
   */
  record Tape(String name, long frames, double fps, int shown, int thumbWidth, int thumbHeight, int columns, int rows,
      int gap, int titleHeight, int sheetWidth, List<String> sheets, List<Range> prefilled, Suggestions suggestions) {}

  /** Frames {@code start..end}, inclusive. */
  record Range(long start, long end) {}

  /** A stretch the model was unsure of: its frames and its mean score. */
  record Unsure(long start, long end, String score) {}

  /**
   * @param source what made the suggestions (the model's path)
   * @param quality how good such suggestions have been, measured, for the person to know how far to trust them
   */
  record Suggestions(String source, String threshold, String quality, List<Unsure> unsure) {}

  record Data(int every, List<Tape> tapes) {}

  static String render(Data data) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>dunkclip labelling</title>\n<style>\n" + PageAssets.text("/io/dunkclip/jobs/label/label.css")
        + "</style>\n</head>\n<body>\n<header>\n<h1>dunkclip labelling</h1>\n"
        + "<p class=\"keys\">Point at a thumbnail, then: click or <kbd>E</kbd> player enters, click again or"
        + " <kbd>L</kbd> player leaves (the range is inclusive); <kbd>←</kbd> <kbd>→</kbd> previous / next thumbnail,"
        + " <kbd>,</kbd> <kbd>.</kbd> one frame back / on; <kbd>Delete</kbd> removes the range under the pointer,"
        + " <kbd>Esc</kbd> drops an open mark. Export writes labels.csv covering every tape (label 1 in the ranges,"
        + " 0 elsewhere) for <code>dunkclip train --labels</code>.</p>\n<div class=\"tools\">"
        + "<button type=\"button\" id=\"export\">Export labels CSV</button>"
        + "<label>Load labels CSV <input type=\"file\" id=\"load\" accept=\".csv,text/csv\"></label></div>\n"
        + "<p id=\"status\" role=\"status\"></p>\n</header>\n<main id=\"tapes\"></main>\n"
        + "<div id=\"preview\" hidden><div id=\"preview-image\"></div><div id=\"preview-text\"></div></div>\n"
        + PageAssets.data("dunkclip-data", data)
        + PageAssets.scripts(PageAssets.LABELS_CSV_JS, PageAssets.CONTROLS_JS,
            "/io/dunkclip/jobs/label/label.js")
        + "</body>\n</html>\n";
  }
}
