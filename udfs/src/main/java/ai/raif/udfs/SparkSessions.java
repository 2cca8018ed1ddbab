package ai.raif.udfs;

import java.util.Collection;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place that knows how a RAIF SparkSession is configured (Delta catalog and SQL extensions). */
public final class SparkSessions {
  private SparkSessions() {}

  /** A builder with Delta enabled; callers add master/app name (spark-submit supplies them on a cluster). */
  public static SparkSession.Builder withDelta(SparkSession.Builder b) {
    return b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
  }

  /** Spark's own default for {@code spark.redaction.regex}, and API keys by their usual names. */
  static final String DEFAULT_REDACTION = "(?i)secret|password|token|access[.]?key|api[._-]?key";

  /**
   * Redacts, in the Spark UI, the event log and the environment Spark reports, every setting or environment variable
   * whose name matches the redaction regex already in force (spark-submit's, else Spark's default) or API keys by
   * their usual names, or is one of {@code secretVariables}: the variables a config names as holding API keys, which
   * may be called anything. It takes effect when this builder creates the SparkContext (the CLI, spark-submit); a
   * context that already runs (a notebook) keeps its own regex.
   */
  public static SparkSession.Builder redacting(SparkSession.Builder b, Collection<String> secretVariables) {
    return b.config("spark.redaction.regex",
        redactionRegex(new SparkConf().get("spark.redaction.regex", DEFAULT_REDACTION), secretVariables));
  }

  static String redactionRegex(String base, Collection<String> secretVariables) {
    StringBuilder regex = new StringBuilder(base);
    if (!base.contains("api[._-]?key")) regex.append("|(?i:api[._-]?key)");
    for (String name : secretVariables) {
      if (name != null && !name.isBlank()) regex.append('|').append(Pattern.quote(name));
    }
    return regex.toString();
  }

  /**
   * A local master that retries failed tasks: plain {@code local[N]} never does, so a transient task failure would
   * fail the job. {@code local[N,F]} gives F attempts per task; a master that already says F is kept.
   */
  public static String localMaster(String master, int maxFailures) {
    if (maxFailures <= 1 || master.contains(",")) return master;
    if (master.equals("local")) return "local[1," + maxFailures + "]";
    if (master.startsWith("local[") && master.endsWith("]")) {
      return master.substring(0, master.length() - 1) + "," + maxFailures + "]";
    }
    return master;
  }

  /** An embedded local session for the CLI and tests: all cores unless {@code master} says otherwise. */
  public static SparkSession local(String master, String appName) {
    return local(master, appName, java.util.List.of());
  }

  /** As {@link #local(String, String)}, with {@code secretVariables} redacted ({@link #redacting}). */
  public static SparkSession local(String master, String appName, Collection<String> secretVariables) {
    return redacting(withDelta(SparkSession.builder().master(master).appName(appName)), secretVariables)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "localhost")
        // Delta's default of 50 snapshot partitions dominates small local jobs (stack-notes §2).
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.shuffle.partitions", "4")
        // tables here hold thousands of rows, not billions: compiling whole-stage code and re-planning adaptively
        // cost more than they save (stack-notes §2: 35 s -> 25 s for a small Delta test)
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}
