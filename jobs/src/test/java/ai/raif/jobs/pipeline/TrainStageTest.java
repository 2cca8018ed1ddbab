package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train stage on local Spark with the embedded model: GRPO + behaviour cloning from the tables, a kill after a
 * saved step and a resume that takes exactly the step the uninterrupted run took, publication of version 1 that the
 * next iteration's rollouts use, and a rerun that changes nothing.
 */
@ExtendWith(SharedSpark.class)
class TrainStageTest {
  static final String EXPERT_A = "<think>\\nA fruit, in lowercase only.\\n</think>\\n<answer>\\napple\\n</answer>";
  static final String EXPERT_B = "<think>\\nA greeting with no commas.\\n</think>\\n<answer>\\nhello there\\n</answer>";

  static Path prompts(Path dir) throws Exception {
    return Files.write(dir.resolve("prompts.jsonl"), List.of(
        PipelineFixtures.GOOD.get(0).replace("}]}}", "}]}, \"expert_response\": \"" + EXPERT_A + "\"}"),
        PipelineFixtures.GOOD.get(1).replace("}]}}", "}]}, \"expert_response\": \"" + EXPERT_B + "\"}")));
  }

  static RaifConfig config(Path prompts, Path dir, String checkpoints, String... more) {
    List<String> sets = new java.util.ArrayList<>(List.of("train.checkpoint_root=" + dir.resolve(checkpoints),
        "train.lr=1e-4", "train.warmup_fraction=0", "train.batch_size=2", "train.micro_batch=2",
        "train.bc_batch_size=1", "train.beta=0.01"));
    sets.addAll(List.of(more));
    return PipelineFixtures.config(prompts, dir.resolve("tables"), sets.toArray(String[]::new));
  }

  /** Train stage output lines, each step's numbers as printed. */
  static List<String> train(PipelineContext ctx) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainStage.run(ctx, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("train step")).toList();
  }

  /** The numbers of a step line without its timing. */
  static String numbers(String line) {
    return line.substring(line.indexOf("loss"), line.indexOf(" | "));
  }

  @Test
  void trainsResumesAfterAKillPublishesAndTheNextIterationSamplesTheNewVersion(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path prompts = prompts(dir);
    RaifConfig uninterrupted = config(prompts, dir, "ckpt-a");
    PipelineContext a = PipelineContext.of(spark, uninterrupted, 0);
    Pipeline.runIteration(a, Stage.CONTRAST, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    // The untrained model rarely writes the answer format in 12 tokens, so its groups have no variance: give the
    // first prompt's reasoning rollouts the advantages a contrast would, so the policy-gradient path runs too.
    Dataset<Row> samples = a.tables().iteration(RaifTables.Table.SAMPLES, "test", 0)
        .where(col("prompt_id").equalTo("if-a").and(col("mode").equalTo("think")))
        .withColumn("kept", lit(true)).withColumn("drop_reason", lit(null).cast("string"))
        .withColumn("advantage", when(col("sample_idx").equalTo(0), 1.0).otherwise(-1.0));
    a.tables().upsert(RaifTables.Table.SAMPLES, samples);

    List<String> whole = train(a);
    assertEquals(2, whole.size(), "2 steps: 2 rollouts in one batch, 2 experts one per step: " + whole);
    assertTrue(whole.get(0).contains("2 rollouts + 1 experts") && whole.get(1).contains("0 rollouts + 1 experts"),
        whole.toString());
    Path v1 = dir.resolve("ckpt-a").resolve("test").resolve("policy-v1");
    assertTrue(Files.isRegularFile(v1.resolve("model.safetensors")) && Files.isRegularFile(v1.resolve("config.json")));
    Dataset<Row> metrics = a.tables().iteration(RaifTables.Table.TRAIN_METRICS, "test", 0);
    assertEquals(2, metrics.count());
    Row first = metrics.where("step = 0").first();
    assertTrue(first.<Double>getAs("grad_norm") > 0 && first.<Double>getAs("entropy") > 0, first.toString());
    assertTrue(first.<Double>getAs("kl") >= 0 && first.<Double>getAs("bc_loss") > 0, first.toString());

    // killed after step 1 was saved, then resumed: step 2 is the uninterrupted run's step 2, and so is version 1
    PipelineContext b = PipelineContext.of(spark, config(prompts, dir, "ckpt-b"), 0);
    System.setProperty(TrainStage.FAIL_AFTER_STEP_PROPERTY, "1");
    try {
      assertThrows(IllegalStateException.class, () -> train(b));
    } finally {
      System.clearProperty(TrainStage.FAIL_AFTER_STEP_PROPERTY);
    }
    List<String> resumed = train(b);
    assertEquals(1, resumed.size(), "only the step after the saved one runs: " + resumed);
    assertTrue(resumed.get(0).contains("step 2/2"), resumed.get(0));
    assertEquals(numbers(whole.get(1)), numbers(resumed.get(0)));
    assertArrayEquals(Files.readAllBytes(v1.resolve("model.safetensors")),
        Files.readAllBytes(dir.resolve("ckpt-b").resolve("test").resolve("policy-v1").resolve("model.safetensors")),
        "the resumed run publishes the same weights");

    // with the state saved every 2 steps, a kill after step 1 loses it: the resume redoes step 1, identically
    PipelineContext c = PipelineContext.of(spark, config(prompts, dir, "ckpt-c", "train.save_every=2"), 0);
    System.setProperty(TrainStage.FAIL_AFTER_STEP_PROPERTY, "1");
    try {
      assertThrows(IllegalStateException.class, () -> train(c));
    } finally {
      System.clearProperty(TrainStage.FAIL_AFTER_STEP_PROPERTY);
    }
    List<String> redone = train(c);
    assertEquals(List.of(numbers(whole.get(0)), numbers(whole.get(1))), redone.stream().map(TrainStageTest::numbers)
        .toList());

    // a rerun of the finished iteration trains nothing
    assertEquals(List.of(), train(a));
    // ... but when the run died between publishing and recording a passing probe (here: the stage ran outside the
    // pipeline, so nothing was recorded), the rerun probes the published version before going on
    PipelineMetrics again = Pipeline.runStage(a, Stage.TRAIN, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    assertEquals(2, again.get("steps"));
    assertEquals(1, again.get("policy_version"));
    assertTrue(again.get("probe_logprob_diff") <= 1e-3, again.line());
    PipelineMetrics third = Pipeline.runStage(a, Stage.TRAIN, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    assertThrows(IllegalArgumentException.class, () -> third.get("probe_logprob_diff"), "recorded: not probed again");

    // a guard that trips at a step stops the run before that step's state is saved: a rerun meets it again
    PipelineContext d = PipelineContext.of(spark, config(prompts, dir, "ckpt-d", "guard.min_entropy=100"), 0);
    Guardrails.Tripped trip = assertThrows(Guardrails.Tripped.class, () -> train(d));
    assertTrue(trip.getMessage().contains("guard.min_entropy"), trip.getMessage());
    assertEquals(java.util.Optional.empty(), d.versions().trainerState().progress(),
        "no state saved past the tripped step");
    assertThrows(Guardrails.Tripped.class, () -> train(d));

    // iteration 1 samples from version 1, loaded by the executor from the published directory
    PipelineContext next = PipelineContext.of(spark, uninterrupted, 1);
    assertEquals(1, next.policy().policyVersion());
    assertEquals(v1.toString(), next.policy().path());
    Pipeline.runStage(next, Stage.ROLLOUT, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<Row> versions = next.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1)
        .select("policy_version").distinct().collectAsList();
    assertEquals(1, versions.size());
    assertEquals(1L, versions.get(0).getLong(0));
    // rollouts an earlier run sampled from another version are made again, without the rewards computed from them
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Pipeline.runStage(next, Stage.REWARD, quiet);
    long rewards = next.tables().iteration(RaifTables.Table.REWARDS, "test", 1).count();
    next.tables().upsert(RaifTables.Table.ROLLOUTS, next.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1)
        .where("sample_idx = 0").withColumn("policy_version", lit(0L)));
    long stale = next.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).where("policy_version = 0").count();
    assertTrue(stale > 0 && stale < rewards, stale + " of " + rewards);
    PipelineMetrics regenerated = Pipeline.runStage(next, Stage.ROLLOUT, quiet);
    assertEquals(stale, (long) regenerated.get("stale_regenerated"));
    assertEquals(List.of(1L), next.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1).select("policy_version")
        .distinct().as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
    assertEquals(rewards - stale, next.tables().iteration(RaifTables.Table.REWARDS, "test", 1).count());
    assertEquals(rewards, (long) Pipeline.runStage(next, Stage.REWARD, quiet).get("rewards"));
    // a rollout for an iteration whose version is not published stops before it generates anything
    IllegalStateException ahead = assertThrows(IllegalStateException.class,
        () -> Pipeline.runStage(PipelineContext.of(spark, uninterrupted, 2), Stage.ROLLOUT, quiet));
    assertTrue(ahead.getMessage().contains("samples from policy version 2") && ahead.getMessage().contains(
        "train iteration 1 first"), ahead.getMessage());
    assertEquals(0, next.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 2).count());
    // and training iteration 1 before its rewards exist is a clear error, not a silent no-op
    IllegalStateException early = assertThrows(IllegalStateException.class, () -> train(
        PipelineContext.of(spark, uninterrupted, 2)));
    assertTrue(early.getMessage().contains("has no rollouts"), early.getMessage());
  }
}
