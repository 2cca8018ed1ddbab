package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.jobs.cli.RaifCli;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.udfs.SharedSpark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code raif iterate} driver (a child JVM) in its rollout, reward and train stages, each
 * rerun resuming the last: no row is lost or duplicated, the rollouts are the uninterrupted run's, and so is the
 * published version. (The probe of a published version is left out: it loads the model twice more, and
 * {@code TrainStageTest} covers a rerun between publishing and probing.)
 */
@ExtendWith(SharedSpark.class)
class DriverKillTest {
  /** The output line after which the driver is killed, and the stage it is then in (or about to start). */
  enum KillPoint {
    ROLLOUT("] prompts: "), REWARD("] rollout: "), TRAIN("train step 1/");

    final String after;

    KillPoint(String after) {
      this.after = after;
    }
  }

  static final List<RaifTables.Table> TABLES = List.of(RaifTables.Table.ROLLOUTS, RaifTables.Table.REWARDS,
      RaifTables.Table.SAMPLES, RaifTables.Table.TRAIN_METRICS);

  @Test
  void aDriverKilledInEveryStageLosesAndDuplicatesNothingAndPublishesTheUninterruptedRunsVersion(SparkSession spark,
      @TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    Path prompts = TrainStageTest.prompts(dir);
    Path reference = dir.resolve("uninterrupted");
    iterate(reference, prompts, null);
    // one run killed in each stage in turn, each rerun resuming what the one before left: as a driver on a flaky
    // node would be (each kill lands in that stage or, if it is quick, early in the next)
    Path run = dir.resolve("killed");
    for (KillPoint point : KillPoint.values()) iterate(run, prompts, point);
    iterate(run, prompts, null);

    Map<RaifTables.Table, List<Row>> expected = tables(spark, reference, prompts);
    Map<RaifTables.Table, List<Row>> got = tables(spark, run, prompts);
    for (RaifTables.Table t : TABLES) {
      assertEquals(keys(t, expected.get(t)), keys(t, got.get(t)), t + " has each of the uninterrupted run's keys once");
    }
    assertEquals(tokens(expected.get(RaifTables.Table.ROLLOUTS)), tokens(got.get(RaifTables.Table.ROLLOUTS)),
        "the rollouts are the uninterrupted run's");
    assertArrayEquals(Files.readAllBytes(policy(reference)), Files.readAllBytes(policy(run)),
        "the rerun publishes the uninterrupted run's weights");
  }

  /**
   * Runs {@code raif iterate} (one iteration) on {@code root} in a child JVM to its end, or with a kill point until
   * that line is printed, then kills it with SIGKILL.
   */
  static void iterate(Path root, Path prompts, KillPoint kill) throws Exception {
    Files.createDirectories(root);
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Dai.djl")
          || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);  // the flags every RAIF JVM needs (conf/jvm.properties, passed to this fork by surefire)
      }
    }
    command.addAll(List.of("-Xmx3g", "-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), RaifCli.class.getName(), "iterate"));
    for (String set : settings(root, prompts)) command.addAll(List.of("--set", set));
    Process driver = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        log.append(line).append('\n');
        if (kill != null && line.contains(kill.after)) {
          driver.destroyForcibly();  // SIGKILL: no shutdown hook, no lease release, no finally
          assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the killed driver did not end");
          return;
        }
      }
    }
    assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "raif iterate did not end");
    if (kill != null) throw new AssertionError("never reached '" + kill.after + "':\n" + log);
    if (driver.exitValue() != 0) throw new AssertionError("raif iterate failed:\n" + log);
  }

  static List<String> settings(Path root, Path prompts) {
    return List.of("prompts.source=" + prompts, "tables.root=" + root.resolve("tables"),
        "train.checkpoint_root=" + root.resolve("checkpoints"), "run.id=test", "run.iterations=1",
        "rollout.reasoning_samples=" + PipelineFixtures.G, "rollout.direct_samples=" + PipelineFixtures.G_DIRECT,
        "rollout.max_new_tokens=12", "rollout.batch_size=4", "rollout.partitions=1", "train.lr=1e-4",
        "train.warmup_fraction=0", "train.batch_size=2", "train.micro_batch=2", "train.bc_batch_size=1",
        "train.beta=0.01", "model.threads=1", "train.probe_check=false");
  }

  static Map<RaifTables.Table, List<Row>> tables(SparkSession spark, Path root, Path prompts) {
    RaifConfig config = PipelineFixtures.config(prompts, root.resolve("tables"));
    RaifTables tables = PipelineContext.of(spark, config, 0).tables();
    Map<RaifTables.Table, List<Row>> out = new TreeMap<>();
    for (RaifTables.Table t : TABLES) out.put(t, tables.read(t).collectAsList());
    return out;
  }

  /** Every row's key, sorted, duplicates kept: equal lists mean the same keys, each as often. */
  static List<String> keys(RaifTables.Table t, List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(t == RaifTables.Table.TRAIN_METRICS ? "step " + r.getAs("step")
          : r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"));
    }
    out.sort(null);
    return out;
  }

  static Map<String, List<Integer>> tokens(List<Row> rollouts) {
    Map<String, List<Integer>> out = new TreeMap<>();
    for (Row r : rollouts) {
      out.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"),
          r.getList(r.fieldIndex("response_token_ids")));
    }
    return out;
  }

  static Path policy(Path root) {
    return root.resolve("checkpoints").resolve("test").resolve("policy-v1").resolve("model.safetensors");
  }
}
