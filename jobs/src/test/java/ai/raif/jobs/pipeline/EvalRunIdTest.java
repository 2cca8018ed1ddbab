package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.eval.Benchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation reuses earlier generations only for the same checkpoint files and the same settings. */
class EvalRunIdTest {
  @Test
  void aCheckpointRewrittenInPlaceOrOtherSamplingSettingsGetANewEvaluationRun(@TempDir Path dir) throws Exception {
    Path checkpoint = Files.createDirectories(dir.resolve("policy-v3"));
    Path weights = Files.writeString(checkpoint.resolve("model.safetensors"), "weights of version 3");
    Path data = Files.writeString(dir.resolve("data.jsonl"),
        "{\"key\": 1, \"prompt\": \"Say hi.\", \"instruction_id_list\": [], \"kwargs\": []}\n");
    BenchmarkEval.Request request = new BenchmarkEval.Request(Benchmark.IFEVAL, data, 0);
    RaifConfig config = ConfigLoader.load(List.of(), List.of("model.path=" + checkpoint));
    String first = BenchmarkEval.evalRun(config, request);
    assertEquals(first, BenchmarkEval.evalRun(config, request), "nothing changed: the generations are reused");

    Files.writeString(weights, "weights of version 3, trained again");
    Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 5_000));
    String rewritten = BenchmarkEval.evalRun(config, request);
    assertNotEquals(first, rewritten, "same path, other weights");

    RaifConfig otherTopP = ConfigLoader.with(config, List.of("rollout.top_p=0.5"));
    assertNotEquals(rewritten, BenchmarkEval.evalRun(otherTopP, request), "another top_p samples other answers");
  }
}
