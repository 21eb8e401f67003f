package io.dunkclip.jobs.report;

import java.util.Locale;

/** Text into HTML: every value that comes from outside (tape names, paths, error messages) goes through here. */
final class Html {
  private Html() {}

  /** Escapes text for element content and for double- or single-quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String decimal(double value, int places) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + places + "f", value);
  }
}
