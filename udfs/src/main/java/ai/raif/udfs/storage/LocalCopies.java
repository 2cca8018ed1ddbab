package ai.raif.udfs.storage;

import ai.raif.trainer.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.Utils;

/**
 * Local copies of models on shared storage: a checkpoint named by a URI is downloaded once per process tree into a
 * local cache and loaded from there, because the loaders (and DJL) read local files. A copy is downloaded under a
 * temporary name and renamed into place, so a copy that exists is whole; task threads of one executor that need the
 * same model wait for one download, and executors sharing a disk take whichever copy finished first. A local path is
 * used as it is.
 *
 * <p>The cache is {@code $RAIF_CACHE/localized}, else a {@code raif-localized} directory in Spark's local directory
 * ({@code spark.local.dir}), else in the JVM's temporary directory.
 */
public final class LocalCopies {
  private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

  private LocalCopies() {}

  /** A local path holding {@code location}: the location itself unless it is a URI, else its local copy. */
  public static String localize(String location) {
    if (!StorageRoot.isUri(location)) return location;
    Path copy = copyOf(location);
    synchronized (LOCKS.computeIfAbsent(location, k -> new Object())) {
      if (Files.exists(copy)) return copy.toString();
      Path partial = copy.resolveSibling(copy.getFileName() + ".partial-" + UUID.randomUUID());
      try {
        Files.createDirectories(copy.getParent());
        SharedFiles.download(location, partial);
        try {
          Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          if (!Files.exists(copy)) throw e;
          CheckpointFiles.deleteTree(partial);  // another process on this disk finished the same copy first
        }
        return copy.toString();
      } catch (IOException e) {
        deleteQuietly(partial);
        throw new UncheckedIOException("cannot copy " + location + " to " + copy + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        deleteQuietly(partial);
        throw e;
      }
    }
  }

  /** Deletes the local copy of {@code location}, once nothing uses it (a retired policy version); no-op for a path. */
  public static void evict(String location) {
    if (!StorageRoot.isUri(location)) return;
    synchronized (LOCKS.computeIfAbsent(location, k -> new Object())) {
      deleteQuietly(copyOf(location).getParent());
    }
  }

  /** A new empty directory in the cache, for staging files on their way to shared storage. */
  public static Path scratchDirectory(String prefix) {
    try {
      Files.createDirectories(cacheRoot());
      return Files.createTempDirectory(cacheRoot(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory in " + cacheRoot() + ": " + e.getMessage(), e);
    }
  }

  /** A local directory kept for {@code location} (a trainer state's mirror), beside the copies; not created here. */
  public static Path mirrorOf(String location) {
    return cacheRoot().resolve(hash(location)).resolve("mirror");
  }

  /** Where {@code location}'s copy lives: a directory per location (a hash), holding the file or directory by name. */
  static Path copyOf(String location) {
    String name = new org.apache.hadoop.fs.Path(location).getName();
    return cacheRoot().resolve(hash(location)).resolve(name.isEmpty() ? "root" : name);
  }

  public static Path cacheRoot() {
    String cache = System.getenv("RAIF_CACHE");
    if (cache != null && !cache.isBlank()) return Path.of(cache, "localized");
    SparkEnv env = SparkEnv.get();
    String base = env != null ? Utils.getLocalDir(env.conf()) : System.getProperty("java.io.tmpdir");
    return Path.of(base, "raif-localized");
  }

  private static String hash(String location) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      CheckpointFiles.deleteTree(p);
    } catch (IOException ignored) {
      // a leftover in a cache directory: the next copy of the same location replaces it
    }
  }
}
