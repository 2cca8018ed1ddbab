package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.model.ModelKey;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What every stage works with: the session, the config, the tables, and which run, iteration and policy it is on.
 *
 * @param policy the weights rollouts are sampled from, with their version (0 = the configured initial model)
 */
public record PipelineContext(SparkSession spark, RaifConfig config, RaifTables tables, String runId, int iteration,
    ModelKey policy) {

  /** Iteration {@code iteration} of the configured run, on the newest policy version published for it. */
  public static PipelineContext of(SparkSession spark, RaifConfig config, int iteration) {
    return new PipelineContext(spark, config, new RaifTables(spark, Path.of(config.tables().root())),
        config.run().id(), iteration, versions(config).policyFor(iteration));
  }

  /** The configured run's published policies and trainer state. */
  public static PolicyVersions versions(RaifConfig config) {
    return PolicyVersions.of(config.train().checkpointRoot(), config.run().id(), config.model().path());
  }

  public PolicyVersions versions() {
    return versions(config);
  }

  /** The run's valid prompts in the configured split ({@code all}: both). */
  public Dataset<Row> splitPrompts() {
    Dataset<Row> p = tables.read(RaifTables.Table.PROMPTS)
        .where(functions.col("run_id").equalTo(runId).and(functions.col("error").isNull()));
    String split = config.prompts().split();
    return split.equals("all") ? p : p.where(functions.col("split").equalTo(split));
  }

  /**
   * {@link #splitPrompts()}; with {@code prompts.limit}, a fixed sample of that many (ordered by a hash of the id, so a
   * sample mixes sources instead of taking the alphabetically first).
   */
  public Dataset<Row> selectedPrompts() {
    Dataset<Row> p = splitPrompts().orderBy(functions.xxhash64(functions.col("prompt_id")), functions.col("prompt_id"));
    return config.prompts().limit() > 0 ? p.limit(config.prompts().limit()) : p;
  }
}
