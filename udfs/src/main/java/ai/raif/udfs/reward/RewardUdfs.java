package ai.raif.udfs.reward;

import ai.raif.rewards.reward.PolicyOutput;
import ai.raif.rewards.reward.RewardConfig;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * RAIF's rewards as SQL functions, so a notebook can score any table:
 *
 * <pre>
 *   SELECT raif_reward(raif_policy_output(prompt_text, response), constraints, mode).reward FROM ...
 * </pre>
 *
 * <ul>
 *   <li>{@code raif_policy_output(prompt_text, response)}: the text the reward reads (the prompt's forced think prefix
 *       plus the response, cut at the first end-of-turn string)</li>
 *   <li>{@code raif_reward(policy_output, constraints, mode)}: an {@code ifeval} rule reward; {@code mode} is
 *       {@code think} or {@code direct}</li>
 *   <li>{@code raif_math_reward(policy_output, reference_answer)}: the math reward</li>
 *   <li>{@code raif_task_reward(source, instruction, policy_output, mode, constraints, reference_answer,
 *       judge_verdicts)}: any task, as the pipeline scores it</li>
 * </ul>
 *
 * All return the {@link RewardRows#REWARD} struct; bad input gives a struct whose {@code error} says why.
 */
public final class RewardUdfs {
  private RewardUdfs() {}

  public static void register(SparkSession spark, RewardConfig config) {
    spark.udf().register("raif_policy_output",
        (UDF2<String, String, String>) (prompt, response) -> response == null ? null : PolicyOutput.of(prompt, response),
        DataTypes.StringType);
    spark.udf().register("raif_reward",
        (UDF3<String, String, String, Row>) (output, constraints, mode) -> RewardRows.toRow(
            RolloutReward.score(config, "ifeval", null, output, mode, constraints, null, null)),
        RewardRows.REWARD);
    spark.udf().register("raif_math_reward",
        (UDF2<String, String, Row>) (output, reference) -> RewardRows.toRow(
            RolloutReward.score(config, "math", null, output, "think", null, reference, null)),
        RewardRows.REWARD);
    spark.udf().register("raif_task_reward",
        (UDF7<String, String, String, String, String, String, Seq<Object>, Row>)
            (source, instruction, output, mode, constraints, reference, verdicts) -> RewardRows.toRow(
                RolloutReward.score(config, source, instruction, output, mode, constraints, reference,
                    verdicts == null ? null : booleans(verdicts))),
        RewardRows.REWARD);
  }

  private static List<Boolean> booleans(Seq<Object> seq) {
    List<Boolean> out = new java.util.ArrayList<>();
    scala.collection.Iterator<Object> it = seq.iterator();
    while (it.hasNext()) out.add((Boolean) it.next());
    return out;
  }
}
