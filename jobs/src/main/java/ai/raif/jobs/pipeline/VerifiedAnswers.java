package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.evolve.ConstraintText;
import ai.raif.rewards.reward.RewardValues;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.RolloutRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Behaviour cloning on the policy's own verified answers (rejection sampling): the iteration's rollouts of rule
 * prompts that pass every constraint, finished (not cut at the token limit), at most {@code perPrompt} per prompt,
 * reasoning rollouts first. Unlike a fixed set of expert responses, these move with the policy and need no teacher;
 * a direct or chat answer that passed teaches the reasoning format too, once wrapped by {@link #continuation}.
 */
final class VerifiedAnswers {
  /** A verified rollout: its mode, prompt as rolled out, sampled ids, and the answer the rules checked. */
  record Answer(String key, RolloutMode mode, String promptText, int[] responseIds, List<ChatMessage> messages,
      List<Constraint> rules, String answer) {}

  private VerifiedAnswers() {}

  static List<Answer> collect(PipelineContext ctx, int perPrompt) {
    List<String> key = List.of("prompt_id", "mode", "sample_idx");
    Dataset<Row> passed = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration())
        .where(col("error").isNull().and(col("accuracy_reward").geq(RewardValues.ALL_PASS))
            .and(col("rule_score").equalTo(1.0)).and(col("judge_score").isNull()))
        .select("prompt_id", "mode", "sample_idx", "answer_text");
    Dataset<Row> rows = passed
        .join(ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration())
            .where(col("error").isNull().and(col("finish_reason").notEqual("length")))
            .select("prompt_id", "mode", "sample_idx", "prompt_text", "response_token_ids"), SparkValues.seq(key))
        .join(ctx.splitPrompts().where(col("source").startsWith("ifeval"))
            .select("prompt_id", "messages", "constraints"), SparkValues.seq(List.of("prompt_id")))
        .withColumn("mode_rank", when(col("mode").equalTo("think"), 0).when(col("mode").equalTo("direct"), 1)
            .otherwise(2))
        .orderBy("prompt_id", "mode_rank", "sample_idx");
    List<Answer> out = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      String promptId = r.getAs("prompt_id");
      if (taken.merge(promptId, 1, Integer::sum) > perPrompt) continue;
      List<Integer> ids = r.getList(r.fieldIndex("response_token_ids"));
      int[] response = ids.stream().mapToInt(Integer::intValue).toArray();
      String mode = r.getAs("mode");
      out.add(new Answer(promptId + "/" + mode + "/" + r.<Integer>getAs("sample_idx"), RolloutMode.of(mode),
          r.getAs("prompt_text"), response, RolloutRows.messagesOf(r.getList(r.fieldIndex("messages"))),
          CompositeLabelJson.parse(r.getAs("constraints")).activeRules(), r.getAs("answer_text")));
    }
    return out;
  }

  /**
   * The reasoning-mode continuation (after the prompt's {@code <think>} opener) for an answer that passed
   * {@code rules}: the reasoning restates the rules, which is the decomposition RAIF's reasoning is meant to do, and
   * the answer follows in its block. The wording of each rule is one of IFEval's phrasings, seeded by {@code key}.
   */
  static String continuation(List<Constraint> rules, String answer, String key) {
    SplittableRandom random = new SplittableRandom(key.hashCode());
    StringBuilder b = new StringBuilder("The request comes with ").append(rules.size())
        .append(rules.size() == 1 ? " rule" : " rules").append(" to follow:\n");
    for (int i = 0; i < rules.size(); i++) {
      b.append(i + 1).append(". ").append(ConstraintText.render(rules.get(i), random)).append('\n');
    }
    b.append("I will answer so that every rule holds.\n</think>\n<answer>\n").append(answer.strip())
        .append("\n</answer>");
    return b.toString();
  }
}
