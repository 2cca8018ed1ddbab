package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.evolve.ConstraintText;
import ai.raif.rewards.evolve.Witness;
import ai.raif.rewards.reward.AnswerSubstance;
import ai.raif.rewards.reward.RewardValues;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.RolloutRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 *
 * <p>With {@code repair}, a prompt with fewer verified answers than that is topped up with <em>repaired</em> ones: a
 * failed or cut answer rewritten by {@link Witness#repair} from its own sentences so that every rule holds, shortest
 * first. The untrained model follows all rules of a prompt a few times in a hundred, so without repair the first
 * iterations have almost nothing to imitate; with it most prompts have a target from the first iteration on.
 */
final class VerifiedAnswers {
  /** How an answer came to pass every rule. */
  enum Source { VERIFIED, REPAIRED }

  /**
   * An answer that passes every rule: its mode, prompt as rolled out, sampled ids (those of the rollout: a repaired
   * answer's text differs from them), and the answer the rules checked.
   */
  record Answer(String key, RolloutMode mode, Source source, String promptText, int[] responseIds,
      List<ChatMessage> messages, List<Constraint> rules, String answer) {

    /** Whether the rollout's own tokens are the target: a verified reasoning rollout, as sampled. */
    boolean asSampled() {
      return source == Source.VERIFIED && mode == RolloutMode.THINK;
    }
  }

  /** Ends the key of a repaired answer, so that its training sequence can be told apart. */
  static final String REPAIRED_SUFFIX = "/repaired";

  private VerifiedAnswers() {}

  static List<Answer> collect(PipelineContext ctx, int perPrompt, boolean repair) {
    List<String> key = List.of("prompt_id", "mode", "sample_idx");
    Dataset<Row> rewards = ctx.tables().iteration(RaifTables.Table.REWARDS, ctx.runId(), ctx.iteration())
        .where(col("error").isNull().and(col("judge_score").isNull()).and(col("answer_text").isNotNull()))
        .withColumn("passed", coalesce(col("accuracy_reward").geq(RewardValues.ALL_PASS)
            .and(col("rule_score").equalTo(1.0)), lit(false)))
        .select("prompt_id", "mode", "sample_idx", "think_text", "answer_text", "passed");
    Dataset<Row> rows = rewards
        .join(ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration())
            .where(col("error").isNull())
            .select("prompt_id", "mode", "sample_idx", "prompt_text", "response_token_ids", "finish_reason"),
            SparkValues.seq(key))
        .join(ctx.splitPrompts().where(col("source").startsWith("ifeval"))
            .select("prompt_id", "messages", "constraints"), SparkValues.seq(List.of("prompt_id")))
        .withColumn("mode_rank", when(col("mode").equalTo("think"), 0).when(col("mode").equalTo("direct"), 1)
            .otherwise(2))
        .orderBy("prompt_id", "mode_rank", "sample_idx");
    AnswerSubstance substance = ctx.config().reward().rewardConfig().substance();
    Map<String, List<Answer>> byPrompt = new LinkedHashMap<>();  // in prompt order, as the rows come
    for (Row r : rows.collectAsList()) {
      String promptId = r.getAs("prompt_id");
      String mode = r.getAs("mode");
      boolean cut = "length".equals(r.getAs("finish_reason"));
      boolean passed = r.<Boolean>getAs("passed") && !cut;
      if (!passed && !repair) continue;
      List<Constraint> rules = CompositeLabelJson.parse(r.getAs("constraints")).activeRules();
      String answer = r.getAs("answer_text");
      Source source = Source.VERIFIED;
      if (!passed) {
        Witness.Result fixed;
        try {
          fixed = Witness.repair(rules, answer, cut);
        } catch (RuntimeException e) {
          continue; // a rule the checkers cannot read: the reward stage has already reported it
        }
        if (!fixed.passes()) continue;
        answer = fixed.response();
        source = Source.REPAIRED;
      }
      List<ChatMessage> messages = RolloutRows.messagesOf(r.getList(r.fieldIndex("messages")));
      // the reward gated verified answers without substance already; a rewrite can lose it (a restatement repaired)
      if (substance.judge(answer, rules, lastUserText(messages), r.getAs("think_text"))
          != AnswerSubstance.Verdict.SUBSTANTIVE) {
        continue;
      }
      List<Integer> ids = r.getList(r.fieldIndex("response_token_ids"));
      byPrompt.computeIfAbsent(promptId, k -> new ArrayList<>()).add(new Answer(promptId + "/" + mode + "/"
          + r.<Integer>getAs("sample_idx") + (source == Source.REPAIRED ? REPAIRED_SUFFIX : ""), RolloutMode.of(mode),
          source, r.getAs("prompt_text"), ids.stream().mapToInt(Integer::intValue).toArray(), messages, rules, answer));
    }
    // verified answers first, in row order (the sort is stable); then the shortest rewrites: answers that end well
    // inside the token budget are the ones to imitate
    Comparator<Answer> preference = Comparator.comparing(Answer::source)
        .thenComparingInt(a -> a.source() == Source.REPAIRED ? a.answer().length() : 0)
        .thenComparing(a -> a.source() == Source.REPAIRED ? a.key() : "");
    List<Answer> out = new ArrayList<>();
    for (List<Answer> answers : byPrompt.values()) {
      answers.sort(preference);
      out.addAll(answers.subList(0, Math.min(perPrompt, answers.size())));
    }
    return out;
  }

  private static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) return messages.get(i).content();
    }
    return "";
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
    // no closing sentence: a fixed one was copied into answers as the answer itself (docs/BENCHMARKS.md, the recipe)
    b.append("</think>\n<answer>\n").append(answer.strip())
        .append("\n</answer>");
    return b.toString();
  }
}
