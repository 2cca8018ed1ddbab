package ai.raif.jobs.pipeline;

import ai.raif.udfs.rollout.RolloutRows;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code samples} table: the contrast stage's decision and advantage for every rollout. */
public final class SampleRows {
  /** Why a rollout does not train; null when it does. */
  public static final String DIRECT_ROLLOUT = "direct_rollout";
  /** A chat rollout where train.grpo_modes leaves chat out. */
  public static final String CHAT_ROLLOUT = "chat_rollout";
  /** A reasoning rollout where train.grpo_modes leaves think out (it may still be cloned). */
  public static final String THINK_ROLLOUT = "think_rollout";
  public static final String REWARD_ERROR = "reward_error";
  public static final String COT_NOT_SUPERIOR = "cot_not_superior";
  public static final String ZERO_VARIANCE = "zero_variance";

  public static final StructType SCHEMA;

  static {
    SCHEMA = RolloutRows.keySchema().add("source", DataTypes.StringType, true)
        .add("kept", DataTypes.BooleanType, false)
        .add("drop_reason", DataTypes.StringType, true)
        .add("reward", DataTypes.DoubleType, true)
        .add("accuracy_reward", DataTypes.DoubleType, true)
        .add("group_size", DataTypes.IntegerType, true)
        .add("group_mean", DataTypes.DoubleType, true)
        .add("group_std", DataTypes.DoubleType, true)
        .add("advantage", DataTypes.DoubleType, true)
        .add("supcot_mode", DataTypes.StringType, false);
  }

  private SampleRows() {}
}
