package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.raif.udfs.SparkValues;
import ai.raif.udfs.reward.RewardRows;
import ai.raif.udfs.reward.RewardUdfs;
import ai.raif.udfs.rollout.RolloutRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Scores the iteration's rollouts with the SQL reward functions ({@link RewardUdfs}): rule checks, math, format,
 * and the judge's verdicts for {@code complex} prompts. A rollout that failed, or whose label is malformed, gets a
 * reward row with {@code error} set; it is counted, and the stage goes on.
 */
public final class RewardStage {
  private RewardStage() {}

  public static PipelineMetrics run(PipelineContext ctx) {
    RewardUdfs.register(ctx.spark(), ctx.config().reward().rewardConfig());
    Dataset<Row> rollouts = ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration());
    Dataset<Row> prompts = ctx.tables().read(RaifTables.Table.PROMPTS).where(col("run_id").equalTo(ctx.runId()))
        .select(col("prompt_id"), col("constraints"), col("reference_answer"), col("messages"),
            expr("element_at(filter(messages, m -> m.role = 'user'), -1).content").as("instruction"));
    // until the iteration is trained, a rerun rescores the rows that failed (a judge fault, a rollout since retried)
    boolean retry = !ctx.trained();
    Dataset<Row> todo = (retry ? ctx.tables().unfinished(RaifTables.Table.REWARDS, rollouts)
        : ctx.tables().missing(RaifTables.Table.REWARDS, rollouts))
        .join(prompts, SparkValues.seq(List.of("prompt_id")), "left")
        .withColumn("policy_output", callUDF("raif_policy_output", col("prompt_text"), col("response")));
    List<JudgeStage.Counts> judge = new ArrayList<>();
    todo = JudgeStage.attachVerdicts(ctx, todo, judge);

    Dataset<Row> scored = todo
        .withColumn("r", callUDF("raif_task_reward", col("source"), col("instruction"), col("policy_output"),
            col("mode"), col("constraints"), col("reference_answer"), col("judge_verdicts")))
        .select(rewardColumns())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long count = scored.count();
    long retried = retry && count > 0 ? ctx.tables().failedAmong(RaifTables.Table.REWARDS, scored) : 0;
    if (count > 0) ctx.tables().insertOrRetry(RaifTables.Table.REWARDS, scored);
    scored.unpersist();
    PipelineMetrics m = summary(ctx, count);
    if (retried > 0) m.put("retried", retried);
    for (JudgeStage.Counts j : judge) {
      m.put("judge.questions", j.questions()).put("judge.cached", j.cached()).put("judge.asked", j.asked())
          .put("judge.failed", j.failed()).put("judge.requests", j.requests()).put("judge.retries", j.retries())
          .put("judge.verdicts_per_s", j.asked() / Math.max(j.seconds(), 1e-9));
    }
    return m;
  }

  /** Key, source, length, then the reward struct's fields; a failed rollout's error wins over the reward's. */
  private static Column[] rewardColumns() {
    List<Column> cols = new ArrayList<>();
    for (String k : RolloutRows.KEY) cols.add(col(k));
    cols.add(col("source"));
    cols.add(col("response_tokens"));
    for (StructField f : RewardRows.REWARD.fields()) {
      if (f.name().equals("error")) {
        cols.add(when(col("error").isNotNull(), concat(lit("rollout: "), col("error")))
            .when(col("judge_error").isNotNull(), col("judge_error"))
            .when(col("prompt_text").isNull().and(col("r.error").isNull()), lit("prompt: not in the prompts table"))
            .otherwise(col("r.error")).as("error"));
      } else {
        cols.add(col("r." + f.name()).as(f.name()));
      }
    }
    return cols.toArray(Column[]::new);
  }

  static PipelineMetrics summary(PipelineContext ctx, long scoredNow) {
    Dataset<Row> all = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration());
    Column allPass = when(col("accuracy_reward").geq(ai.raif.rewards.reward.RewardValues.ALL_PASS), 1.0).otherwise(0.0);
    Row t = all.agg(count("*"), sum(when(col("error").isNotNull(), 1).otherwise(0)),
        // a chat answer has no format to pass or fail
        avg(when(col("mode").notEqual("chat"), when(col("format_ok"), 1.0).otherwise(0.0))),
        avg(when(col("mode").equalTo("think"), col("reward"))),
        avg(when(col("mode").equalTo("direct"), col("reward"))),
        avg(when(col("mode").equalTo("think"), col("accuracy_reward"))),
        avg(when(col("mode").equalTo("direct"), col("accuracy_reward"))),
        avg("rule_score"), avg("judge_score"), avg(when(col("math_ok"), 1.0).when(col("math_ok").isNotNull(), 0.0)),
        avg(when(col("mode").equalTo("chat"), col("reward"))),
        avg(when(col("mode").equalTo("think"), allPass)), avg(when(col("mode").equalTo("chat"), allPass)))
        .first();
    PipelineMetrics m = new PipelineMetrics("reward")
        .put("rewards", t.getLong(0))
        .put("errors", t.isNullAt(1) ? 0 : t.getLong(1))
        .put("format_pass_rate", dbl(t, 2))
        .put("reward_mean.think", dbl(t, 3))
        .put("reward_mean.direct", dbl(t, 4))
        .put("accuracy_mean.think", dbl(t, 5))
        .put("accuracy_mean.direct", dbl(t, 6))
        .put("rule_score_mean", dbl(t, 7))
        .put("judge_score_mean", dbl(t, 8))
        .put("math_accuracy", dbl(t, 9))
        .put("reward_mean.chat", dbl(t, 10))
        .put("all_pass.think", dbl(t, 11))
        .put("all_pass.chat", dbl(t, 12));
    if (scoredNow > 0) m.put("scored", scoredNow);
    return m;
  }

  /** A nullable double column of an aggregate row; null (nothing to average) is NaN. */
  static double dbl(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }
}
