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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Opens a page in Debian's headless Chromium and asks the page itself, through the DevTools protocol, what it shows:
 * after the load event, every {@code <img>} with whether the browser could decode it ({@code naturalWidth > 0}).
 * This is what a person opening the report would see, not a check of the HTML text. A {@link Session} also drives the
 * page with pointer and key events and takes its downloads, as a person using it would. Chromium is a test requirement
 * ({@code scripts/test} installs it): when it is missing the test fails and says how to install it.
 */
public final class HeadlessChromium {
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
  public record Image(String src, boolean complete, int width, int height) {
    public boolean loaded() {
      return complete && width > 0 && height > 0;
    }
  }

  public record Page(String href, String title, List<Image> images) {}

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
  public static Page open(Path html) throws Exception {
    try (Session session = start(html)) {
      return session.page();
    }
  }

  /**
   * Starts Chromium on {@code html} in a 1280x800 window and returns once the page has loaded, ready to be driven with
   * pointer and key events as a person would; close it to stop the browser.
   */
  public static Session start(Path html) throws Exception {
    Path profile = Files.createTempDirectory("dunkclip-chromium-");
    String url = html.toUri().toString();
    Process browser = new ProcessBuilder(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,800", "--remote-debugging-port=0", "--remote-allow-origins=*",
        "--user-data-dir=" + profile, url)
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    Session session = null;
    try {
      int port = devToolsPort(profile, browser);
      session = new Session(browser, profile, port, url, Connection.open(pageSocket(port, url, browser, profile)));
      session.page();
      return session;
    } catch (Exception | AssertionError e) {
      if (session != null) {
        session.close();
      } else {
        stop(browser, profile);
      }
      throw e;
    }
  }

  private static void stop(Process browser, Path profile) throws Exception {
    browser.destroy();
    if (!browser.waitFor(10, TimeUnit.SECONDS)) {
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * A page open in Chromium, driven through the DevTools protocol with real input events (the page cannot tell them
   * from a person's), counting the clicks and key presses it sent.
   */
  public static final class Session implements AutoCloseable {
    private final Process browser;
    private final Path profile;
    private final int port;
    private final String url;
    private final Connection page;
    /** The browser's own socket, opened for downloads and kept open: Chromium forgets the setting when it closes. */
    private Connection browserTarget;
    private int clicks;
    private int keys;

    private Session(Process browser, Path profile, int port, String url, Connection page) {
      this.browser = browser;
      this.profile = profile;
      this.port = port;
      this.url = url;
      this.page = page;
    }

    /**
     * The page's images once it has loaded. The tab lists its new URL as soon as navigation starts, while the blank
     * first document may still be the one that answers (or be torn down mid-question): ask until the answer comes
     * from the page itself.
     */
    public Page page() throws Exception {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      String last = "";
      while (System.nanoTime() < deadline) {
        JsonNode result = page.call("Runtime.evaluate", evaluation(INSPECT));
        JsonNode value = result.path("result").path("result").path("value");
        if (!result.has("error") && !result.path("result").has("exceptionDetails") && value.isTextual()) {
          JsonNode shown = JSON.readTree(value.asText());
          if (url.equals(shown.path("href").asText())) {
            List<Image> images = new ArrayList<>();
            for (JsonNode image : shown.path("images")) {
              images.add(new Image(image.path("src").asText(), image.path("complete").asBoolean(),
                  image.path("width").asInt(), image.path("height").asInt()));
            }
            return new Page(shown.path("href").asText(), shown.path("title").asText(), images);
          }
        }
        last = result.toString();
        Thread.sleep(200);
      }
      throw new AssertionError("Chromium did not show " + url + " within " + TIMEOUT + " (last answer: " + last
          + "):\n" + log(profile));
    }

    /** The value of {@code expression} in the page (a promise is awaited); a script error fails the test. */
    public JsonNode evaluate(String expression) throws Exception {
      JsonNode result = page.call("Runtime.evaluate", evaluation(expression));
      if (result.has("error") || result.path("result").has("exceptionDetails")) {
        throw new AssertionError("The page could not evaluate " + expression + ": " + result);
      }
      return result.path("result").path("result").path("value");
    }

    public String text(String selector) throws Exception {
      return evaluate("document.querySelector(" + quoted(selector) + ").textContent").asText();
    }

    /** Scrolls the element into view, as a person would, and returns its centre in the window. */
    private double[] centre(String selector) throws Exception {
      JsonNode box = evaluate("(() => { const e = document.querySelector(" + quoted(selector) + ");"
          + " if (!e) { throw new Error('no element ' + " + quoted(selector) + "); }"
          + " e.scrollIntoView({block: 'center', inline: 'center'}); const r = e.getBoundingClientRect();"
          + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
      return new double[] {box.get(0).asDouble(), box.get(1).asDouble()};
    }

    /** Moves the pointer over the element. */
    public void point(String selector) throws Exception {
      double[] at = centre(selector);
      mouse("mouseMoved", at, 0);
    }

    /** Moves the pointer over the element and clicks it with the left button. */
    public void click(String selector) throws Exception {
      double[] at = centre(selector);
      mouse("mouseMoved", at, 0);
      mouse("mousePressed", at, 1);
      mouse("mouseReleased", at, 1);
      clicks++;
    }

    /** Clicks the element at {@code fraction} of its width from its left edge, half-way down. */
    public void clickAt(String selector, double fraction) throws Exception {
      centre(selector);
      JsonNode box = evaluate("(() => { const r = document.querySelector(" + quoted(selector) + ")"
          + ".getBoundingClientRect(); return [r.left, r.width, r.top + r.height / 2]; })()");
      double[] at = {box.get(0).asDouble() + fraction * box.get(1).asDouble(), box.get(2).asDouble()};
      mouse("mouseMoved", at, 0);
      mouse("mousePressed", at, 1);
      mouse("mouseReleased", at, 1);
      clicks++;
    }

    private void mouse(String type, double[] at, int clickCount) throws Exception {
      ObjectNode params = JSON.createObjectNode().put("type", type).put("x", at[0]).put("y", at[1]);
      if (clickCount > 0) {
        params.put("button", "left").put("buttons", 1).put("clickCount", clickCount);
      }
      page.call("Input.dispatchMouseEvent", params);
    }

    /** Presses and releases a key, named as {@code KeyboardEvent.key} names it ({@code "e"}, {@code "ArrowRight"}). */
    public void key(String key) throws Exception {
      ObjectNode down = JSON.createObjectNode().put("type", key.length() == 1 ? "keyDown" : "rawKeyDown")
          .put("key", key);
      if (key.length() == 1) {
        down.put("text", key);
      }
      page.call("Input.dispatchKeyEvent", down);
      page.call("Input.dispatchKeyEvent", JSON.createObjectNode().put("type", "keyUp").put("key", key));
      keys++;
    }

    /** Chooses {@code file} in the file input {@code selector}, as the file dialog would (one click counted). */
    public void chooseFile(String selector, Path file) throws Exception {
      JsonNode root = page.call("DOM.getDocument", JSON.createObjectNode()).path("result").path("root");
      JsonNode node = page.call("DOM.querySelector", JSON.createObjectNode().put("nodeId",
          root.path("nodeId").asInt()).put("selector", selector)).path("result");
      ObjectNode params = JSON.createObjectNode().put("nodeId", node.path("nodeId").asInt());
      params.putArray("files").add(file.toAbsolutePath().toString());
      JsonNode result = page.call("DOM.setFileInputFiles", params);
      if (result.has("error")) {
        throw new AssertionError("Chromium could not choose " + file + " in " + selector + ": " + result);
      }
      clicks++;
    }

    /** Lets the page save downloads into {@code dir} (the browser's own setting, not the page's). */
    public void downloadsTo(Path dir) throws Exception {
      JsonNode version = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/version")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      if (browserTarget == null) {
        browserTarget = Connection.open(version.path("webSocketDebuggerUrl").asText());
      }
      JsonNode result = browserTarget.call("Browser.setDownloadBehavior", JSON.createObjectNode()
          .put("behavior", "allow").put("downloadPath", dir.toAbsolutePath().toString()));
      if (result.has("error")) {
        throw new AssertionError("Chromium refused to save downloads to " + dir + ": " + result);
      }
    }

    /** Waits for a finished download named {@code name} in {@code dir}. */
    public static Path download(Path dir, String name) throws Exception {
      Path file = dir.resolve(name);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        try (Stream<Path> files = Files.list(dir)) {
          boolean busy = files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
          if (!busy && Files.exists(file)) {
            return file;
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError("Chromium saved no " + name + " in " + dir + " within " + TIMEOUT);
    }

    /** Shows the page in a window of {@code width x height} CSS pixels, as a phone would. */
    public void resize(int width, int height, boolean mobile) throws Exception {
      page.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
          .put("height", height).put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** Clicks (file choices included) and key presses sent so far. */
    public int inputs() {
      return clicks + keys;
    }

    @Override
    public void close() throws Exception {
      try {
        page.close();
        if (browserTarget != null) {
          browserTarget.close();
        }
      } finally {
        stop(browser, profile);
      }
    }
  }

  private static ObjectNode evaluation(String expression) {
    ObjectNode params = JSON.createObjectNode();
    params.put("expression", expression);
    params.put("awaitPromise", true);
    params.put("returnByValue", true);
    return params;
  }

  private static String quoted(String text) throws IOException {
    return JSON.writeValueAsString(text);
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

  /** One DevTools socket: commands may overlap, each reply is matched to its command by id. */
  private static final class Connection implements AutoCloseable {
    private final Map<Integer, CompletableFuture<JsonNode>> replies;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();

    private Connection(Map<Integer, CompletableFuture<JsonNode>> replies, WebSocket socket) {
      this.replies = replies;
      this.socket = socket;
    }

    static Connection open(String socketUrl) throws Exception {
      Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
      WebSocket.Listener listener = new WebSocket.Listener() {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
          text.append(data);
          if (last) {
            try {
              JsonNode message = JSON.readTree(text.toString());
              CompletableFuture<JsonNode> reply = message.has("id") ? replies.remove(message.path("id").asInt())
                  : null;
              if (reply != null) {
                reply.complete(message);
              }
            } catch (IOException e) {
              replies.values().forEach(r -> r.completeExceptionally(e));
            }
            text.setLength(0);
          }
          socket.request(1);
          return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
          replies.values().forEach(r -> r.completeExceptionally(error));
        }
      };
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(socketUrl), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Connection(replies, socket);
    }

    /** Sends a command and returns the protocol's reply, error or not. */
    JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      replies.put(id, reply);
      ObjectNode request = JSON.createObjectNode();
      request.put("id", id);
      request.put("method", method);
      request.set("params", params);
      socket.sendText(JSON.writeValueAsString(request), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static String log(Path profile) throws IOException {
    Path log = profile.resolve("chromium.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
  }
}
