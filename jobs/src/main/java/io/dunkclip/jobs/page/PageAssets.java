package io.dunkclip.jobs.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pages' scripts and styles, kept as resource files beside the classes and inlined into each page, so a page is one
 * file that works from {@code file://} with nothing fetched from anywhere.
 */
public final class PageAssets {
  /** The labels CSV as the browser reads and writes it, shared by every page that exports labels. */
  public static final String LABELS_CSV_JS = "/io/dunkclip/jobs/page/labels-csv.js";
  /** Controls both pages build alike (a list item with a remove button). */
  public static final String CONTROLS_JS = "/io/dunkclip/jobs/page/controls.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PageAssets() {}

  /** The text of a resource of this jar; a missing one is a broken build. */
  public static String text(String resource) {
    try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The page resource " + resource + " is missing from the jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the page resource " + resource + ": " + e.getMessage(), e);
    }
  }

  /** {@code <script>} elements with the given resources' text, in order. */
  public static String scripts(String... resources) {
    StringBuilder out = new StringBuilder();
    for (String resource : resources) {
      out.append("<script>\n").append(text(resource).replace("</script", "<\\/script")).append("</script>\n");
    }
    return out.toString();
  }

  /**
   * A {@code <script type="application/json">} holding {@code value}: tape names and paths stay data, never markup
   * ({@code <} is written as a JSON escape, so no text can close the element).
   */
  public static String data(String id, Object value) {
    try {
      String json = JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
          .replace("&", "\\u0026");
      return "<script type=\"application/json\" id=\"" + id + "\">" + json + "</script>\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the page's data as JSON: " + e.getMessage(), e);
    }
  }
}
