package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.model.ModelKey;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A policy version on held-out prompts: one greedy reasoning rollout per prompt of the eval split, rewarded exactly
 * as in training, in the run's tables under its own run id ({@code <run>-eval}, iteration = policy version), so a
 * rerun reuses what is already scored.
 */
public final class HeldOutEval {
  /**
   * @param ruleAccuracy share of instruction prompts (IFEval-style) whose answer passes every rule, strictly
   * @param formatPassRate share of responses with well-formed think and answer blocks
   */
  public record Result(long version, long prompts, double ruleAccuracy, double formatPassRate, double meanReward) {}

  private HeldOutEval() {}

  /** The settings an evaluation overrides: split, one greedy reasoning sample, no direct samples. */
  public static List<String> overrides(RaifConfig trainingRun) {
    return List.of("run.id=" + trainingRun.run().id() + "-eval", "prompts.split=eval",
        "prompts.limit=" + trainingRun.demo().evalPrompts(), "rollout.reasoning_samples=1",
        "rollout.direct_samples=0", "rollout.temperature=0",
        "rollout.max_new_tokens=" + trainingRun.demo().evalMaxNewTokens());
  }

  /** Evaluates {@code policy} with {@code evalConfig} (a config with {@link #overrides} applied). */
  public static Result run(SparkSession spark, RaifConfig evalConfig, ModelKey policy, java.io.PrintStream log) {
    PipelineContext ctx = new PipelineContext(spark, evalConfig, new RaifTables(spark,
        Path.of(evalConfig.tables().root())), evalConfig.run().id(), (int) policy.policyVersion(), policy);
    for (Pipeline.Stage s : List.of(Pipeline.Stage.PROMPTS, Pipeline.Stage.ROLLOUT, Pipeline.Stage.REWARD)) {
      Pipeline.runStage(ctx, s, log);
    }
    Row r = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration()).agg(
        count("*"),
        avg(when(col("source").equalTo("ifeval"),
            when(coalesce(col("rule_score"), lit(0.0)).geq(1.0), 1.0).otherwise(0.0))),
        avg(when(col("format_ok"), 1.0).otherwise(0.0)),
        avg("reward")).first();
    return new Result(policy.policyVersion(), r.getLong(0), RewardStage.dbl(r, 1), RewardStage.dbl(r, 2),
        RewardStage.dbl(r, 3));
  }
}
