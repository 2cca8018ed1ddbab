package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.trainer.LanguageModel;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.judge.LocalJudge;
import ai.raif.udfs.rollout.RolloutRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The judge inside the reward stage: verdicts of the local backend, the verdict cache, and a judge that fails. */
@ExtendWith(SharedSpark.class)
class JudgeStageTest {
  static final String USER = "Write one short line about rain. Make it calm.";
  static final List<String> QUESTIONS = List.of("Is the text about rain?", "Is the text a single line?");
  static final String ANSWER = "Soft rain taps the roof while the town sleeps.";

  static Row rollout(int iteration, int idx, String response) {
    return RowFactory.create("judge", iteration, "c-1", "think", idx, "complex", 0L, 0L, "<prompt><think>\n", response,
        SparkValues.seq(List.<Integer>of()), SparkValues.seq(List.<Float>of()), SparkValues.seq(List.<Float>of()),
        3, 5, "stop", 1L, null);
  }

  static void writeRollouts(SparkSession spark, RaifTables tables, int iteration) {
    List<Row> rows = new ArrayList<>(List.of(
        rollout(iteration, 0, "The user wants calm rain.\n</think>\n<answer>\n" + ANSWER + "\n</answer>"),
        rollout(iteration, 1, "no tags at all")));
    tables.insertMissing(RaifTables.Table.ROLLOUTS, spark.createDataFrame(rows, RolloutRows.ROLLOUT));
  }

  @Test
  void verdictsComeFromTheJudgeModelAreCachedAndAFailingJudgeGivesErrorRows(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt_id\": \"c-1\", \"source\": \"complex\", "
        + "\"messages\": [{\"role\": \"user\", \"content\": \"" + USER + "\"}], \"constraints\": "
        + "{\"scoring_questions\": [\"" + QUESTIONS.get(0) + "\", \"" + QUESTIONS.get(1) + "\"]}}\n");
    RaifConfig config = ConfigLoader.load(List.of(), List.of("prompts.source=" + prompts, "tables.root=" + dir.resolve("t"),
        "run.id=judge", "judge.backend=local", "judge.model=default"));
    PipelineContext ctx = PipelineContext.of(spark, config, 0);
    PromptsStage.run(ctx);
    writeRollouts(spark, ctx.tables(), 0);
    PipelineMetrics m = RewardStage.run(ctx);
    assertEquals(2, (long) m.get("judge.asked"));
    assertEquals(0, (long) m.get("judge.cached"));

    // the judge sees the user's instruction (the CoT trigger is shrunk away), the extracted answer and each question
    List<Boolean> expected;
    try (LanguageModel lm = LanguageModel.load("default")) {
      LocalJudge judge = new LocalJudge(lm);
      expected = judge.verdicts(List.of(new JudgeQuestion(USER, ANSWER, QUESTIONS.get(0)),
          new JudgeQuestion(USER, ANSWER, QUESTIONS.get(1))));
    }
    Row judged = ctx.tables().iteration(RaifTables.Table.REWARDS, "judge", 0).where("sample_idx = 0").first();
    assertNull(judged.getAs("error"));
    long yes = expected.stream().filter(b -> b).count();
    assertEquals(yes / 2.0, judged.<Double>getAs("judge_score"));
    double accuracy = yes == 2 ? 2.0 : yes == 0 ? -2.0 : 0.5;
    assertEquals(1.0 + accuracy, judged.<Double>getAs("reward"));
    List<Row> verdicts = judged.getList(judged.fieldIndex("verdicts"));
    assertEquals(2, verdicts.size());
    assertTrue(verdicts.get(0).getString(1).contains("Is the text about rain?"));
    // the malformed rollout is gated: never asked, accuracy -2
    Row gated = ctx.tables().iteration(RaifTables.Table.REWARDS, "judge", 0).where("sample_idx = 1").first();
    assertEquals(-3.0, gated.<Double>getAs("reward"));
    assertEquals(2, ctx.tables().read(RaifTables.Table.JUDGE_CACHE).count());

    // the same answers in the next iteration come from the cache
    PipelineContext next = PipelineContext.of(spark, config, 1);
    writeRollouts(spark, ctx.tables(), 1);
    PipelineMetrics cached = RewardStage.run(next);
    assertEquals(2, (long) cached.get("judge.cached"));
    assertEquals(0, (long) cached.get("judge.asked"));
    assertEquals(judged.<Double>getAs("reward"),
        ctx.tables().iteration(RaifTables.Table.REWARDS, "judge", 1).where("sample_idx = 0").first().getAs("reward"));

    // an unreachable remote judge: the stage finishes, the rollout's reward row names the judge's failure
    RaifConfig broken = ConfigLoader.load(List.of(), List.of("prompts.source=" + prompts,
        "tables.root=" + dir.resolve("t"), "run.id=judge", "judge.backend=openai", "judge.url=http://127.0.0.1:9",
        "judge.model=m", "judge.max_retries=1", "judge.timeout_s=2"));
    writeRollouts(spark, ctx.tables(), 2);
    PipelineMetrics failed = RewardStage.run(PipelineContext.of(spark, broken, 2));
    assertEquals(2, (long) failed.get("judge.failed"));
    assertEquals(1, (long) failed.get("errors"));
    String error = ctx.tables().iteration(RaifTables.Table.REWARDS, "judge", 2).where("sample_idx = 0").first()
        .getAs("error");
    assertTrue(error.startsWith("judge: "), error);
  }
}
