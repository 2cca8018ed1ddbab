package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.model.ModelKey;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What every stage works with: the session, the config, the tables, and which run, iteration and policy it is on.
 *
 * @param policy the weights rollouts are sampled from, with their version (0 = the configured initial model)
 * @param draws how many windows of prompts the iteration has drawn so far (dynamic sampling draws more; else 1)
 */
public record PipelineContext(SparkSession spark, RaifConfig config, RaifTables tables, String runId, int iteration,
    ModelKey policy, int draws) {

  /** Iteration {@code iteration} of the configured run, on the newest policy version published for it. */
  public static PipelineContext of(SparkSession spark, RaifConfig config, int iteration) {
    return new PipelineContext(spark, config, RaifTables.of(spark, config),
        config.run().id(), iteration, versions(config).policyFor(iteration), 1);
  }

  /** The same iteration with {@code n} prompt windows drawn. */
  public PipelineContext withDraws(int n) {
    return new PipelineContext(spark, config, tables, runId, iteration, policy, n);
  }

  /** The configured run's published policies and trainer state. */
  public static PolicyVersions versions(RaifConfig config) {
    return PolicyVersions.of(config.train().checkpointRoot(), config.run().id(), config.model().path());
  }

  public PolicyVersions versions() {
    return versions(config);
  }

  /** Whether this iteration has trained: its version i + 1 is published, so its rows are what training used. */
  public boolean trained() {
    return versions().published(iteration + 1L);
  }

  /** The run's valid prompts in the configured split ({@code all}: both). */
  public Dataset<Row> splitPrompts() {
    Dataset<Row> p = tables.read(RaifTables.Table.PROMPTS)
        .where(functions.col("run_id").equalTo(runId).and(functions.col("error").isNull()));
    String split = config.prompts().split();
    return split.equals("all") ? p : p.where(functions.col("split").equalTo(split));
  }

  /**
   * {@link #splitPrompts()}; with {@code prompts.limit}, a sample of that many: the same fixed one every iteration
   * ({@code prompts.order: fixed}, ordered by a hash of the id, so a sample mixes sources instead of taking the
   * alphabetically first), or this iteration's windows of a {@link PromptCursor} over epochs ({@code cursor}): one
   * window per draw, iteration i owning windows [i·D, (i+1)·D) for at most D draws ({@code
   * rollout.dynamic_max_draws} when dynamic sampling is on, else 1).
   */
  public Dataset<Row> selectedPrompts() {
    int limit = config.prompts().limit();
    if (limit > 0 && config.prompts().order().equals("cursor")) {
      Dataset<Row> p = splitPrompts();
      List<String> ids = p.select("prompt_id").as(Encoders.STRING()).collectAsList();
      int perIteration = DynamicSampling.maxDraws(config);
      java.util.Set<String> chosen = new java.util.TreeSet<>();
      for (int d = 0; d < draws; d++) chosen.addAll(PromptCursor.window(ids, iteration * perIteration + d, limit));
      return p.where(functions.col("prompt_id").isin(chosen.toArray())).orderBy("prompt_id");
    }
    Dataset<Row> p = splitPrompts().orderBy(functions.xxhash64(functions.col("prompt_id")), functions.col("prompt_id"));
    return limit > 0 ? p.limit(limit) : p;
  }
}
