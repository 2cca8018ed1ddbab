package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import ai.raif.rewards.reward.RolloutMode;
import org.apache.spark.sql.Row;

/**
 * What an iteration's rollouts look like, for the guardrails and every {@code train_metrics} row: reasoning rollouts
 * unless named otherwise; the kept ratio over the rollouts of the modes GRPO trains on.
 */
public record IterationStats(double formatPassRate, double rewardThink, double rewardDirect,
                             double meanResponseTokens, double keptRatio) {

  public static IterationStats of(PipelineContext ctx) {
    Row r = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration()).agg(
        avg(when(col("mode").equalTo("think"), when(col("format_ok"), 1.0).otherwise(0.0))),
        avg(when(col("mode").equalTo("think"), col("reward"))),
        avg(when(col("mode").equalTo("direct"), col("reward"))),
        avg(when(col("mode").equalTo("think"), col("response_tokens")))).first();
    Row s = ctx.tables().iteration(RaifTables.Table.SAMPLES, ctx.runId(), ctx.iteration())
        .agg(ContrastStage.keptRatio(RolloutMode.listOf(ctx.config().train().grpoModes()))).first();
    return new IterationStats(RewardStage.dbl(r, 0), RewardStage.dbl(r, 1), RewardStage.dbl(r, 2),
        RewardStage.dbl(r, 3), RewardStage.dbl(s, 0));
  }
}
