package ai.raif.udfs;

import org.apache.spark.sql.SparkSession;

/** The one place that knows how a RAIF SparkSession is configured (Delta catalog and SQL extensions). */
public final class SparkSessions {
  private SparkSessions() {}

  /** A builder with Delta enabled; callers add master/app name (spark-submit supplies them on a cluster). */
  public static SparkSession.Builder withDelta(SparkSession.Builder b) {
    return b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
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
    return withDelta(SparkSession.builder().master(master).appName(appName))
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
