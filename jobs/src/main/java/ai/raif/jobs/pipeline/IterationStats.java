package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Row;

/**
 * What an iteration's rollouts look like, for the guardrails and every {@code train_metrics} row: reasoning rollouts
 * unless named otherwise.
 */
public record IterationStats(double formatPassRate, double rewardThink, double rewardDirect,
                             double meanResponseTokens, double keptRatio) {

  public static IterationStats of(PipelineContext ctx) {
    Row r = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration()).agg(
        avg(when(col("mode").equalTo("think"), when(col("format_ok"), 1.0).otherwise(0.0))),
        avg(when(col("mode").equalTo("think"), col("reward"))),
        avg(when(col("mode").equalTo("direct"), col("reward"))),
        avg(when(col("mode").equalTo("think"), col("response_tokens")))).first();
    Row s = ctx.tables().iteration(RaifTables.Table.SAMPLES, ctx.runId(), ctx.iteration()).agg(
        sum(when(col("kept"), 1).otherwise(0)), count(when(col("mode").equalTo("think"), 1))).first();
    long think = s.isNullAt(1) ? 0 : s.getLong(1);
    double kept = think == 0 ? Double.NaN : (s.isNullAt(0) ? 0 : s.getLong(0)) / (double) think;
    return new IterationStats(RewardStage.dbl(r, 0), RewardStage.dbl(r, 1), RewardStage.dbl(r, 2),
        RewardStage.dbl(r, 3), kept);
  }
}
