package ai.raif.jobs.pipeline;

import ai.raif.udfs.SparkValues;
import ai.raif.udfs.reward.RewardRows;
import ai.raif.udfs.rollout.RolloutRows;
import ai.raif.udfs.storage.StorageRoot;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The run's Delta tables under one root (DESIGN §3): their schemas, keys and the one way rows get in. Every write
 * is an insert-only MERGE on the table's key, so a retried task, a rerun stage or two racing jobs can never
 * duplicate a row, and a finished stage reruns as a no-op.
 */
public final class RaifTables {
  public enum Table {
    PROMPTS("prompts", PromptRecords.SCHEMA, List.of("run_id", "prompt_id")),
    ROLLOUTS("rollouts", RolloutRows.ROLLOUT, RolloutRows.KEY),
    REWARDS("rewards", rewardSchema(), RolloutRows.KEY),
    SAMPLES("samples", SampleRows.SCHEMA, RolloutRows.KEY),
    TRAIN_METRICS("train_metrics", TrainMetricsRows.SCHEMA, List.of("run_id", "iteration", "step")),
    PIPELINE_METRICS("pipeline_metrics", PipelineMetrics.SCHEMA, List.of("run_id", "iteration", "stage", "metric")),
    JUDGE_CACHE("judge_cache", JudgeCacheRows.SCHEMA, List.of("judge_model", "question", "answer_hash")),
    EVAL_RESULTS("eval_results", EvalResults.SCHEMA,
        List.of("run_id", "checkpoint", "benchmark", "mode", "metric"));

    public final String dir;
    public final StructType schema;
    public final List<String> key;

    Table(String dir, StructType schema, List<String> key) {
      this.dir = dir;
      this.schema = schema;
      this.key = key;
    }
  }

  private final SparkSession spark;
  private final StorageRoot root;
  private final java.util.Set<Table> ensured = java.util.EnumSet.noneOf(Table.class);

  public RaifTables(SparkSession spark, StorageRoot root) {
    this.spark = spark;
    this.root = root;
  }

  /** The tables under {@code config}'s {@code tables.root}: a FileSystem URI or a local path. */
  public static RaifTables of(SparkSession spark, ai.raif.jobs.config.RaifConfig config) {
    return new RaifTables(spark, StorageRoot.of(config.tables().root()));
  }

  public StorageRoot root() {
    return root;
  }

  /** Where table {@code t} lives, as Spark and Delta are given it. */
  public String path(Table t) {
    return root.resolve(t.dir);
  }

  /** Creates the table when missing: partitioned by run_id where it has one (the judge cache is shared by runs). */
  public void ensure(Table t) {
    if (ensured.contains(t)) return;
    var columns = DeltaTable.createIfNotExists(spark).location(path(t)).addColumns(t.schema);
    var builder = t.schema.getFieldIndex("run_id").isDefined() ? columns.partitionedBy("run_id") : columns;
    retryingConflicts(t, builder::execute);  // two runs starting on a fresh root both create the table
    ensured.add(t);
  }

  public Dataset<Row> read(Table t) {
    ensure(t);
    return spark.read().format("delta").load(path(t));
  }

  /** One iteration of a per-rollout table. */
  public Dataset<Row> iteration(Table t, String runId, int iteration) {
    return read(t).where(functions.col("run_id").equalTo(runId).and(functions.col("iteration").equalTo(iteration)));
  }

  /** Rows of {@code rows} whose key is not in the table yet. */
  public Dataset<Row> missing(Table t, Dataset<Row> rows) {
    return rows.join(read(t).select(keyColumns(t)), SparkValues.seq(t.key), "left_anti");
  }

  /**
   * Rows of {@code rows} still to compute in a table whose rows may record a failure ({@code error}): keys not in the
   * table, and keys whose stored row failed. A failed row (a fault, a config mistake since fixed) is retried by every
   * rerun until it succeeds; one that fails for good (bad data) fails again with its reason.
   */
  public Dataset<Row> unfinished(Table t, Dataset<Row> rows) {
    return rows.join(read(t).where(functions.col("error").isNull()).select(keyColumns(t)), SparkValues.seq(t.key),
        "left_anti");
  }

  /**
   * Deletes iteration {@code iteration}'s rollouts that were sampled from a policy version other than
   * {@code version} (a run that raced ahead of training), with the rewards and samples computed from them, so the
   * stages make them again from the right version. Downstream rows go first: a crash in between leaves the stale
   * rollouts for the next run to find. Returns how many rollouts were stale.
   */
  public long dropStale(String runId, int iteration, long version) {
    Dataset<Row> staleKeys = iteration(Table.ROLLOUTS, runId, iteration)
        .where(functions.col("policy_version").notEqual(version)).select(keyColumns(Table.ROLLOUTS));
    List<Row> keys = staleKeys.collectAsList();  // collected: the rollouts they are read from are deleted below
    if (keys.isEmpty()) return 0;
    Dataset<Row> stale = spark.createDataFrame(keys, staleKeys.schema());
    for (Table t : List.of(Table.SAMPLES, Table.REWARDS, Table.ROLLOUTS)) {
      ensure(t);
      retryingConflicts(t, () -> merge(t, stale, keyColumns(t)).whenMatched().delete().execute());
    }
    return keys.size();
  }

  /** How many of {@code rows}' keys the table holds as failed: the retries among them. */
  public long failedAmong(Table t, Dataset<Row> rows) {
    return rows.select(keyColumns(t)).join(read(t).where(functions.col("error").isNotNull()).select(keyColumns(t)),
        SparkValues.seq(t.key), "left_semi").count();
  }

  /**
   * Inserts the rows whose key is not in the table (MERGE ... WHEN NOT MATCHED INSERT). The rows are aligned to the
   * table's schema by name.
   */
  public void insertMissing(Table t, Dataset<Row> rows) {
    ensure(t);
    retryingConflicts(t, () -> merge(t, rows).whenNotMatched().insertAll().execute());
  }

  /** As {@link #insertMissing}, and replaces the stored rows that failed ({@link #unfinished}) by key. */
  public void insertOrRetry(Table t, Dataset<Row> rows) {
    ensure(t);
    retryingConflicts(t,
        () -> merge(t, rows).whenMatched("t.error IS NOT NULL").updateAll().whenNotMatched().insertAll().execute());
  }

  /** Inserts or replaces rows by key; for tables whose rows describe the latest state (metrics). */
  public void upsert(Table t, Dataset<Row> rows) {
    ensure(t);
    retryingConflicts(t, () -> merge(t, rows).whenMatched().updateAll().whenNotMatched().insertAll().execute());
  }

  /** Attempts at a MERGE that loses to a concurrent commit to the same table (another run, a notebook). */
  static final int MERGE_ATTEMPTS = 6;

  /**
   * Runs {@code merge}, again when Delta refuses its commit because another writer committed first: the MERGE reads
   * the table anew and its keys decide again, so a retry neither loses nor duplicates a row. Runs sharing a tables
   * root conflict this way whenever they commit to the same table at once.
   */
  static void retryingConflicts(Table t, Runnable merge) {
    for (int attempt = 1; ; attempt++) {
      try {
        merge.run();
        return;
      } catch (org.apache.spark.sql.delta.DeltaConcurrentModificationException e) {  // the public io.delta ones too
        if (attempt == MERGE_ATTEMPTS) {
          throw new IllegalStateException("table " + t.dir + ": " + MERGE_ATTEMPTS + " commits in a row lost to "
              + "concurrent writers; rerun to resume (" + e.getClass().getSimpleName() + ")", e);
        }
        long backoff = (50L << attempt) + java.util.concurrent.ThreadLocalRandom.current().nextLong(100);
        System.err.printf("table %s: commit lost to a concurrent writer (%s), retry %d of %d in %d ms%n", t.dir,
            e.getClass().getSimpleName(), attempt, MERGE_ATTEMPTS - 1, backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while retrying a commit to " + t.dir, ie);
        }
      }
    }
  }

  private io.delta.tables.DeltaMergeBuilder merge(Table t, Dataset<Row> rows) {
    return merge(t, rows, columnsOf(t.schema));
  }

  private io.delta.tables.DeltaMergeBuilder merge(Table t, Dataset<Row> rows, Column[] columns) {
    Dataset<Row> aligned = rows.select(columns);
    String on = t.key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    return DeltaTable.forPath(spark, path(t)).as("t").merge(aligned.as("s"), on);
  }

  private static Column[] keyColumns(Table t) {
    return t.key.stream().map(functions::col).toArray(Column[]::new);
  }

  private static Column[] columnsOf(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    return cols.toArray(Column[]::new);
  }

  private static StructType rewardSchema() {
    StructType s = RolloutRows.keySchema().add("source", DataTypes.StringType, true)
        .add("response_tokens", DataTypes.IntegerType, true);
    for (StructField f : RewardRows.REWARD.fields()) s = s.add(f);
    return s;
  }
}
