package io.dunkclip.jobs.label;

import io.dunkclip.jobs.spark.Headless;
import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.Rgb;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws one contact sheet: a title bar naming the tape and the frames shown, then the thumbnails in reading order,
 * each with its frame number in white on a dark box in its top-left corner, so the number stays readable on a bright
 * court as on a dark one.
 */
final class ContactSheet {
  static final int GAP = 4;
  static final int TITLE_HEIGHT = 28;
  private static final Color BACKGROUND = new Color(0x20, 0x20, 0x20);
  /** Nearly opaque: the number must win over whatever the picture shows beneath it. */
  private static final Color NUMBER_BOX = new Color(0, 0, 0, 210);
  private static final int NUMBER_PADDING = 3;

  private ContactSheet() {}

  static int width(int columns, int thumbnailWidth) {
    return GAP + columns * (thumbnailWidth + GAP);
  }

  static int height(int rows, int thumbnailHeight) {
    return TITLE_HEIGHT + GAP + rows * (thumbnailHeight + GAP);
  }

  /**
   * The sheet for {@code thumbnails} (all of one size, at least one), {@code columns} wide and as many rows high as
   * they fill.
   */
  static BufferedImage draw(String title, List<DecodedFrame> thumbnails, int columns) {
    Headless.ensure();
    int thumbWidth = thumbnails.get(0).width();
    int thumbHeight = thumbnails.get(0).height();
    int rows = (thumbnails.size() + columns - 1) / columns;
    BufferedImage sheet = new BufferedImage(width(columns, thumbWidth), height(rows, thumbHeight),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, GAP + 2, (TITLE_HEIGHT + g.getFontMetrics().getAscent()) / 2);
      Font numberFont = new Font(Font.SANS_SERIF, Font.BOLD, numberSize(thumbHeight));
      for (int i = 0; i < thumbnails.size(); i++) {
        DecodedFrame frame = thumbnails.get(i);
        int x = GAP + (i % columns) * (thumbWidth + GAP);
        int y = TITLE_HEIGHT + GAP + (i / columns) * (thumbHeight + GAP);
        g.drawImage(Rgb.toImage(frame.rgb(), frame.width(), frame.height()), x, y, null);
        drawNumber(g, numberFont, Long.toString(frame.index()), x, y);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** About a sixth of the thumbnail's height, and never so small that it is hard to read. */
  static int numberSize(int thumbnailHeight) {
    return Math.max(12, Math.min(18, thumbnailHeight / 6));
  }

  private static void drawNumber(Graphics2D g, Font font, String number, int x, int y) {
    g.setFont(font);
    FontMetrics metrics = g.getFontMetrics();
    int boxWidth = metrics.stringWidth(number) + 2 * NUMBER_PADDING;
    int boxHeight = metrics.getAscent() + metrics.getDescent() + NUMBER_PADDING;
    g.setColor(NUMBER_BOX);
    g.fillRect(x, y, boxWidth, boxHeight);
    g.setColor(Color.WHITE);
    g.drawString(number, x + NUMBER_PADDING, y + NUMBER_PADDING / 2 + metrics.getAscent());
  }

  static void writePng(BufferedImage sheet, OutputStream out) throws IOException {
    if (!ImageIO.write(sheet, "png", out)) {
      throw new IOException("no PNG writer is available in this JVM (ImageIO)");
    }
  }
}
