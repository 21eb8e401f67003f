package io.dunkclip.jobs.report;

import io.dunkclip.format.ClipRow;
import io.dunkclip.jobs.render.RenderJob;
import io.dunkclip.jobs.fs.Outputs;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The videos render wrote for a detect output's clips, as links from the report page: read from render's
 * {@code manifest.csv}, and only for clips whose frames are still the ones in clips.csv (a later detect may have
 * numbered other clips the same), so the page never plays a stale clip.
 */
final class RenderedClips {
  private RenderedClips() {}

  /**
   * By tape, by clip number: the rendered file relative to {@code reportDir} when both are on the local disk, else its
   * full URI. Empty when {@code renderDir} is null.
   */
  static Map<String, Map<Integer, String>> links(String renderDir, String reportDir, List<ClipRow> clips,
      Configuration conf) {
    if (renderDir == null) {
      return Map.of();
    }
    Set<String> current = new HashSet<>();
    clips.forEach(c -> current.add(key(c.video(), c.clip(), c.range().first(), c.range().last())));
    Path manifest = new Path(Outputs.child(renderDir, RenderJob.MANIFEST));
    Map<String, Map<Integer, String>> links = new HashMap<>();
    FileSystem fs;
    boolean exists;
    try {
      fs = manifest.getFileSystem(conf);
      exists = fs.exists(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look for " + manifest + ": " + e.getMessage(), e);
    }
    if (!exists) {
      throw new IllegalArgumentException("Cannot link the rendered clips: " + manifest + " does not exist"
          + " (rendered=" + renderDir + "); run render into that directory first, or leave --rendered out");
    }
    try {
      URI from = fs.makeQualified(new Path(reportDir)).toUri();
      try (Reader reader = new InputStreamReader(fs.open(manifest), StandardCharsets.UTF_8);
          CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
        for (CSVRecord r : csv) {
          int clip = Integer.parseInt(r.get("clip"));
          if (r.get("file").isEmpty() || !r.get("error").isEmpty() || !current.contains(key(r.get("video"), clip,
              Long.parseLong(r.get("start_frame")), Long.parseLong(r.get("end_frame"))))) {
            continue;
          }
          URI file = fs.makeQualified(new Path(Outputs.child(renderDir, r.get("file")))).toUri();
          links.computeIfAbsent(r.get("video"), v -> new HashMap<>()).put(clip, relative(from, file));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("Cannot read " + manifest + ": " + e.getMessage()
          + " (expected render's manifest.csv)", e instanceof IOException io ? io : new IOException(e));
    }
    return links;
  }

  /** {@code file} as a link from a page in {@code dir}: relative on one local disk, else the whole URI. */
  static String relative(URI dir, URI file) {
    if ("file".equals(dir.getScheme()) && "file".equals(file.getScheme())) {
      java.nio.file.Path relative = java.nio.file.Path.of(dir).relativize(java.nio.file.Path.of(file));
      StringBuilder link = new StringBuilder();
      for (java.nio.file.Path part : relative) {
        if (link.length() > 0) {
          link.append('/');
        }
        link.append(pathSegment(part.toString()));
      }
      return link.toString();
    }
    return file.toString();
  }

  /** A name as one segment of a relative URL: every byte but letters, digits and {@code -._~} percent-encoded. */
  static String pathSegment(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String key(String video, int clip, long first, long last) {
    return video + '\n' + clip + '\n' + first + '\n' + last;
  }
}
