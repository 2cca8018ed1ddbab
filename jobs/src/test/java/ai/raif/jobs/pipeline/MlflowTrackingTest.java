package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.jobs.tracking.ConfigParams;
import ai.raif.jobs.tracking.Tracking;
import ai.raif.rewards.eval.Metric;
import ai.raif.trainer.grpo.StepStats;
import ai.raif.udfs.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiment tracking against a real MLflow tracking server (started from {@code bin/setup-mlflow}'s venv, which
 * bin/test exports as RAIF_MLFLOW_PYTHON): a small run's stage summaries, train steps, evaluations, checkpoint and
 * configuration are read back through MLflow's REST API and must equal what the Delta tables hold; a second command
 * of the same run continues the same MLflow run. A dead server costs warnings, never the run.
 */
@ExtendWith(SharedSpark.class)
class MlflowTrackingTest {
  static final String SECRET = "mlflow-token-5f0c2e7d91";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  /** A train step's statistics; KL is NaN (no reference model), stored as null and so not tracked. */
  static StepStats step(double loss) {
    return new StepStats(loss, 0.1, Double.NaN, loss - 0.1, Double.NaN, 0.0, 0.05, 1.01, 2.5, 0.8, 1e-6, 4, 2, 120,
        60, 400, 2.0);
  }

  static BiConsumer<Level, String> warningsInto(List<String> warnings) {
    return (level, message) -> {
      if (level == Level.WARNING) warnings.add(message);
    };
  }

  @Test
  void aRunLogsItsConfigSummariesStepsEvaluationsAndCheckpointsToMlflow(SparkSession spark, @TempDir Path dir)
      throws Exception {
    String python = System.getenv("RAIF_MLFLOW_PYTHON");
    Assumptions.assumeTrue(python != null && !python.isBlank(), "RAIF_MLFLOW_PYTHON is not set, so there is no "
        + "MLflow server to test against: run bin/test, or export RAIF_MLFLOW_PYTHON=$(bin/setup-mlflow)");
    try (MlflowServer server = MlflowServer.start(python, dir.resolve("mlflow"))) {
      // the valid prompts only, 2 short rollouts each: real rows of every stage, at the least cost
      RaifConfig config = PipelineFixtures.config(Files.write(dir.resolve("prompts.jsonl"), PipelineFixtures.GOOD),
          dir.resolve("tables"), "tracking.mlflow_uri=" + server.url(), "tracking.experiment=raif-test",
          "rollout.reasoning_samples=1", "rollout.max_new_tokens=4", "train.checkpoint_root=" + dir.resolve("ckpt"));
      List<String> warnings = new CopyOnWriteArrayList<>();
      Map<String, String> env = Map.of("MLFLOW_TRACKING_TOKEN", SECRET);
      String checkpoint = dir.resolve("ckpt/test/policy-v1").toString();

      Tracking.open(config, env::get, warningsInto(warnings));
      PipelineContext ctx = PipelineContext.of(spark, config, 0);
      Pipeline.runIteration(ctx, Stage.CONTRAST, QUIET);
      // two optimizer steps' rows through the train stage's own write (training itself would take minutes here),
      // a held-out evaluation of version 1 with its learning-curve point, and version 1's checkpoint tag
      IterationStats stats = IterationStats.of(ctx);
      TrainMetricsRows.write(ctx, TrainMetricsRows.row("test", 0, 0, 0, 0, step(0.75), stats));
      TrainMetricsRows.write(ctx, TrainMetricsRows.row("test", 0, 1, 1, 0, step(0.5), stats));
      EvalResults.write(ctx.tables(), spark, EvalResults.rows("test", checkpoint, "heldout", "chat", "eval-heldout-x",
          "/data/heldout.jsonl", List.of(new Metric("prompt_level_strict_acc", 0.25, 16),
              new Metric("inst_level_strict_acc", Double.NaN, 0))));
      new PipelineMetrics("heldout").put("chat.prompt_level_strict", 0.25).write(spark, ctx.tables(), "test", 1);
      Tracking.of("test").tag("checkpoint.policy-v1", checkpoint);
      Tracking.close("test", true);

      // a second command of the run with one setting changed: the same MLflow run, no param logged twice
      RaifConfig again = ConfigLoader.with(config, List.of("run.iterations=3"));
      Tracking.open(again, env::get, warningsInto(warnings));
      // a rerun of a finished stage writes its summary again
      Pipeline.runStage(PipelineContext.of(spark, again, 0), Stage.CONTRAST, QUIET);
      Tracking.close("test", true);
      assertEquals(List.of(), warnings);

      JsonNode experiments = server.post("experiments/search",
          "{\"filter\": \"name = 'raif-test'\", \"max_results\": 10}").path("experiments");
      assertEquals(1, experiments.size());
      JsonNode runs = server.post("runs/search", "{\"experiment_ids\": [\""
          + experiments.get(0).path("experiment_id").asText() + "\"], \"max_results\": 10}").path("runs");
      assertEquals(1, runs.size(), "one MLflow run for the RAIF run, continued rather than duplicated");
      JsonNode run = runs.get(0);
      String runId = run.path("info").path("run_id").asText();
      assertEquals("FINISHED", run.path("info").path("status").asText());
      assertEquals(ConfigParams.of(config), entries(run.path("data").path("params")));
      Map<String, String> tags = entries(run.path("data").path("tags"));
      assertEquals("test", tags.get("raif.run_id"));
      assertEquals("3", tags.get("raif.config_changed.run.iterations"));
      assertEquals(checkpoint, tags.get("checkpoint.policy-v1"));

      // every pipeline_metrics value is the latest MLflow value of <stage>.<metric> at step = iteration
      List<Row> summaries = ctx.tables().read(RaifTables.Table.PIPELINE_METRICS).where(col("run_id").equalTo("test"))
          .collectAsList();
      assertTrue(summaries.size() > 20, "prompts to contrast and heldout summaries: " + summaries.size());
      for (Row r : summaries) {
        String key = r.<String>getAs("stage") + "." + r.<String>getAs("metric");
        long iteration = r.<Integer>getAs("iteration");
        Map<Long, Double> logged = history(server, runId, key);
        if (r.isNullAt(r.fieldIndex("value"))) {
          assertFalse(logged.containsKey(iteration), key + " is null in the table, so not a metric");
        } else {
          assertEquals(r.<Double>getAs("value"), logged.get(iteration), key + " at iteration " + iteration);
        }
      }
      // every numeric train_metrics column as train.<column> at step = global_step
      List<Row> steps = ctx.tables().read(RaifTables.Table.TRAIN_METRICS).where(col("run_id").equalTo("test"))
          .collectAsList();
      assertEquals(2, steps.size());
      List<String> tracked = new ArrayList<>();
      for (StructField f : TrainMetricsRows.SCHEMA.fields()) {
        if (!(f.dataType() instanceof NumericType) || f.name().equals("global_step")) continue;
        Map<Long, Double> logged = history(server, runId, "train." + f.name());
        for (Row r : steps) {
          long global = r.<Long>getAs("global_step");
          Object v = r.getAs(f.name());
          if (v == null) {
            assertFalse(logged.containsKey(global), f.name() + " is null in the table, so not a metric");
          } else {
            assertEquals(((Number) v).doubleValue(), logged.get(global), f.name() + " at step " + global);
            tracked.add(f.name());
          }
        }
      }
      assertTrue(tracked.containsAll(List.of("loss", "iteration", "step", "lr", "kept_ratio")), tracked.toString());
      assertEquals(Map.of(1L, 0.25), history(server, runId, "eval.heldout.chat.prompt_level_strict_acc"));
      assertEquals(Map.of(), history(server, runId, "eval.heldout.chat.inst_level_strict_acc"));
      assertFalse(server.log().contains(SECRET));
    }
  }

  @Test
  void aDeadServerCostsAWarningNotTheRun(SparkSession spark, @TempDir Path dir) throws Exception {
    int port = MlflowServer.freePort();  // closed again: nothing listens there
    RaifConfig config = PipelineFixtures.config(PipelineFixtures.promptFile(dir), dir.resolve("tables"), "run.id=dead",
        "tracking.mlflow_uri=http://127.0.0.1:" + port, "tracking.timeout_s=1", "tracking.max_retries=1");
    List<String> warnings = new CopyOnWriteArrayList<>();
    Tracking.open(config, Map.of("MLFLOW_TRACKING_TOKEN", SECRET)::get, warningsInto(warnings));
    PipelineContext ctx = PipelineContext.of(spark, config, 0);
    Pipeline.runStage(ctx, Stage.PROMPTS, QUIET);
    TrainMetricsRows.write(ctx, TrainMetricsRows.row("dead", 0, 0, 0, 0, step(0.5),
        new IterationStats(1, 1, 1, 10, 0.5)));
    long start = System.nanoTime();
    Tracking.close("dead", true);
    double closeSeconds = (System.nanoTime() - start) / 1e9;

    // one row per line of the file, the unloadable ones as error rows
    assertEquals(PipelineFixtures.GOOD.size() + PipelineFixtures.BAD_BUT_LOADED.size()
        + PipelineFixtures.UNLOADABLE.size(),
        ctx.tables().read(RaifTables.Table.PROMPTS).where(col("run_id").equalTo("dead")).count());
    assertEquals(1, ctx.tables().read(RaifTables.Table.TRAIN_METRICS).where(col("run_id").equalTo("dead")).count());
    assertFalse(warnings.isEmpty(), "a dead server is warned about");
    assertTrue(warnings.get(0).startsWith("MLflow tracking of run dead: ") && warnings.get(0).contains("127.0.0.1:"
        + port) && warnings.get(0).contains("training goes on"), warnings.get(0));
    warnings.forEach(w -> assertFalse(w.contains(SECRET), w));
    // finishing waits at most one call's deadline, 2 x timeout_s x (max_retries + 1) = 4 s; refused connections less
    assertTrue(closeSeconds < 5, "finishing took " + closeSeconds + " s");
  }

  /** The latest value MLflow holds for {@code key} at each step. */
  static Map<Long, Double> history(MlflowServer server, String runId, String key) throws Exception {
    List<JsonNode> points = new ArrayList<>();
    server.get("metrics/get-history", "run_id", runId, "metric_key", key).path("metrics").forEach(points::add);
    points.sort(java.util.Comparator.comparingLong(p -> p.path("timestamp").asLong()));
    Map<Long, Double> out = new TreeMap<>();
    for (JsonNode p : points) out.put(p.path("step").asLong(), p.path("value").asDouble());
    return out;
  }

  static Map<String, String> entries(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    list.forEach(e -> out.put(e.path("key").asText(), e.path("value").asText()));
    return out;
  }
}
