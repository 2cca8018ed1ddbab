package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.udfs.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A failed row is not a finished one: a rerun after the fault is gone retries it in place and completes the iteration. */
@ExtendWith(SharedSpark.class)
class FailedRowsRetryTest {
  static List<PipelineMetrics> iterate(SparkSession spark, RaifConfig config) {
    return Pipeline.runIteration(PipelineContext.of(spark, config, 0), Stage.CONTRAST,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  static PipelineMetrics stage(List<PipelineMetrics> ms, String name) {
    return ms.stream().filter(m -> m.stage().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aRerunAfterAConfigMistakeIsFixedRetriesTheFailedRowsInPlace(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path prompts = Files.write(dir.resolve("prompts.jsonl"), PipelineFixtures.GOOD.subList(0, 2));
    int perPrompt = PipelineFixtures.G + PipelineFixtures.G_DIRECT;
    // the mistake: no rendered prompt fits in 5 tokens, so every rollout fails, and so does every reward
    RaifConfig typo = PipelineFixtures.config(prompts, dir.resolve("tables"), "rollout.max_prompt_tokens=5");
    List<PipelineMetrics> first = iterate(spark, typo);
    assertEquals(2 * perPrompt, stage(first, "rollout").get("errors"));
    assertEquals(2 * perPrompt, stage(first, "reward").get("errors"));
    RaifTables tables = PipelineContext.of(spark, typo, 0).tables();
    assertTrue(tables.read(RaifTables.Table.ROLLOUTS).collectAsList().stream()
        .allMatch(r -> r.<String>getAs("error").contains("rollout.max_prompt_tokens = 5")));
    // the reasoning rollouts' groups drop whole (direct rollouts never train, whatever happens)
    assertEquals(2 * PipelineFixtures.G, tables.read(RaifTables.Table.SAMPLES).where("drop_reason = 'reward_error'")
        .count());

    // fixed and rerun: every failed row is retried, replaced by key, and the iteration completes
    RaifConfig fixed = PipelineFixtures.config(prompts, dir.resolve("tables"));
    List<PipelineMetrics> second = iterate(spark, fixed);
    assertEquals(2 * perPrompt, stage(second, "rollout").get("retried"));
    assertEquals(0, stage(second, "rollout").get("errors"));
    assertEquals(2 * perPrompt, stage(second, "reward").get("retried"));
    assertEquals(0, stage(second, "reward").get("errors"));
    for (RaifTables.Table t : List.of(RaifTables.Table.ROLLOUTS, RaifTables.Table.REWARDS, RaifTables.Table.SAMPLES)) {
      List<Row> rows = tables.read(t).collectAsList();
      assertEquals(2 * perPrompt, rows.size(), t + ": one row per key, none lost or duplicated");
    }
    assertEquals(0, tables.read(RaifTables.Table.SAMPLES).where("drop_reason = 'reward_error'").count(),
        "the groups were decided again on the retried rewards");

    // a third run has nothing left to retry
    List<PipelineMetrics> third = iterate(spark, fixed);
    assertFalse(stage(third, "rollout").values().containsKey("retried"));
    assertFalse(stage(third, "reward").values().containsKey("retried"));
  }
}
