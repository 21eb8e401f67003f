package io.dunkclip.jobs;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.SdkClientException;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 endpoint on 127.0.0.1 for tests: S3Proxy (its self-contained jar, copied beside the tests by the jobs
 * pom) serving the S3 REST API from an in-memory blob store, in a JVM of its own so that its Jetty, jclouds and
 * Jackson never meet Spark's. Requests must be signed with {@link #ACCESS_KEY}/{@link #SECRET_KEY} (AWS signature
 * v2 or v4), as on a real store. {@link #close()} kills the process.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "dunkclip-test";
  public static final String SECRET_KEY = "dunkclip-test-secret";
  /** The signing region the connector and the bucket client agree on; S3Proxy serves any. */
  public static final String REGION = "us-east-1";
  private static final String JAR_PROPERTY = "dunkclip.test.s3proxyJar";
  private static final long START_TIMEOUT_MS = 60_000;

  private final Process process;
  private final Path log;
  private final String endpoint;
  private final Thread killer;

  private LocalS3(Process process, Path log, String endpoint, Thread killer) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    this.killer = killer;
  }

  /**
   * Starts S3Proxy on a free loopback port, its settings and log in {@code workDir}; returns once it answers. The port
   * is free when chosen but another process may take it before S3Proxy binds it: then S3Proxy exits and another port
   * is tried.
   */
  public static LocalS3 start(Path workDir) throws IOException, InterruptedException {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("Cannot start the local S3 endpoint: S3Proxy's jar is missing ("
          + JAR_PROPERTY + "=" + jar + "); run the tests through Maven, which copies it into target/s3proxy");
    }
    for (int attempt = 1; ; attempt++) {
      LocalS3 s3 = launch(jar, workDir, freeLoopbackPort());
      try {
        s3.awaitListening();
        return s3;
      } catch (ExitedException e) {
        s3.close();
        if (attempt == 3) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      } catch (IOException | RuntimeException | InterruptedException e) {
        s3.close();
        throw e;
      }
    }
  }

  private static LocalS3 launch(String jar, Path workDir, int port) throws IOException {
    String endpoint = "http://127.0.0.1:" + port;
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        ""), StandardCharsets.UTF_8);
    Path log = workDir.resolve("s3proxy.log");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar, "--properties", properties.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // A test JVM that ends without closing this (killed by a timeout, say) must not leave the server running.
    Thread killer = new Thread(process::destroyForcibly, "stop-s3proxy");
    Runtime.getRuntime().addShutdownHook(killer);
    return new LocalS3(process, log, endpoint, killer);
  }

  /** S3Proxy ended before it listened. */
  private static final class ExitedException extends Exception {
    private static final long serialVersionUID = 1L;

    ExitedException(String message) {
      super(message);
    }
  }

  /** Waits until the server answers a signed S3 request (listing the buckets), not merely until the port accepts. */
  private void awaitListening() throws IOException, InterruptedException, ExitedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    AmazonS3 client = client(new ClientConfiguration().withMaxErrorRetry(0).withConnectionTimeout(500));
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new ExitedException("Cannot start the local S3 endpoint: S3Proxy exited with code "
              + process.exitValue() + " (log " + log + "):\n" + logText());
        }
        try {
          client.listBuckets();
          return;
        } catch (SdkClientException notYet) {
          if (System.currentTimeMillis() > deadline) {
            throw new IOException("Cannot start the local S3 endpoint: " + endpoint + " does not answer after "
                + START_TIMEOUT_MS + " ms (log " + log + "):\n" + logText(), notYet);
          }
          Thread.sleep(200);
        }
      }
    } finally {
      client.shutdown();
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** The process's output so far, for failure messages. */
  public String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
  }

  /**
   * The S3A settings that point the connector at this endpoint, as a user would set them for MinIO or Ceph (without
   * the {@code spark.hadoop.} prefix): path-style requests to a plain-HTTP endpoint, static keys only (no lookup of
   * cloud instance credentials), and few retries so that a broken test fails fast.
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", endpoint);
    settings.put("fs.s3a.endpoint.region", REGION);
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    settings.put("fs.s3a.access.key", ACCESS_KEY);
    settings.put("fs.s3a.secret.key", SECRET_KEY);
    settings.put("fs.s3a.attempts.maximum", "2");
    settings.put("fs.s3a.retry.limit", "2");
    settings.put("fs.s3a.retry.interval", "100ms");
    return settings;
  }

  /** {@code base} plus {@link #s3aSettings()}. */
  public Configuration hadoopConf(Configuration base) {
    Configuration conf = new Configuration(base);
    s3aSettings().forEach(conf::set);
    return conf;
  }

  private AmazonS3 client(ClientConfiguration configuration) {
    return AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint, REGION))
        .withPathStyleAccessEnabled(true)
        .withClientConfiguration(configuration)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Creates a bucket with a plain S3 client (the connector never creates buckets). */
  public void createBucket(String name) {
    AmazonS3 client = client(new ClientConfiguration());
    try {
      client.createBucket(name);
    } finally {
      client.shutdown();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(killer);
  }
}
