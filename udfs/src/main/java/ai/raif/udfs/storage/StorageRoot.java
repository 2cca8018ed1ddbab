package ai.raif.udfs.storage;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a run keeps something, as Spark and Hadoop name it: a FileSystem URI ({@code s3a://bucket/raif},
 * {@code abfss://…}, {@code gs://…}, {@code hdfs://nn/raif}, {@code dbfs:/raif}, {@code file:///tmp/raif}) in
 * Hadoop's normal form, or a plain path. A relative plain path is made absolute against the working directory, as the user meant;
 * an absolute one is left to the default FileSystem, so {@code /Volumes/…} on Databricks stays a volume path.
 */
public record StorageRoot(String location) {
  /** A scheme of two or more characters before a colon: {@code C:\…} on Windows is a path, not a URI. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  public static StorageRoot of(String location) {
    if (location == null || location.isBlank()) throw new IllegalArgumentException("a storage location is empty");
    String s = location.strip();
    // a URI in Hadoop's normal form (file:///x is file:/x): Delta refuses a table whose location it spells otherwise
    return new StorageRoot(isUri(s) ? new org.apache.hadoop.fs.Path(s).toString()
        : Path.of(s).toAbsolutePath().normalize().toString());
  }

  /** Whether {@code location} names its FileSystem (and so must never be opened through java.io or java.nio). */
  public static boolean isUri(String location) {
    return SCHEME.matcher(location).find();
  }

  /** The child {@code name} of this root. */
  public String resolve(String name) {
    return location.endsWith("/") ? location + name : location + "/" + name;
  }

  @Override
  public String toString() {
    return location;
  }
}
