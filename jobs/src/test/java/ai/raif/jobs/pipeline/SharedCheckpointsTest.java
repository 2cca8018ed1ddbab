package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.trainer.checkpoint.TrainerState;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.storage.LocalCopies;
import ai.raif.udfs.storage.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.checkpoint_root} on shared storage (a FileSystem only Hadoop can reach): the driver ships the initial
 * model there and publishes each version there, executors load every version from a local copy, and the trainer
 * state saved there resumes training on a driver that has no local copy of it, with the learning-rate schedule the
 * run started with.
 */
@ExtendWith(SharedSpark.class)
class SharedCheckpointsTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void versionsAndTrainerStateLiveOnSharedStorage(SparkSession spark, @TempDir Path dir) throws Exception {
    AliasFileSystem.register(spark.sparkContext().hadoopConfiguration());
    Path shared = dir.resolve("shared");
    String root = AliasFileSystem.SCHEME + "://" + shared;
    RaifConfig config = PipelineFixtures.config(TrainStageTest.prompts(dir), dir.resolve("tables"),
        "train.checkpoint_root=" + root, "train.lr=1e-4", "train.warmup_fraction=0", "train.batch_size=2",
        "train.micro_batch=2", "train.bc_batch_size=1", "train.beta=0");
    Path run = shared.resolve("test");

    // iteration 0 samples from the embedded model, shipped under the shared root as version 0
    PipelineContext first = PipelineContext.of(spark, config, 0);
    String gguf = DefaultModel.path().getFileName().toString();
    assertEquals(AliasFileSystem.SCHEME + ":" + run.resolve("policy-v0").resolve(gguf), first.policy().path());
    assertTrue(Files.isRegularFile(run.resolve("policy-v0").resolve(SharedFiles.PUBLISHED)));
    assertEquals(Files.size(DefaultModel.path()), Files.size(run.resolve("policy-v0").resolve(gguf)));

    Pipeline.runIteration(first, Stage.TRAIN, QUIET);
    Path v1 = run.resolve("policy-v1");
    for (String f : List.of("model.safetensors", "config.json", "tokenizer.json", SharedFiles.PUBLISHED)) {
      assertTrue(Files.isRegularFile(v1.resolve(f)), f + " in " + v1);
    }
    try (Stream<Path> entries = Files.list(run)) {
      assertEquals(List.of("policy-v0", "policy-v1", "trainer"), entries.map(p -> p.getFileName().toString()).sorted()
          .toList(), "the scratch copy was renamed into place");
    }
    String step = Files.readString(run.resolve("trainer").resolve("LATEST")).trim();
    assertTrue(Files.isRegularFile(run.resolve("trainer").resolve(step).resolve("optimizer.safetensors")), step);
    try (Stream<Path> states = Files.list(run.resolve("trainer"))) {
      assertEquals(List.of(step), states.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-"))
          .toList(), "older states are deleted once LATEST names the new one");
    }
    assertFalse(Files.exists(Path.of(AliasFileSystem.SCHEME + ":")), "nothing went through java.nio to the URI");

    int scheduled = first.versions().trainerState().progress().orElseThrow().scheduleSteps();
    assertTrue(scheduled > 0, "the state records the learning-rate schedule's length");

    // iteration 1 runs on a driver without the trainer state's local mirror (another machine), resumed with other
    // run settings: it downloads the state, keeps the schedule, and the executors sample from version 1, copied from
    // the shared root
    String trainer = AliasFileSystem.SCHEME + ":" + run.resolve("trainer");
    CheckpointFiles.deleteTree(LocalCopies.mirrorOf(trainer));
    RaifConfig resumed = ConfigLoader.with(config, List.of("run.iteration=1", "run.iterations=7"));
    PipelineContext second = PipelineContext.of(spark, resumed, 1);
    assertEquals(AliasFileSystem.SCHEME + ":" + v1, second.policy().path());
    assertEquals(1, second.policy().policyVersion());
    Pipeline.runIteration(second, Stage.TRAIN, QUIET);
    List<Row> versions = second.tables().iteration(RaifTables.Table.ROLLOUTS, "test", 1)
        .select("policy_version").distinct().collectAsList();
    assertEquals(List.of(1L), versions.stream().map(r -> r.getLong(0)).toList());
    assertTrue(Files.isRegularFile(run.resolve("policy-v2").resolve(SharedFiles.PUBLISHED)));
    TrainerState.Progress after = second.versions().trainerState().progress().orElseThrow();
    assertEquals(2, after.policyVersion(), "the state resumed from the shared copy and trained on: version 2");
    assertEquals(scheduled, after.scheduleSteps(), "a resumed run keeps the schedule it started with");
  }
}
