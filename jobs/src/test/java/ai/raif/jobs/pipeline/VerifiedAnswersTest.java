package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.AnswerSubstance;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.grpo.ExpertSequence;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.ReasoningPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
    // the rules, then the answer: no fixed closing sentence for the model to copy into its answers
    assertTrue(text.matches("The request comes with 2 rules to follow:\n1[.] [^\n]+\n2[.] [^\n]+\n</think>\n"
        + "<answer>\nthe sea is calm today\n</answer>"), text);
    assertEquals(text, VerifiedAnswers.continuation(RULES, "the sea is calm today", "p1/chat/0"), "seeded wording");
    assertTrue(AnswerSubstance.RESTATES_RULES.matcher(text).find(), "an answer that says this is not substantive");
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
    store(spark, ctx, rollouts, rewards);

    assertEquals(List.of("p1/think/1", "p1/chat/0"), keys(VerifiedAnswers.collect(ctx, 2, false, 0)));
    List<VerifiedAnswers.Answer> all = VerifiedAnswers.collect(ctx, 10, false, 0);
    assertEquals(List.of("p1/think/1", "p1/chat/0", "p1/chat/1", "p1/chat/2"), keys(all));
    VerifiedAnswers.Answer chat = all.get(1);
    assertEquals(RolloutMode.CHAT, chat.mode());
    assertEquals("answer of p1/chat/0", chat.answer());
    assertEquals(RULES.subList(0, 1), chat.rules());
    assertEquals("Say it.", chat.messages().get(0).content());
    assertTrue(all.get(0).asSampled(RolloutMode.THINK), "a verified reasoning rollout is cloned as sampled");
  }

  @Test
  void failedOrCutAnswersAreRepairedToTopUpAPromptShortestFirst(SparkSession spark, @TempDir Path dir) {
    PipelineContext ctx = lowercasePrompt(spark, dir);
    List<Row> rollouts = new ArrayList<>();
    List<Row> rewards = new ArrayList<>();
    add(rollouts, rewards, "q1", "chat", 0, "stop", -2.0, 0.0, "The sea is calm. We sail at noon. Bring a warm coat.");
    add(rollouts, rewards, "q1", "chat", 1, "length", -2.0, 0.0,
        "The harbour is quiet. Boats rest here. Gulls circle the mast. The tide tu");
    add(rollouts, rewards, "q1", "chat", 2, "stop", 2.0, 1.0, "we sail at noon. the sea is calm.");
    add(rollouts, rewards, "q1", "think", 0, "stop", -1.0, 0.0, "Boats Rest Here. The Tide Turns Soon. Gulls Circle.");
    store(spark, ctx, rollouts, rewards);

    assertEquals(List.of("q1/chat/2"), keys(VerifiedAnswers.collect(ctx, 4, false, 0)));
    assertEquals(List.of("q1/chat/2"), keys(VerifiedAnswers.collect(ctx, 1, true, 0)), "verified answers come first");
    List<VerifiedAnswers.Answer> all = VerifiedAnswers.collect(ctx, 4, true, 0);
    assertEquals(List.of("q1/chat/2", "q1/think/0/repaired", "q1/chat/0/repaired", "q1/chat/1/repaired"), keys(all));
    assertEquals(List.of("we sail at noon. the sea is calm.", "boats rest here. the tide turns soon.",
        "the sea is calm. we sail at noon. bring a warm coat.",
        "the harbour is quiet. boats rest here. gulls circle the mast."),
        all.stream().map(VerifiedAnswers.Answer::answer).toList());
    assertEquals(VerifiedAnswers.Source.REPAIRED, all.get(1).source());
    assertEquals(false, all.get(1).asSampled(RolloutMode.THINK), "a repaired reasoning answer is wrapped, not cloned as sampled");
  }

  @Test
  void withTheSubstanceChecksAnswersCopyingTheirReasoningOrTooShortAreNotCloned(SparkSession spark,
      @TempDir Path dir) {
    PipelineContext ctx = lowercasePrompt(spark, dir, "reward.copy_limit=0.5", "reward.min_answer_words=6");
    List<Row> rollouts = new ArrayList<>();
    List<Row> rewards = new ArrayList<>();
    // scored as passing (as by a reward without the checks), but the first copies its reasoning, the second is short
    String think = "The rule: write every letter in lower case, no capitals.";
    add(rollouts, rewards, "q1", "think", 0, "stop", 2.0, 1.0, "write every letter in lower case, no capitals", think);
    add(rollouts, rewards, "q1", "chat", 0, "stop", 2.0, 1.0, "we sail at noon.");
    add(rollouts, rewards, "q1", "chat", 1, "stop", 2.0, 1.0, "we sail at noon and the sea is calm.");
    // a failed answer repaired (lower-cased) into a restatement of the reasoning above is dropped too
    add(rollouts, rewards, "q1", "think", 1, "stop", -1.0, 0.0, "Write Every Letter In Lower Case, No Capitals", think);
    store(spark, ctx, rollouts, rewards);

    assertEquals(List.of("q1/chat/1"), keys(VerifiedAnswers.collect(ctx, 4, true, 0)));
  }

  @Test
  void anAnswerIsClonedAgainOnItsRequestWithOneMoreRuleRepairedToFollowEveryRule(SparkSession spark,
      @TempDir Path dir) {
    PipelineContext ctx = lowercasePrompt(spark, dir);
    List<Row> rollouts = new ArrayList<>();
    List<Row> rewards = new ArrayList<>();
    add(rollouts, rewards, "q1", "chat", 0, "stop", 2.0, 1.0,
        "we sail at noon. the sea is calm and the wind is light. bring a warm coat and some bread.");
    add(rollouts, rewards, "q1", "chat", 1, "stop", 2.0, 1.0, "the harbour is quiet. boats rest here. gulls fly.");
    store(spark, ctx, rollouts, rewards);

    List<VerifiedAnswers.Answer> all = VerifiedAnswers.collect(ctx, 2, false, 1);
    assertEquals(List.of("q1/chat/0", "q1/chat/1", "q1/chat/0/added"), keys(all), "the first answer, once more");
    VerifiedAnswers.Answer added = all.get(2);
    assertEquals(VerifiedAnswers.Source.ADDED_RULE, added.source());
    assertEquals(false, added.asSampled(RolloutMode.THINK));
    assertEquals(2, added.rules().size());
    assertEquals("change_case:english_lowercase", added.rules().get(0).id());
    String request = added.messages().get(0).content();
    assertTrue(request.startsWith("Say it. ") && request.length() > "Say it. ".length() + 10, request);
    IfevalChecker checker = new IfevalChecker();
    for (Constraint rule : added.rules()) {
      assertTrue(checker.check(rule, request, added.answer()), rule + " in " + added.answer());
    }
    assertTrue(added.answer().contains("we sail at noon"), "the answer's own words: " + added.answer());
    assertEquals(keys(all), keys(VerifiedAnswers.collect(ctx, 2, false, 1)), "seeded by the answer's key");
    assertEquals(all.get(2).rules(), VerifiedAnswers.collect(ctx, 2, false, 1).get(2).rules());
    assertEquals(keys(all.subList(0, 2)), keys(VerifiedAnswers.collect(ctx, 2, false, 0)), "off");
  }

  @Test
  void withBothFormatsAPromptsAnswersAreClonedInTurnAfterTheRestatedRulesAndAloneInTheChatTemplate(
      SparkSession spark, @TempDir Path dir) {
    PipelineContext ctx = lowercasePrompt(spark, dir, "train.bc_source=verified", "train.bc_formats=think,chat");
    List<Row> rollouts = new ArrayList<>();
    List<Row> rewards = new ArrayList<>();
    add(rollouts, rewards, "q1", "chat", 0, "stop", 2.0, 1.0, "we sail at noon. the sea is calm.");
    add(rollouts, rewards, "q1", "chat", 1, "stop", 2.0, 1.0, "the harbour is quiet. boats rest here.");
    store(spark, ctx, rollouts, rewards);
    try (LanguageModel policy = LanguageModel.load("default")) {
      TrainData data = TrainData.collect(ctx, policy);
      assertEquals(List.of("q1/chat/0", "q1/chat/1"), data.experts().stream().map(ExpertSequence::id).toList());
      List<ChatMessage> say = List.of(new ChatMessage("user", "Say it."));
      ExpertSequence think = data.experts().get(0);
      assertEquals(ReasoningPrompt.render(policy, say, RolloutMode.THINK),
          policy.tokenizer().decode(think.promptIds(), false));
      String reasoning = policy.tokenizer().decode(think.responseIds(), false);
      assertTrue(reasoning.startsWith("The request comes with 1 rule to follow:"), reasoning);
      // a verified chat rollout in the chat format: its prompt and its own sampled tokens, as rolled out
      ExpertSequence chat = data.experts().get(1);
      assertEquals("prompt of q1", policy.tokenizer().decode(chat.promptIds(), false));
      assertEquals(List.of(5, 6, 7), java.util.Arrays.stream(chat.responseIds()).boxed().toList());
    }
  }

  /** A run "r" under {@code dir} with {@code sets} and one prompt, q1, whose rule is to write in lower case. */
  private static PipelineContext lowercasePrompt(SparkSession spark, Path dir, String... sets) {
    List<String> all = new ArrayList<>(List.of("tables.root=" + dir, "run.id=r"));
    all.addAll(List.of(sets));
    PipelineContext ctx = PipelineContext.of(spark, ConfigLoader.load(List.of(), all), 0);
    ctx.tables().insertMissing(RaifTables.Table.PROMPTS, spark.createDataFrame(List.of(prompt("q1", "ifeval",
        "{\"instruction_id_list\": [\"change_case:english_lowercase\"], \"kwargs\": [{}]}")), PromptRecords.SCHEMA));
    return ctx;
  }

  private static void store(SparkSession spark, PipelineContext ctx, List<Row> rollouts, List<Row> rewards) {
    ctx.tables().insertMissing(RaifTables.Table.ROLLOUTS, spark.createDataFrame(rollouts,
        RaifTables.Table.ROLLOUTS.schema));
    ctx.tables().insertMissing(RaifTables.Table.REWARDS, spark.createDataFrame(rewards,
        RaifTables.Table.REWARDS.schema));
  }

  private static List<String> keys(List<VerifiedAnswers.Answer> answers) {
    return answers.stream().map(VerifiedAnswers.Answer::key).toList();
  }

  private static Row prompt(String id, String source, String label) {
    return TestRows.of(PromptRecords.SCHEMA, "run_id", "r", "prompt_id", id, "line", 1L, "source", source, "split",
        "train", "messages", SparkValues.seq(List.of(RowFactory.create("user", "Say it."))), "constraints", label);
  }

  private static void add(List<Row> rollouts, List<Row> rewards, String id, String mode, int idx, String finish,
      double accuracy, Double ruleScore) {
    add(rollouts, rewards, id, mode, idx, finish, accuracy, ruleScore, "answer of " + id + "/" + mode + "/" + idx);
  }

  private static void add(List<Row> rollouts, List<Row> rewards, String id, String mode, int idx, String finish,
      double accuracy, Double ruleScore, String answer) {
    add(rollouts, rewards, id, mode, idx, finish, accuracy, ruleScore, answer, null);
  }

  private static void add(List<Row> rollouts, List<Row> rewards, String id, String mode, int idx, String finish,
      double accuracy, Double ruleScore, String answer, String think) {
    rollouts.add(TestRows.of(RaifTables.Table.ROLLOUTS.schema, "run_id", "r", "iteration", 0, "prompt_id", id, "mode",
        mode, "sample_idx", idx, "policy_version", 0L, "seed", 1L, "prompt_text", "prompt of " + id,
        "response_token_ids", SparkValues.seq(List.of(5, 6, 7)), "prompt_tokens", 3, "response_tokens", 3,
        "finish_reason", finish, "gen_ms", 1L));
    rewards.add(TestRows.of(RaifTables.Table.REWARDS.schema, "run_id", "r", "iteration", 0, "prompt_id", id, "mode",
        mode, "sample_idx", idx, "source", id.startsWith("m") ? "math" : "ifeval", "think_text", think,
        "answer_text", answer,
        "rule_score", ruleScore, "accuracy_reward", accuracy, "reward", accuracy + 1));
  }
}
