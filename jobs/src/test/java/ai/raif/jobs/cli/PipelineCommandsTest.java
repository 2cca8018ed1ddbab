package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.udfs.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline commands as a user types them, inside a session someone else owns (which they must leave running). */
@ExtendWith(SharedSpark.class)
class PipelineCommandsTest {
  @Test
  void iterateRunsEveryStageAndEachStageCommandResumesAsANoOp(SparkSession spark, @TempDir Path dir) throws Exception {
    Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt_id\": \"m\", \"source\": \"math\", \"messages\": "
        + "[{\"role\": \"user\", \"content\": \"What is 1 + 1? Answer in \\\\boxed{}.\"}], \"reference_answer\": \"2\"}\n");
    String[] common = {"--set", "prompts.source=" + prompts, "--set", "tables.root=" + dir.resolve("t"),
        "--set", "rollout.reasoning_samples=2", "--set", "rollout.max_new_tokens=4",
        "--set", "train.checkpoint_root=" + dir.resolve("c")};
    RaifCliTest.Run it = RaifCliTest.run(RaifCli.prepend("iterate", common));
    assertEquals(0, it.code(), it.err());
    for (String stage : new String[] {"prompts:", "rollout:", "reward:", "contrast:", "train:"}) {
      assertTrue(it.out().contains("] " + stage), stage + " missing from:\n" + it.out());
    }
    assertTrue(it.out().contains("rollout: prompts=1 rollouts=2 errors=0"), it.out());
    assertTrue(it.out().contains("tables: " + dir.resolve("t")), it.out());
    assertTrue(Files.isRegularFile(dir.resolve("c").resolve("local").resolve("policy-v1").resolve("config.json")),
        "iterate trains and publishes version 1");

    RaifCliTest.Run again = RaifCliTest.run(RaifCli.prepend("rollout", common));
    assertEquals(0, again.code(), again.err());
    assertTrue(!again.out().contains("generated="), "nothing left to generate:\n" + again.out());
    assertTrue(!spark.sparkContext().isStopped(), "the caller's session keeps running");

    RaifCliTest.Run bad = RaifCliTest.run("contrast", "--set", "supcot.mode=always");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("supcot.mode"), bad.err());
  }
}
