package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.evolve.AddedRule;
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
import java.util.Optional;
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
 *
 * <p>With {@code addedRules} > 0, that many of a prompt's answers are cloned a second time on the request with one
 * more rule ({@link AddedRule}), of a kind drawn by how often the iteration's answers failed it, and the answer
 * repaired to follow it as well: the kinds the policy fails are shown more often than the prompt set shows them.
 */
final class VerifiedAnswers {
  /** How an answer came to pass every rule. */
  enum Source { VERIFIED, REPAIRED, ADDED_RULE }

  /**
   * An answer that passes every rule: its mode, prompt as rolled out, sampled ids (those of the rollout: a repaired
   * answer's text differs from them), and the answer the rules checked.
   */
  record Answer(String key, RolloutMode mode, Source source, String promptText, int[] responseIds,
      List<ChatMessage> messages, List<Constraint> rules, String answer) {

    /** Whether the rollout's own tokens are the target in {@code format}: a verified rollout of that format. */
    boolean asSampled(RolloutMode format) {
      return source == Source.VERIFIED && mode == format;
    }
  }

  /** Ends the key of a repaired answer, so that its training sequence can be told apart. */
  static final String REPAIRED_SUFFIX = "/repaired";
  /** Ends the key of an answer cloned on its request with one more rule. */
  static final String ADDED_RULE_SUFFIX = "/added";
  /** Kinds drawn for one answer before giving up on adding a rule to it (a repair can fail to meet a kind). */
  private static final int ADD_ATTEMPTS = 4;

  private VerifiedAnswers() {}

  static List<Answer> collect(PipelineContext ctx, int perPrompt, boolean repair, int addedRules) {
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
    AddedRule.Tally failures = new AddedRule.Tally();
    for (Row r : rows.collectAsList()) {
      String promptId = r.getAs("prompt_id");
      String mode = r.getAs("mode");
      boolean cut = "length".equals(r.getAs("finish_reason"));
      boolean passed = r.<Boolean>getAs("passed") && !cut;
      List<Constraint> rules = CompositeLabelJson.parse(r.getAs("constraints")).activeRules();
      String answer = r.getAs("answer_text");
      List<ChatMessage> messages = RolloutRows.messagesOf(r.getList(r.fieldIndex("messages")));
      failures.count(rules, lastUserText(messages), answer);
      if (!passed && !repair) continue;
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
      List<Answer> chosen = answers.subList(0, Math.min(perPrompt, answers.size()));
      out.addAll(chosen);
      for (Answer a : chosen.subList(0, Math.min(addedRules, chosen.size()))) {
        withAddedRule(a, failures, substance).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * {@code a} on its request with one more rule, the answer repaired to follow every rule; empty when no kind drawn
   * in {@value #ADD_ATTEMPTS} attempts could be added (a conflict, a request laid out around a fixed answer or a
   * repeated request) and met by the repair with substance.
   */
  static Optional<Answer> withAddedRule(Answer a, AddedRule.Tally failures, AnswerSubstance substance) {
    SplittableRandom random = new SplittableRandom(a.key().hashCode());
    String request = lastUserText(a.messages());
    List<String> taken = a.rules().stream().map(Constraint::id).toList();
    for (int attempt = 0; attempt < ADD_ATTEMPTS; attempt++) {
      Optional<AddedRule.Request> added = failures.draw(taken, random)
          .flatMap(id -> AddedRule.add(request, a.rules(), id, random));
      if (added.isEmpty()) continue;
      Witness.Result fixed;
      try {
        fixed = Witness.repair(added.get().rules(), a.answer(), false);
      } catch (RuntimeException e) {
        continue;
      }
      if (!fixed.passes() || substance.judge(fixed.response(), added.get().rules(), added.get().text())
          != AnswerSubstance.Verdict.SUBSTANTIVE) {
        continue;
      }
      return Optional.of(new Answer(a.key() + ADDED_RULE_SUFFIX, a.mode(), Source.ADDED_RULE, null, a.responseIds(),
          withLastUser(a.messages(), added.get().text()), added.get().rules(), fixed.response()));
    }
    return Optional.empty();
  }

  private static List<ChatMessage> withLastUser(List<ChatMessage> messages, String text) {
    List<ChatMessage> out = new ArrayList<>(messages);
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).role().equals("user")) {
        out.set(i, new ChatMessage("user", text));
        break;
      }
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
