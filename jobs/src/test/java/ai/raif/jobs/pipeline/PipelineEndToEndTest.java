package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.reward.RolloutReward;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end on local Spark with the embedded model: prompts → rollouts → rewards → samples, with bad
 * rows that must become error rows, a rollout task that fails once, and a rerun of the finished iteration.
 */
@ExtendWith(SharedSpark.class)
class PipelineEndToEndTest {
  static final List<String> KEY = List.of("run_id", "iteration", "prompt_id", "mode", "sample_idx");

  static List<PipelineMetrics> iterate(SparkSession spark, RaifConfig config) {
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Pipeline.runIteration(PipelineContext.of(spark, config, 0), Stage.CONTRAST, log);
  }

  static Map<String, String> responses(RaifTables tables) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : tables.read(RaifTables.Table.ROLLOUTS).collectAsList()) {
      out.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"),
          r.getAs("error") == null ? r.getAs("response") : "ERROR " + r.getAs("error"));
    }
    return out;
  }

  @Test
  void oneIterationWritesTheFourTablesAndSurvivesBadRowsRetriesAndReruns(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path prompts = PipelineFixtures.promptFile(dir);
    RaifConfig config = PipelineFixtures.config(prompts, dir.resolve("tables"));
    List<PipelineMetrics> metrics = iterate(spark, config);
    RaifTables tables = PipelineContext.of(spark, config, 0).tables();

    // documented schemas
    for (RaifTables.Table t : RaifTables.Table.values()) {
      if (t == RaifTables.Table.JUDGE_CACHE) continue;
      assertEquals(Arrays.asList(t.schema.fieldNames()), Arrays.asList(tables.read(t).schema().fieldNames()), t.dir);
    }

    // prompts: 5 loadable rows, 3 error rows naming line and field (a rule no checker knows is caught here, before
    // anything is generated for it)
    Dataset<Row> p = tables.read(RaifTables.Table.PROMPTS);
    assertEquals(5, p.where("error IS NULL").count());
    List<String> errors = p.where("error IS NOT NULL").orderBy("line").select("error").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(3, errors.size());
    assertTrue(errors.get(0).startsWith("line 4 (prompt bad-id): field constraints: constraint "
        + "'keywords:no_such_checker'"), errors.get(0));
    assertTrue(errors.get(1).startsWith("line 7: not valid JSON"), errors.get(1));
    assertTrue(errors.get(2).contains("line 8") && errors.get(2).contains("prompt_id"), errors.get(2));

    // rollouts: instruction prompts get G + G', math gets G; bad prompts are error rows, not missing rows
    Dataset<Row> rollouts = tables.read(RaifTables.Table.ROLLOUTS);
    int g = PipelineFixtures.G;
    int all = g + PipelineFixtures.G_DIRECT;
    assertEquals(4L * all + g, rollouts.count());
    assertEquals(0, rollouts.where("prompt_id = 'bad-id'").count(), "nothing generated for a bad label");
    assertEquals(rollouts.count(), rollouts.dropDuplicates(KEY.toArray(String[]::new)).count());
    assertEquals(2L * all, rollouts.where("error IS NOT NULL").count());
    assertTrue(rollouts.where("prompt_id = 'bad-empty'").first().<String>getAs("error").contains("empty"));
    assertTrue(rollouts.where("prompt_id = 'bad-huge'").first().<String>getAs("error").contains("tokens"));
    assertEquals(0, rollouts.where("prompt_id = 'm-a' AND mode = 'direct'").count());
    for (Row r : rollouts.where("error IS NULL").collectAsList()) {
      String text = r.getAs("prompt_text");
      assertTrue(r.getAs("mode").equals("think") ? text.endsWith("<think>\n") : text.endsWith("<think>\n\n</think>\n"));
      assertEquals(r.<Integer>getAs("response_tokens"), r.getList(r.fieldIndex("response_token_ids")).size());
    }

    // rewards: one per rollout, equal to calling the rewards library directly
    Dataset<Row> rewards = tables.read(RaifTables.Table.REWARDS);
    assertEquals(rollouts.count(), rewards.count());
    Dataset<Row> joined = rewards.join(rollouts.select("prompt_id", "mode", "sample_idx", "prompt_text", "response"),
        SparkValues.seq(List.of("prompt_id", "mode", "sample_idx"))).join(p.select("prompt_id", "constraints",
        "reference_answer", "messages"), "prompt_id");
    for (Row r : joined.collectAsList()) {
      String id = r.getAs("prompt_id");
      if (id.equals("bad-empty") || id.equals("bad-huge")) {
        assertTrue(r.<String>getAs("error").startsWith("rollout: "), id);
        continue;
      }
      List<Row> msgs = r.getList(r.fieldIndex("messages"));
      RolloutReward.Scored direct = RolloutReward.score(RewardConfig.paper(), r.getAs("source"),
          msgs.get(msgs.size() - 1).getString(1),
          ai.raif.rewards.reward.PolicyOutput.of(r.getAs("prompt_text"), r.getAs("response")), r.getAs("mode"),
          r.getAs("constraints"), r.getAs("reference_answer"), null);
      assertNotNull(direct.result(), id);
      assertEquals(direct.result().total(), r.<Double>getAs("reward"), id);
      assertEquals(direct.result().formatOk(), r.<Boolean>getAs("format_ok"), id);
      assertEquals(direct.result().error(), r.getAs("error"), id);
    }

    // samples: direct rollouts never train; error groups drop whole
    Dataset<Row> samples = tables.read(RaifTables.Table.SAMPLES);
    assertEquals(rollouts.count(), samples.count());
    assertEquals(0, samples.where("mode = 'direct' AND kept").count());
    assertEquals(all, samples.where("prompt_id = 'bad-huge' AND drop_reason = 'reward_error'").count()
        + samples.where("prompt_id = 'bad-huge' AND drop_reason = 'direct_rollout'").count());

    // job summary counts the errors
    PipelineMetrics rewardMetrics = metrics.get(2);
    assertEquals("reward", rewardMetrics.stage());
    assertEquals(rewards.where("error IS NOT NULL").count(), (long) rewardMetrics.get("errors"));
    assertTrue(tables.read(RaifTables.Table.PIPELINE_METRICS).where("stage = 'contrast' AND metric = 'kept_ratio'")
        .count() == 1);

    // rerunning the finished iteration changes nothing
    Map<String, String> before = responses(tables);
    long rewardRows = rewards.count();
    List<PipelineMetrics> again = iterate(spark, config);
    assertEquals(before, responses(tables));
    assertEquals(rewardRows, tables.read(RaifTables.Table.REWARDS).count());
    assertEquals(samples.count(), tables.read(RaifTables.Table.SAMPLES).count());
    // only the failed rows are tried again (FailedRowsRetryTest); the bad prompts' rows fail again, with their reasons
    assertEquals(2.0 * all, again.get(1).get("retried"));
    assertEquals(2.0 * all, again.get(1).get("generated"));
    assertEquals(2.0 * all, again.get(1).get("errors"));

    // a rollout task that fails once after real work: same texts, no duplicates
    Path marker = dir.resolve("fail-once");
    RaifConfig retried = PipelineFixtures.config(prompts, dir.resolve("tables-retried"));
    System.setProperty(RolloutStage.FAIL_ONCE_PROPERTY, marker.toString());
    try {
      iterate(spark, retried);
    } finally {
      System.clearProperty(RolloutStage.FAIL_ONCE_PROPERTY);
    }
    assertTrue(Files.exists(marker), "the injected failure must have fired");
    RaifTables retriedTables = PipelineContext.of(spark, retried, 0).tables();
    assertEquals(before, responses(retriedTables));
    assertNull(retriedTables.read(RaifTables.Table.ROLLOUTS).where("error LIKE '%injected%'").collectAsList()
        .stream().findAny().orElse(null));
  }
}
