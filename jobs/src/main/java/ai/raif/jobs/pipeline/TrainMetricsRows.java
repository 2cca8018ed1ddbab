package ai.raif.jobs.pipeline;

import ai.raif.jobs.tracking.MetricPoint;
import ai.raif.jobs.tracking.Tracking;
import ai.raif.trainer.grpo.StepStats;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The {@code train_metrics} table: one row per optimizer step, keyed by run, iteration and step. */
public final class TrainMetricsRows {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("step", DataTypes.IntegerType, false)
      .add("global_step", DataTypes.LongType, false)
      .add("policy_version", DataTypes.LongType, false)
      .add("loss", DataTypes.DoubleType, true)
      .add("policy_loss", DataTypes.DoubleType, true)
      .add("kl_loss", DataTypes.DoubleType, true)
      .add("bc_loss", DataTypes.DoubleType, true)
      .add("kl", DataTypes.DoubleType, true)
      .add("clip_low_fraction", DataTypes.DoubleType, true)
      .add("clip_high_fraction", DataTypes.DoubleType, true)
      .add("ratio_mean", DataTypes.DoubleType, true)
      .add("entropy", DataTypes.DoubleType, true)
      .add("grad_norm", DataTypes.DoubleType, true)
      .add("lr", DataTypes.DoubleType, true)
      .add("rl_sequences", DataTypes.IntegerType, false)
      .add("expert_sequences", DataTypes.IntegerType, false)
      .add("response_tokens", DataTypes.IntegerType, false)
      .add("tokens", DataTypes.LongType, false)
      .add("tokens_per_s", DataTypes.DoubleType, true)
      .add("step_s", DataTypes.DoubleType, true)
      .add("kept_ratio", DataTypes.DoubleType, true)
      .add("reward_mean_think", DataTypes.DoubleType, true)
      .add("reward_mean_direct", DataTypes.DoubleType, true)
      .add("format_pass_rate", DataTypes.DoubleType, true)
      .add("mean_response_tokens", DataTypes.DoubleType, true)
      .add("updated_at", DataTypes.TimestampType, false);

  private TrainMetricsRows() {}

  static Row row(String runId, int iteration, int step, long globalStep, long version, StepStats s, IterationStats it) {
    return RowFactory.create(runId, iteration, step, globalStep, version, n(s.loss()), n(s.policyLoss()),
        n(s.klLoss()), n(s.bcLoss()), n(s.meanKl()), n(s.clipLowFraction()), n(s.clipHighFraction()),
        n(s.meanRatio()), n(s.entropy()), n(s.gradNorm()), n(s.lr()), s.rlSequences(), s.expertSequences(),
        s.responseTokens(), s.tokens(), n(s.tokensPerSecond()), n(s.seconds()), n(it.keptRatio()),
        n(it.rewardThink()), n(it.rewardDirect()), n(it.formatPassRate()), n(it.meanResponseTokens()),
        new Timestamp(System.currentTimeMillis()));
  }

  /** Upserts one step's row, then logs it to the run's tracker ({@link #points}). */
  static void write(PipelineContext ctx, Row row) {
    ctx.tables().upsert(RaifTables.Table.TRAIN_METRICS, ctx.spark().createDataFrame(List.of(row), SCHEMA));
    Tracking.of(ctx.runId()).log(points(row));
  }

  /**
   * A row as tracked metrics: every numeric column but {@code global_step} as {@code train.<column>}, at step
   * {@code global_step} (the optimizer step over the whole run), so {@code train.iteration} and {@code train.step}
   * are metrics too; null columns are left out.
   */
  static List<MetricPoint> points(Row row) {
    // by position: the rows are built in SCHEMA's order and carry no schema of their own
    long step = row.getLong(SCHEMA.fieldIndex("global_step"));
    long time = ((Timestamp) row.get(SCHEMA.fieldIndex("updated_at"))).getTime();
    List<MetricPoint> out = new ArrayList<>();
    StructField[] fields = SCHEMA.fields();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].dataType() instanceof NumericType && !fields[i].name().equals("global_step") && !row.isNullAt(i)) {
        out.add(new MetricPoint("train." + fields[i].name(), ((Number) row.get(i)).doubleValue(), time, step));
      }
    }
    return out;
  }

  /** NaN (a statistic with nothing to average) is stored as null. */
  private static Double n(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
