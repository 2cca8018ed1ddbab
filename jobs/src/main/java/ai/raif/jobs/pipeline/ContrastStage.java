package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.udfs.SparkValues;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sample-wise CoT contrast and GRPO advantages, per prompt (raif-spec §4.2, §5):
 * <ul>
 *   <li>{@code paper} (Eq. 7): the prompt's reasoning rollouts train only if the best reasoning accuracy reward is
 *       at least the worst direct one; the group statistics use the reasoning rollouts only.</li>
 *   <li>{@code code_faithful}: the released filter: reasoning rollouts drop only when the best is below the worst
 *       direct one and they are not all equal; the direct rollouts enter the group statistics.</li>
 *   <li>{@code off}: no contrast.</li>
 * </ul>
 * In every mode direct rollouts never train. Chat rollouts train only where {@code train.grpo_modes} names chat; then
 * a prompt's chat rollouts are a GRPO group of their own (their rewards carry no format, so they would skew the
 * reasoning group's statistics), with no contrast; otherwise they are in no statistic. A group with any failed
 * rollout or reward drops whole ({@code reward_error}: its statistics would be wrong), and a group whose statistics
 * have zero variance drops ({@code zero_variance}: every advantage would be 0). Advantage = (r − mean) / (unbiased
 * std + 1e-9), clamped to [−10, 10].
 */
public final class ContrastStage {
  static final double EPS = 1e-9;
  static final double CLIP = 10.0;

  private ContrastStage() {}

  public static PipelineMetrics run(PipelineContext ctx) {
    String mode = ctx.config().supcot().mode();
    Dataset<Row> rewards = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration());
    Dataset<Row> samples = decide(rewards, mode, RolloutMode.listOf(ctx.config().train().grpoModes()));
    if (!ctx.trained()) {
      // a group's decision follows its rewards, which a rerun may have retried: decide again until training
      ctx.tables().upsert(RaifTables.Table.SAMPLES, samples);
    } else {
      Dataset<Row> todo = ctx.tables().missing(RaifTables.Table.SAMPLES, samples);
      if (!todo.isEmpty()) ctx.tables().insertMissing(RaifTables.Table.SAMPLES, todo);
    }
    return summary(ctx);
  }

  /** The decision for every reward row; pure Spark SQL over one iteration's rewards. */
  static Dataset<Row> decide(Dataset<Row> rewards, String mode, List<RolloutMode> grpoModes) {
    boolean codeFaithful = mode.equals("code_faithful");
    boolean trainThink = grpoModes.contains(RolloutMode.THINK);
    boolean trainChat = grpoModes.contains(RolloutMode.CHAT);
    Column think = col("mode").equalTo("think");
    Column direct = col("mode").equalTo("direct");
    Column chat = col("mode").equalTo("chat");
    Column inStats = (codeFaithful ? think.or(direct) : think).or(lit(trainChat).and(chat));
    // a failed chat rollout spoils only a chat group that trains; otherwise it is in no statistic
    Column bad = (trainChat ? lit(true) : not(chat)).and(col("error").isNotNull().or(col("reward").isNull()));
    Dataset<Row> grouped = rewards.withColumn("stats_group", when(chat, lit("chat")).otherwise(lit("reasoning")));
    Dataset<Row> groups = grouped.groupBy("run_id", "iteration", "prompt_id", "stats_group").agg(
        max(when(think, col("accuracy_reward"))).as("max_think_acc"),
        min(when(think, col("accuracy_reward"))).as("min_think_acc"),
        min(when(direct, col("accuracy_reward"))).as("min_direct_acc"),
        count(when(inStats, 1)).cast("int").as("group_size"),
        avg(when(inStats, col("reward"))).as("group_mean"),
        stddev_samp(when(inStats, col("reward"))).as("group_std"),
        max(when(inStats, col("reward"))).as("max_stat"),
        min(when(inStats, col("reward"))).as("min_stat"),
        sum(when(bad, 1).otherwise(0)).as("bad"));

    Column notSuperior = col("min_direct_acc").isNotNull().and(col("max_think_acc").lt(col("min_direct_acc")));
    if (codeFaithful) notSuperior = notSuperior.and(col("max_think_acc").notEqual(col("min_think_acc")));
    if (mode.equals("off")) notSuperior = lit(false);
    Column dropReason = when(direct, lit(SampleRows.DIRECT_ROLLOUT))
        .when(chat.and(lit(!trainChat)), lit(SampleRows.CHAT_ROLLOUT))
        .when(think.and(lit(!trainThink)), lit(SampleRows.THINK_ROLLOUT))
        .when(col("bad").gt(0), lit(SampleRows.REWARD_ERROR))
        .when(notSuperior, lit(SampleRows.COT_NOT_SUPERIOR))
        .when(col("group_size").lt(2).or(col("max_stat").equalTo(col("min_stat"))), lit(SampleRows.ZERO_VARIANCE))
        .otherwise(lit(null).cast("string"));
    Column advantage = when(inStats.and(col("bad").equalTo(0)).and(col("group_size").geq(2)),
        least(lit(CLIP), greatest(lit(-CLIP),
            col("reward").minus(col("group_mean")).divide(col("group_std").plus(EPS)))));

    return grouped.join(groups, SparkValues.seq(List.of("run_id", "iteration", "prompt_id", "stats_group")))
        .withColumn("drop_reason", dropReason)
        .withColumn("kept", col("drop_reason").isNull())
        .withColumn("advantage", advantage)
        .withColumn("group_mean", when(col("bad").equalTo(0), col("group_mean")))
        .withColumn("group_std", when(col("bad").equalTo(0), col("group_std")))
        .withColumn("supcot_mode", lit(mode))
        .select(java.util.Arrays.stream(SampleRows.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Aggregate over samples: kept rollouts over the rollouts of the modes GRPO trains on; null (read as NaN) when there
   * are none.
   */
  static Column keptRatio(List<RolloutMode> grpoModes) {
    Column trained = col("mode").isin(grpoModes.stream().map(RolloutMode::wireName).toArray());
    Column candidates = count(when(trained, 1));
    // no division by 0, which ANSI mode (spark.sql.ansi.enabled) would turn into an error
    return when(candidates.gt(0), sum(when(trained.and(col("kept")), 1).otherwise(0)).divide(candidates));
  }

  static PipelineMetrics summary(PipelineContext ctx) {
    Dataset<Row> s = ctx.tables().iteration(RaifTables.Table.SAMPLES, ctx.runId(), ctx.iteration());
    Row t = s.agg(count("*"), sum(when(col("kept"), 1).otherwise(0)),
        org.apache.spark.sql.functions.countDistinct("prompt_id"),
        org.apache.spark.sql.functions.countDistinct(when(col("kept"), col("prompt_id"))),
        keptRatio(RolloutMode.listOf(ctx.config().train().grpoModes()))).first();
    long kept = t.isNullAt(1) ? 0 : t.getLong(1);
    PipelineMetrics m = new PipelineMetrics("contrast")
        .put("prompts", t.getLong(2))
        .put("samples", t.getLong(0))
        .put("kept", kept)
        .put("kept_prompts", t.getLong(3))
        .put("kept_ratio", RewardStage.dbl(t, 4));
    java.util.Map<String, Long> drops = new java.util.HashMap<>();
    for (Row r : s.where(col("drop_reason").isNotNull()).groupBy("drop_reason").count().collectAsList()) {
      drops.put(r.getString(0), r.getLong(1));
    }
    for (String reason : List.of(SampleRows.DIRECT_ROLLOUT, SampleRows.CHAT_ROLLOUT, SampleRows.THINK_ROLLOUT,
        SampleRows.REWARD_ERROR, SampleRows.COT_NOT_SUPERIOR, SampleRows.ZERO_VARIANCE)) {
      m.put("dropped." + reason, drops.getOrDefault(reason, 0L));
    }
    return m;
  }
}
