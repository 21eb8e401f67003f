package io.dunkclip.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opens a page in Debian's headless Chromium and asks the page itself, through the DevTools protocol, what it shows:
 * after the load event, every {@code <img>} with whether the browser could decode it ({@code naturalWidth > 0}).
 * This is what a person opening the report would see, not a check of the HTML text. Chromium is a test requirement
 * ({@code scripts/test} installs it): when it is missing the test fails and says how to install it.
 */
final class HeadlessChromium {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** Waits for the load event (images included), then lists the images. */
  private static final String INSPECT = """
      new Promise(resolve => {
        const report = () => resolve(JSON.stringify({
          href: location.href,
          title: document.title,
          images: Array.from(document.images).map(i => ({
            src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth, height: i.naturalHeight}))
        }));
        if (document.readyState === 'complete') { report(); } else { window.addEventListener('load', report); }
      })""";

  private HeadlessChromium() {}

  /** An image of the page: its {@code src} as written and the size the browser decoded (0 when it failed). */
  record Image(String src, boolean complete, int width, int height) {
    boolean loaded() {
      return complete && width > 0 && height > 0;
    }
  }

  record Page(String href, String title, List<Image> images) {}

  static Path executable() {
    String override = System.getenv("DUNKCLIP_CHROMIUM");
    List<Path> candidates = new ArrayList<>();
    if (override != null && !override.isBlank()) {
      candidates.add(Path.of(override));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("Cannot render the report: Chromium is not installed (looked for " + candidates.get(0)
        + " and chromium on PATH). Run scripts/test, which installs it, or `apt-get install -y chromium`, or set "
        + "DUNKCLIP_CHROMIUM to a Chromium binary");
  }

  /** Loads {@code html} from disk and reports its images once the page has loaded. */
  static Page open(Path html) throws Exception {
    Path profile = Files.createTempDirectory("dunkclip-chromium-");
    String url = html.toUri().toString();
    Process browser = new ProcessBuilder(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, url)
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    try {
      int port = devToolsPort(profile, browser);
      String socket = pageSocket(port, url, browser, profile);
      // The tab lists its new URL as soon as navigation starts, while the blank first document may still be the
      // one that answers (or be torn down mid-question): ask until the answer comes from the page itself.
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      String last = "";
      while (System.nanoTime() < deadline) {
        JsonNode result = evaluate(socket, INSPECT);
        JsonNode value = result.path("result").path("result").path("value");
        if (!result.has("error") && !result.path("result").has("exceptionDetails") && value.isTextual()) {
          JsonNode page = JSON.readTree(value.asText());
          if (url.equals(page.path("href").asText())) {
            List<Image> images = new ArrayList<>();
            for (JsonNode image : page.path("images")) {
              images.add(new Image(image.path("src").asText(), image.path("complete").asBoolean(),
                  image.path("width").asInt(), image.path("height").asInt()));
            }
            return new Page(page.path("href").asText(), page.path("title").asText(), images);
          }
        }
        last = result.toString();
        Thread.sleep(200);
      }
      throw new AssertionError("Chromium did not show " + url + " within " + TIMEOUT + " (last answer: " + last
          + "):\n" + log(profile));
    } finally {
      browser.destroy();
      if (!browser.waitFor(10, TimeUnit.SECONDS)) {
        browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Chromium writes the port it chose into {@code DevToolsActivePort} in its profile directory. */
  private static int devToolsPort(Path profile, Process browser) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!browser.isAlive()) {
        throw new AssertionError("Chromium exited with status " + browser.exitValue() + " before it was ready:\n"
            + log(profile));
      }
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Chromium did not open its DevTools port within " + TIMEOUT + ":\n" + log(profile));
  }

  /** The DevTools socket of the tab showing {@code url}, once the tab has committed to it. */
  private static String pageSocket(int port, String url, Process browser, Path profile) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
        .timeout(Duration.ofSeconds(10)).build();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String seen = "";
    while (System.nanoTime() < deadline && browser.isAlive()) {
      seen = http.send(list, HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode target : JSON.readTree(seen)) {
        if ("page".equals(target.path("type").asText()) && url.equals(target.path("url").asText())) {
          return target.path("webSocketDebuggerUrl").asText();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Chromium did not open " + url + " (targets: " + seen + "):\n" + log(profile));
  }

  /** Runs {@code expression} in the page (awaiting its promise) and returns the protocol's reply, error or not. */
  private static JsonNode evaluate(String socketUrl, String expression) throws Exception {
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          try {
            JsonNode message = JSON.readTree(text.toString());
            if (message.path("id").asInt() == 1) {
              reply.complete(message);
            }
          } catch (IOException e) {
            reply.completeExceptionally(e);
          }
          text.setLength(0);
        }
        socket.request(1);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        reply.completeExceptionally(error);
      }
    };
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(socketUrl), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    try {
      ObjectNode request = JSON.createObjectNode();
      request.put("id", 1);
      request.put("method", "Runtime.evaluate");
      ObjectNode params = request.putObject("params");
      params.put("expression", expression);
      params.put("awaitPromise", true);
      params.put("returnByValue", true);
      socket.sendText(JSON.writeValueAsString(request), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static String log(Path profile) throws IOException {
    Path log = profile.resolve("chromium.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
  }
}
