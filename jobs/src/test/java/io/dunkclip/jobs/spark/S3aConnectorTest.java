package io.dunkclip.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunkclip.jobs.tapes.TapeInputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * The S3A connector is on the classpath and s3a:// paths reach it; pointed at a closed local port, the listing must
 * fail with an error that names the input, not with a missing class or a hang. The jobs against a real S3 server are
 * in {@link io.dunkclip.jobs.S3aEndpointTest}.
 */
class S3aConnectorTest {
  private static Configuration unreachableS3() {
    Configuration conf = new Configuration(); // core-default.xml maps s3a:// to S3AFileSystem
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9"); // discard port: nothing listens there
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.access.key", "test");
    conf.set("fs.s3a.secret.key", "test");
    conf.set("fs.s3a.attempts.maximum", "1");
    conf.set("fs.s3a.retry.limit", "1");
    conf.set("fs.s3a.retry.interval", "10ms");
    conf.set("fs.s3a.connection.establish.timeout", "500");
    conf.set("fs.s3a.connection.timeout", "500");
    return conf;
  }

  @Test
  void s3aPathsResolveToTheS3aFileSystem() throws Exception {
    FileSystem fs = new Path("s3a://dunkclip-archive/tapes/").getFileSystem(unreachableS3());
    assertThat(fs.getClass().getName()).isEqualTo("org.apache.hadoop.fs.s3a.S3AFileSystem");
    assertThat(fs.getUri().toString()).isEqualTo("s3a://dunkclip-archive");
  }

  @Test
  void anUnreachableBucketIsAnErrorNamingTheInput() {
    assertThatThrownBy(() -> TapeInputs.resolve("s3a://dunkclip-archive/tapes/*.mp4", unreachableS3()))
        .hasMessageContaining("input=s3a://dunkclip-archive/tapes/*.mp4")
        .hasMessageNotContaining("No FileSystem for scheme");
  }
}
