package ai.raif.jobs.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own ({@code raiftest:///tmp/x} is {@code /tmp/x}), so that storage reached
 * through Hadoop works while any java.io or java.nio use of such a location fails or lands elsewhere: the stand-in
 * for S3, ABFS or HDFS in tests.
 */
public class AliasFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "raiftest";

  /** Registers the scheme with {@code conf}: the FileSystem API for Spark's files, FileContext for Delta's log. */
  public static void register(Configuration conf) {
    conf.set("fs." + SCHEME + ".impl", AliasFileSystem.class.getName());
    conf.set("fs.AbstractFileSystem." + SCHEME + ".impl", Context.class.getName());
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  /** The same file system for Hadoop's FileContext API, through which Delta commits its log. */
  public static class Context extends DelegateToFileSystem {
    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new AliasFileSystem(), conf, SCHEME, false);
    }
  }
}
