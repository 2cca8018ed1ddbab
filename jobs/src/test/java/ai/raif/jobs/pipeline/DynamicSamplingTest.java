package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigException;
import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.trainer.LanguageModel;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.model.Models;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** DAPO-style dynamic sampling: when an iteration draws more prompts, which ones, and that a rerun repeats it. */
@ExtendWith(SharedSpark.class)
class DynamicSamplingTest {
  static RaifConfig config(String... sets) {
    return ConfigLoader.load(List.of(), List.of(sets));
  }

  @Test
  void drawsAgainOnlyWhileTooFewGroupsTrainAndDrawsAreLeft() {
    RaifConfig on = config("prompts.order=cursor", "prompts.limit=4", "rollout.dynamic_min_groups=3",
        "rollout.dynamic_max_draws=3");
    assertTrue(DynamicSampling.drawAgain(on, 1, kept(2)));
    assertTrue(DynamicSampling.drawAgain(on, 2, kept(0)));
    assertFalse(DynamicSampling.drawAgain(on, 3, kept(0)), "no draws left");
    assertFalse(DynamicSampling.drawAgain(on, 1, kept(3)), "enough groups");
    assertEquals(3, DynamicSampling.maxDraws(on));
    RaifConfig off = config("prompts.order=cursor", "prompts.limit=4");
    assertFalse(DynamicSampling.drawAgain(off, 1, kept(0)));
    assertEquals(1, DynamicSampling.maxDraws(off));
    ConfigException e = assertThrows(ConfigException.class, () -> config("rollout.dynamic_min_groups=2"));
    assertTrue(e.getMessage().contains("rollout.dynamic_min_groups") && e.getMessage().contains("prompts.order"),
        e.getMessage());
  }

  private static PipelineMetrics kept(int groups) {
    return new PipelineMetrics("contrast").put("kept_prompts", groups);
  }

  @Test
  void anIterationWithoutSignalRollsOutTheNextWindowOfItsCursorAndARerunRepeatsOnlyFailedRows(SparkSession spark,
      @TempDir Path dir) throws Exception {
    // 12 new tokens never close a think block, so no group has reward variance: every draw leaves 0 groups
    RaifConfig config = PipelineFixtures.config(PipelineFixtures.promptFile(dir), dir.resolve("tables"),
        "prompts.order=cursor", "prompts.limit=1", "rollout.dynamic_min_groups=1", "rollout.dynamic_max_draws=2",
        "rollout.direct_samples=0", "train.checkpoint_root=" + dir.resolve("c"));
    // iteration 1 samples from version 1: the initial weights, published as that version
    try (LanguageModel initial = Models.load(config.model().path())) {
      PipelineContext.versions(config).publish(initial, 1);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PipelineContext ctx = PipelineContext.of(spark, config, 1);
    Pipeline.runIteration(ctx, Stage.CONTRAST, log);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("dynamic sampling: 0 groups train, fewer than 1: "
        + "drawing 1 more prompts"), bytes.toString(StandardCharsets.UTF_8));

    // iteration 1 owns windows 2 and 3 of the cursor (2 draws per iteration): positions 2 and 3 of epoch 0
    List<String> valid = ctx.splitPrompts().select("prompt_id").as(Encoders.STRING()).collectAsList();
    List<String> epoch0 = PromptCursor.shuffled(valid, 0);
    Set<String> rolledOut = new TreeSet<>(ctx.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1)
        .select("prompt_id").distinct().as(Encoders.STRING()).collectAsList());
    assertEquals(new TreeSet<>(epoch0.subList(2, 4)), rolledOut);
    assertEquals(2, ctx.tables().iteration(RaifTables.Table.SAMPLES, "test", 1).select("prompt_id").distinct()
        .count());

    long rows = ctx.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).count();
    List<Row> succeeded = ctx.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).where("error IS NULL")
        .select("prompt_id", "mode", "sample_idx", "response").orderBy("prompt_id", "mode", "sample_idx")
        .collectAsList();
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    Pipeline.runIteration(ctx, Stage.CONTRAST, new PrintStream(again, true, StandardCharsets.UTF_8));
    // the rerun draws the same windows and generates nothing but retries of failed rows (a bad prompt may be drawn)
    for (String line : again.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("generated=")).toList()) {
      java.util.regex.Matcher generated = java.util.regex.Pattern.compile("generated=(\\d+)").matcher(line);
      java.util.regex.Matcher retried = java.util.regex.Pattern.compile("retried=(\\d+)").matcher(line);
      assertTrue(generated.find() && retried.find() && generated.group(1).equals(retried.group(1)),
          "the rerun generated rollouts that had not failed: " + line);
    }
    assertEquals(rows, ctx.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).count());
    assertEquals(succeeded, ctx.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).where("error IS NULL")
        .select("prompt_id", "mode", "sample_idx", "response").orderBy("prompt_id", "mode", "sample_idx")
        .collectAsList());
  }
}
