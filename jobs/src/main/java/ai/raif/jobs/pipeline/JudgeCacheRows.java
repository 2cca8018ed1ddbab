package ai.raif.jobs.pipeline;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The judge's verdicts, shared by all runs so a rerun (or another run scoring the same answer) does not pay twice.
 * {@code answer_hash} covers the instruction and the answer, the two texts the judge reads besides the question.
 */
public final class JudgeCacheRows {
  public static final StructType SCHEMA = new StructType()
      .add("judge_model", DataTypes.StringType, false)
      .add("question", DataTypes.StringType, false)
      .add("answer_hash", DataTypes.StringType, false)
      .add("verdict", DataTypes.BooleanType, false)
      .add("judged_at", DataTypes.TimestampType, false);

  private JudgeCacheRows() {}
}
