package ai.raif.jobs.pipeline;

import ai.raif.udfs.storage.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * The lines of a JSONL input named in the config: {@code builtin} (a set shipped in the jar), a local file, or a file
 * on any Hadoop FileSystem ({@code s3a://…}, {@code dbfs:/…}), read by Spark.
 */
public final class JsonlLines {
  public static final String BUILTIN = "builtin";

  private JsonlLines() {}

  /**
   * @param key the config key that named {@code source}, for the message when the file is missing
   * @param builtinResource the classpath resource {@code builtin} stands for
   */
  public static JavaRDD<String> read(SparkSession spark, String source, String key, String builtinResource) {
    if (!source.equals(BUILTIN)) {
      if (!SharedFiles.isFile(source)) throw new IllegalArgumentException(key + ": file not found: " + source);
      return spark.read().textFile(source).javaRDD();
    }
    try (InputStream in = JsonlLines.class.getResourceAsStream(builtinResource)) {
      if (in == null) throw new IllegalStateException("built-in set " + builtinResource + " missing from the jar");
      List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
      return spark.createDataset(lines, Encoders.STRING()).javaRDD().coalesce(1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in set " + builtinResource, e);
    }
  }
}
