package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.SparkValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour cloning's verified answers: which rollouts qualify, and what a wrapped answer looks like to the reward. */
@ExtendWith(SharedSpark.class)
class VerifiedAnswersTest {
  static final List<Constraint> RULES = List.of(new Constraint("punctuation:no_comma", Map.of()),
      new Constraint("change_case:english_lowercase", Map.of()));

  @Test
  void aWrappedAnswerRestatesTheRulesAndEarnsTheFullReasoningReward() {
    String text = VerifiedAnswers.continuation(RULES, "  the sea is calm today\n", "p1/chat/0");
    assertTrue(text.startsWith("The request comes with 2 rules to follow:\n1. "), text);
    assertTrue(text.endsWith("\nI will answer so that every rule holds.\n</think>\n<answer>\nthe sea is calm today\n"
        + "</answer>"), text);
    assertEquals(text, VerifiedAnswers.continuation(RULES, "the sea is calm today", "p1/chat/0"), "seeded wording");
    // after the THINK prompt's opener it is a well-formed reasoning rollout that passes both rules: 1 + 2
    RaifReward reward = new RaifReward(new IfevalChecker(), RewardConfig.paper());
    RewardResult r = reward.scoreConstraints(RewardTask.of(TaskKind.IFEVAL), "prompt", "<think>\n" + text,
        RolloutMode.THINK, CompositeLabel.ofRules(RULES), null);
    assertEquals(3.0, r.total(), 1e-12);
  }

  @Test
  void onlyFinishedRolloutsOfRulePromptsThatPassEverythingQualifyReasoningFirst(SparkSession spark,
      @TempDir Path dir) {
    RaifConfig config = ConfigLoader.load(List.of(), List.of("tables.root=" + dir, "run.id=r"));
    PipelineContext ctx = PipelineContext.of(spark, config, 0);
    String label = "{\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}";
    ctx.tables().insertMissing(RaifTables.Table.PROMPTS, spark.createDataFrame(List.of(
        prompt("p1", "ifeval", label), prompt("p2", "ifeval", label), prompt("m1", "math", null)),
        PromptRecords.SCHEMA));
    List<Row> rollouts = new ArrayList<>();
    List<Row> rewards = new ArrayList<>();
    // p1: chat 0-2 pass, chat 3 passes but was cut at the token limit, think 1 passes, think 0 fails
    for (int i = 0; i < 4; i++) add(rollouts, rewards, "p1", "chat", i, i == 3 ? "length" : "stop", 2.0, 1.0);
    add(rollouts, rewards, "p1", "think", 0, "stop", 0.0, 0.5);
    add(rollouts, rewards, "p1", "think", 1, "stop", 2.0, 1.0);
    add(rollouts, rewards, "p1", "direct", 0, "stop", -2.0, null); // gated
    add(rollouts, rewards, "p2", "chat", 0, "stop", -2.0, 0.0);     // fails its rule
    add(rollouts, rewards, "m1", "think", 0, "stop", 2.0, 1.0);     // math: right, but no rule was checked
    ctx.tables().insertMissing(RaifTables.Table.ROLLOUTS, spark.createDataFrame(rollouts,
        RaifTables.Table.ROLLOUTS.schema));
    ctx.tables().insertMissing(RaifTables.Table.REWARDS, spark.createDataFrame(rewards,
        RaifTables.Table.REWARDS.schema));

    assertEquals(List.of("p1/think/1", "p1/chat/0"), keys(VerifiedAnswers.collect(ctx, 2)));
    List<VerifiedAnswers.Answer> all = VerifiedAnswers.collect(ctx, 10);
    assertEquals(List.of("p1/think/1", "p1/chat/0", "p1/chat/1", "p1/chat/2"), keys(all));
    VerifiedAnswers.Answer chat = all.get(1);
    assertEquals(RolloutMode.CHAT, chat.mode());
    assertEquals("answer of p1/chat/0", chat.answer());
    assertEquals(RULES.subList(0, 1), chat.rules());
    assertEquals("Say it.", chat.messages().get(0).content());
  }

  private static List<String> keys(List<VerifiedAnswers.Answer> answers) {
    return answers.stream().map(VerifiedAnswers.Answer::key).toList();
  }

  private static Row prompt(String id, String source, String label) {
    StructType s = PromptRecords.SCHEMA;
    Object[] v = new Object[s.size()];
    v[s.fieldIndex("run_id")] = "r";
    v[s.fieldIndex("prompt_id")] = id;
    v[s.fieldIndex("line")] = 1L;
    v[s.fieldIndex("source")] = source;
    v[s.fieldIndex("split")] = "train";
    v[s.fieldIndex("messages")] = SparkValues.seq(List.of(RowFactory.create("user", "Say it.")));
    v[s.fieldIndex("constraints")] = label;
    return RowFactory.create(v);
  }

  private static void add(List<Row> rollouts, List<Row> rewards, String id, String mode, int idx, String finish,
      double accuracy, Double ruleScore) {
    StructType s = RaifTables.Table.ROLLOUTS.schema;
    Object[] v = new Object[s.size()];
    v[s.fieldIndex("run_id")] = "r";
    v[s.fieldIndex("iteration")] = 0;
    v[s.fieldIndex("prompt_id")] = id;
    v[s.fieldIndex("mode")] = mode;
    v[s.fieldIndex("sample_idx")] = idx;
    v[s.fieldIndex("policy_version")] = 0L;
    v[s.fieldIndex("seed")] = 1L;
    v[s.fieldIndex("prompt_text")] = "prompt of " + id;
    v[s.fieldIndex("response_token_ids")] = SparkValues.seq(List.of(5, 6, 7));
    v[s.fieldIndex("prompt_tokens")] = 3;
    v[s.fieldIndex("response_tokens")] = 3;
    v[s.fieldIndex("finish_reason")] = finish;
    v[s.fieldIndex("gen_ms")] = 1L;
    rollouts.add(RowFactory.create(v));
    StructType r = RaifTables.Table.REWARDS.schema;
    Object[] w = new Object[r.size()];
    w[r.fieldIndex("run_id")] = "r";
    w[r.fieldIndex("iteration")] = 0;
    w[r.fieldIndex("prompt_id")] = id;
    w[r.fieldIndex("mode")] = mode;
    w[r.fieldIndex("sample_idx")] = idx;
    w[r.fieldIndex("source")] = id.startsWith("m") ? "math" : "ifeval";
    w[r.fieldIndex("answer_text")] = "answer of " + id + "/" + mode + "/" + idx;
    w[r.fieldIndex("rule_score")] = ruleScore;
    w[r.fieldIndex("accuracy_reward")] = accuracy;
    w[r.fieldIndex("reward")] = accuracy + 1;
    rewards.add(RowFactory.create(w));
  }
}
