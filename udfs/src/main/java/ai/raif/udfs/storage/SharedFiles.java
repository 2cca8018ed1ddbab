package ai.raif.udfs.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Files on shared storage (any Hadoop FileSystem URI: {@code s3a://}, {@code abfss://}, {@code hdfs://}, …), reached
 * only through Hadoop, with the settings Spark gives its own file access ({@code spark.hadoop.*}, credentials). A
 * directory is <em>published</em> when its marker file exists: the marker is written last, so a reader never takes a
 * half-copied directory for a whole one, also on object stores where a directory rename is a copy.
 */
public final class SharedFiles {
  /** Written last into a published directory. */
  public static final String PUBLISHED = "_PUBLISHED";

  private SharedFiles() {}

  /**
   * Hadoop settings as Spark would use them here: the session's on the driver (and in local-mode tasks, which share
   * its JVM), else those the executor was started with.
   */
  public static Configuration configuration() {
    var session = SparkSession.getDefaultSession();
    if (session.isDefined()) return session.get().sparkContext().hadoopConfiguration();
    SparkEnv env = SparkEnv.get();
    return env != null ? SparkHadoopUtil.get().newConfiguration(env.conf()) : new Configuration();
  }

  private static org.apache.hadoop.fs.Path path(String uri) {
    return new org.apache.hadoop.fs.Path(uri);
  }

  private static FileSystem fs(String uri) throws IOException {
    return path(uri).getFileSystem(configuration());
  }

  public static boolean exists(String uri) {
    try {
      return fs(uri).exists(path(uri));
    } catch (IOException e) {
      throw failure("cannot check", uri, e);
    }
  }

  /** Whether a regular file is at {@code location}: a local path (through java.nio) or a FileSystem URI. */
  public static boolean isFile(String location) {
    if (!StorageRoot.isUri(location)) return Files.isRegularFile(Path.of(location));
    try {
      return fs(location).getFileStatus(path(location)).isFile();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw failure("cannot check", location, e);
    }
  }

  /**
   * What the files at {@code location} (a file, or a directory tree) are, in a line per file: relative name, size and
   * modification time, sorted. It changes when any file is rewritten, without reading their contents. Empty when
   * nothing is there.
   */
  public static String listing(String location) {
    List<String> lines = new ArrayList<>();
    try {
      if (!StorageRoot.isUri(location)) {
        Path root = Path.of(location);
        if (!Files.exists(root)) return "";  // whoever loads it says what is missing
        try (var files = Files.walk(root)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            lines.add(root.relativize(f) + "\t" + Files.size(f) + "\t" + Files.getLastModifiedTime(f).toMillis());
          }
        }
      } else {
        FileSystem fs = fs(location);
        if (!fs.exists(path(location))) return "";
        java.net.URI root = fs.getFileStatus(path(location)).getPath().toUri();
        for (var it = fs.listFiles(path(location), true); it.hasNext(); ) {
          var f = it.next();
          lines.add(root.relativize(f.getPath().toUri()) + "\t" + f.getLen() + "\t" + f.getModificationTime());
        }
      }
    } catch (IOException e) {
      throw failure("cannot list", location, e);
    }
    java.util.Collections.sort(lines);
    return String.join("\n", lines);
  }

  /** Whether {@code dir} was published by {@link #publishDirectory}. */
  public static boolean published(String dir) {
    return exists(dir + "/" + PUBLISHED);
  }

  /** The names of the entries directly under {@code dir}; empty when it does not exist. */
  public static List<String> list(String dir) {
    try {
      FileSystem fs = fs(dir);
      List<String> names = new ArrayList<>();
      if (!fs.exists(path(dir))) return names;
      for (FileStatus s : fs.listStatus(path(dir))) names.add(s.getPath().getName());
      return names;
    } catch (IOException e) {
      throw failure("cannot list", dir, e);
    }
  }

  /**
   * Copies the local directory {@code local} to {@code target} and publishes it: the copy goes to a scratch name
   * beside the target, is renamed into place (atomic on HDFS, ABFS and local disks), and then gets its marker.
   */
  public static void publishDirectory(Path local, String target) {
    String scratch = target + ".partial-" + UUID.randomUUID();  // this writer's own
    try {
      FileSystem fs = fs(target);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), path(scratch));
      fs.delete(path(target), true);
      if (!fs.rename(path(scratch), path(target))) throw new IOException("rename from " + scratch + " failed");
      writeString(target + "/" + PUBLISHED, "");
    } catch (IOException e) {
      delete(scratch);
      throw failure("cannot publish " + local + " to", target, e);
    }
  }

  /** Publishes the local file {@code local} as the only file of the directory {@code dir}, under its own name. */
  public static void publishFile(Path local, String dir) {
    delete(dir);
    upload(local, dir + "/" + local.getFileName());
    writeString(dir + "/" + PUBLISHED, "");
  }

  /** Copies the file or directory {@code uri} to the local path {@code local} (which must not exist yet). */
  public static void download(String uri, Path local) {
    try {
      Configuration conf = configuration();
      FileSystem localFs = FileSystem.getLocal(conf).getRaw();  // no .crc files beside the copies
      org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(local.toUri());
      if (!FileUtil.copy(path(uri).getFileSystem(conf), path(uri), localFs, to, false, conf)) {
        throw new IOException("the copy reported failure");
      }
    } catch (IOException e) {
      throw failure("cannot download", uri, e);
    }
  }

  /** Uploads the local file or directory {@code local} to {@code uri}, replacing what was there. */
  public static void upload(Path local, String uri) {
    try {
      fs(uri).copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), path(uri));
    } catch (IOException e) {
      throw failure("cannot upload " + local + " to", uri, e);
    }
  }

  /** Writes a small file whole, replacing it (one PUT on an object store, so readers see the old or the new). */
  public static void writeString(String uri, String text) {
    try (FSDataOutputStream out = fs(uri).create(path(uri), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failure("cannot write", uri, e);
    }
  }

  /**
   * Writes a small file only if nothing is at {@code uri}; false when something is. Atomic on local disks (an
   * exclusive create) and where the FileSystem's create-without-overwrite is (HDFS); on object stores two writers
   * racing in the same instant may both win.
   */
  public static boolean createNew(String uri, String text) {
    if (!StorageRoot.isUri(uri)) {  // Hadoop's local create checks, then opens: not atomic
      try {
        Path p = Path.of(uri);
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw failure("cannot create", uri, e);
      }
    }
    try (FSDataOutputStream out = fs(uri).create(path(uri), false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (exists(uri)) return false;  // some FileSystems report an existing file as a plain IOException
      throw failure("cannot create", uri, e);
    }
  }

  /** When the file at {@code uri} was last written, in epoch milliseconds. */
  public static long modifiedMillis(String uri) {
    try {
      return fs(uri).getFileStatus(path(uri)).getModificationTime();
    } catch (IOException e) {
      throw failure("cannot check", uri, e);
    }
  }

  public static String readString(String uri) {
    try (var in = fs(uri).open(path(uri)); var out = new java.io.ByteArrayOutputStream()) {
      IOUtils.copyBytes(in, out, 1 << 16, false);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("cannot read", uri, e);
    }
  }

  /** Deletes a file or a directory with everything under it; nothing when it does not exist. */
  public static void delete(String uri) {
    try {
      fs(uri).delete(path(uri), true);
    } catch (IOException e) {
      throw failure("cannot delete", uri, e);
    }
  }

  private static UncheckedIOException failure(String what, String uri, IOException e) {
    return new UncheckedIOException(what + " " + uri + ": " + e.getMessage(), e);
  }
}
