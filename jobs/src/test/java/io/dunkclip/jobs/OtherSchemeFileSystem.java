package io.dunkclip.jobs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own, {@code dunkclip-other:///path}, that Hadoop knows only when a setting
 * names this class ({@code fs.dunkclip-other.impl}): a command that reads or writes such a path proves that its
 * filesystem came from the run's settings, as an S3A endpoint or HDFS client setting must.
 */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "dunkclip-other";

  /**
   * The {@code --conf} that make the scheme known to FileSystem and FileContext (never cached, so each command builds
   * its own).
   */
  public static String[] settings() {
    return new String[] {"--conf", "spark.hadoop.fs." + SCHEME + ".impl=" + OtherSchemeFileSystem.class.getName(),
        "--conf", "spark.hadoop.fs." + SCHEME + ".impl.disable.cache=true",
        "--conf", "spark.hadoop.fs.AbstractFileSystem." + SCHEME + ".impl=" + Context.class.getName()};
  }

  /** The same filesystem for FileContext, which renames files into place. */
  public static final class Context extends DelegateToFileSystem {
    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new OtherSchemeFileSystem(), conf, SCHEME, false);
    }
  }

  public static String path(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
