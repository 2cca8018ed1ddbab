package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.pipeline.AliasFileSystem;
import ai.raif.jobs.pipeline.RaifTables;
import ai.raif.rewards.eval.BenchmarkAnswer;
import ai.raif.rewards.reward.PolicyOutput;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.rollout.ReasoningPrompt;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.storage.StorageRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code raif eval} as a user runs it: generation on the embedded model, scoring, eval_results, a rerun, a comparison. */
@ExtendWith(SharedSpark.class)
class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path IFEVAL = Path.of(System.getProperty("raif.repo.root"))
      .resolve("../shared/benchmarks/ifeval/input_data.jsonl");

  @Test
  void ifevalScoresTheStrippedAnswersWithTheReferenceProtocolAndComparesCheckpoints(SparkSession spark,
      @TempDir Path dir) throws Exception {
    String[] common = {"--set", "tables.root=" + dir.resolve("t"), "--set", "eval.output_dir=" + dir.resolve("e"),
        "--set", "eval.max_new_tokens=12", "--set", "train.checkpoint_root=" + dir.resolve("c")};
    String[] args = concat(new String[] {"eval", "--benchmark", "ifeval", "--data", IFEVAL.toString(), "--limit",
        "3"}, common);
    RaifCliTest.Run run = RaifCliTest.run(args);
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(run.out().contains("ifeval (think) on default: 3 prompts (0 generation errors"), run.out());
    assertTrue(run.out().contains("generated=3"), run.out());

    RaifTables tables = new RaifTables(spark, StorageRoot.of(dir.resolve("t").toString()));
    Map<String, Row> results = new HashMap<>();
    for (Row r : tables.read(RaifTables.Table.EVAL_RESULTS).collectAsList()) results.put(r.getAs("metric"), r);
    assertEquals(List.of("inst_level_loose_acc", "inst_level_strict_acc", "prompt_level_loose_acc",
        "prompt_level_strict_acc", "prompt_level_strict_substantive_acc"), results.keySet().stream().sorted().toList());
    Row strict = results.get("prompt_level_strict_acc");
    assertTrue(results.get("prompt_level_strict_substantive_acc").<Double>getAs("value")
        <= strict.<Double>getAs("value"), "substantive passes are a subset of strict passes");
    assertEquals("default", strict.getAs("checkpoint"));
    assertEquals("think", strict.getAs("mode"));
    assertEquals(3L, strict.<Long>getAs("n"));

    // the scored responses are the rollouts with their reasoning stripped, and the metric is the reference file's
    String evalRun = strict.getAs("eval_run");
    Path files = dir.resolve("e").resolve(evalRun);
    Map<String, String> answers = new HashMap<>();
    for (Row r : tables.read(RaifTables.Table.ROLLOUTS).where(functions.col("run_id").equalTo(evalRun))
        .select("prompt_text", "response").collectAsList()) {
      answers.put(r.getString(0), BenchmarkAnswer.of(PolicyOutput.of(r.getString(0), r.getString(1))));
    }
    List<String> responseLines = Files.readAllLines(files.resolve("input_response_data.jsonl"));
    assertEquals(3, responseLines.size());
    for (String line : responseLines) {
      JsonNode row = JSON.readTree(line);
      assertTrue(answers.values().contains(row.get("response").asText()), line);
    }
    List<String> verdicts = Files.readAllLines(files.resolve("eval_results_strict.jsonl"));
    long followed = verdicts.stream().filter(l -> l.startsWith("{\"follow_all_instructions\": true")).count();
    assertEquals(followed / 3.0, strict.<Double>getAs("value"), 1e-12);

    // a rerun generates nothing; the same weights under another label compare with zero differences
    RaifCliTest.Run again = RaifCliTest.run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(!again.out().contains("generated="), again.out());
    String gguf = DefaultModel.path().toString();
    RaifCliTest.Run other = RaifCliTest.run(concat(args, new String[] {"--model", gguf}));
    assertEquals(0, other.code(), other.err());
    RaifCliTest.Run compare = RaifCliTest.run(concat(new String[] {"eval", "--compare", "default", gguf}, common));
    assertEquals(0, compare.code(), compare.err());
    assertTrue(compare.out().contains("ifeval (think) prompt_level_strict_acc"), compare.out());
    assertTrue(compare.out().contains("+0.0000"), compare.out());

    RaifCliTest.Run ifbench = RaifCliTest.run(concat(new String[] {"eval", "--benchmark", "ifbench", "--data",
        IFEVAL.resolveSibling("../ifbench/IFBench_test.jsonl").normalize().toString(), "--limit", "2"}, common));
    assertEquals(0, ifbench.code(), ifbench.err() + ifbench.out());
    assertTrue(ifbench.out().contains("ifbench (think) on default: 2 prompts") && ifbench.out().contains(
        "prompt_level_loose_acc: "), ifbench.out());

    RaifCliTest.Run unknown = RaifCliTest.run(concat(new String[] {"eval", "--compare", "default", "nope"}, common));
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("no eval_results for") && unknown.err().contains("default"), unknown.err());
  }

  @Test
  void heldOutSetInEveryModeWithChatInTheModelsOwnTemplateAndNothingStripped(SparkSession spark, @TempDir Path dir)
      throws Exception {
    RaifCliTest.Run run = RaifCliTest.run("eval", "--benchmark", "ifeval", "--data", "heldout", "--limit", "2",
        "--mode", "all", "--set", "tables.root=" + dir.resolve("t"), "--set", "eval.output_dir=" + dir.resolve("e"),
        "--set", "eval.max_new_tokens=10", "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, run.code(), run.err() + run.out());
    for (String mode : List.of("chat", "direct", "think")) {
      assertTrue(run.out().contains("ifeval (" + mode + ") on default: 2 prompts"), run.out());
    }
    RaifTables tables = new RaifTables(spark, StorageRoot.of(dir.resolve("t").toString()));
    List<Row> strict = tables.read(RaifTables.Table.EVAL_RESULTS)
        .where(functions.col("metric").equalTo("prompt_level_strict_acc")).orderBy("mode").collectAsList();
    assertEquals(List.of("chat", "direct", "think"), strict.stream().map(r -> r.<String>getAs("mode")).toList());
    for (Row r : strict) {
      // its own benchmark name, so the held-out numbers never replace a checkpoint's IFEval results
      assertEquals("heldout", r.getAs("benchmark"));
      assertEquals(2L, r.<Long>getAs("n"));
    }

    String chatRun = strict.get(0).getAs("eval_run");
    List<Row> chat = tables.read(RaifTables.Table.ROLLOUTS).where(functions.col("run_id").equalTo(chatRun))
        .join(tables.read(RaifTables.Table.PROMPTS).select("run_id", "prompt_id", "messages"),
            ai.raif.udfs.SparkValues.seq(List.of("run_id", "prompt_id")))
        .select("prompt_text", "response", "mode", "messages").collectAsList();
    assertEquals(2, chat.size());
    try (LanguageModel model = LanguageModel.load("default")) {
      for (Row r : chat) {
        assertEquals("chat", r.getAs("mode"));
        String user = r.<Row>getList(3).get(0).getString(1);
        // the plain template: no RAIF system prompt, no think block
        assertEquals(model.renderChat(List.of(new ChatMessage("user", user))), r.getString(0));
        assertFalse(r.getString(0).contains(ReasoningPrompt.SYSTEM_TRIGGER) || r.getString(0).contains("<think>"));
      }
    }
    // the scored response is the whole output (cut at the end of turn), not a parsed answer block
    Set<String> outputs = new HashSet<>();
    for (Row r : chat) outputs.add(PolicyOutput.of(r.getString(0), r.getString(1)));
    Path files = dir.resolve("e").resolve(chatRun);
    for (String line : Files.readAllLines(files.resolve("input_response_data.jsonl"))) {
      assertTrue(outputs.contains(JSON.readTree(line).get("response").asText()), line);
    }
  }

  @Test
  void infobenchAsksTheJudgeEveryQuestionAndScoresDrfr(SparkSession spark, @TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("info.jsonl"), """
        {"id": "haiku", "instruction": "Write a haiku about rain.", "input": "", "decomposed_questions": ["Is the generated text a haiku?", "Is it about rain?"], "subset": "Easy_set"}
        {"id": "sum", "instruction": "Summarise in one sentence:", "input": "The cat sat on the mat all day.", "decomposed_questions": ["Is it one sentence?"], "subset": "Hard_set"}
        {"id": "broken", "input": "x"}
        """);
    RaifCliTest.Run run = RaifCliTest.run("eval", "--benchmark", "infobench", "--data", data.toString(),
        "--set", "tables.root=" + dir.resolve("t"), "--set", "eval.max_new_tokens=12",
        "--set", "eval.mode=direct", "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(run.out().contains("skipped: " + data + " line 3: field instruction: missing"), run.out());
    assertTrue(run.out().contains("infobench (direct) on default: 2 prompts"), run.out());

    RaifTables tables = new RaifTables(spark, StorageRoot.of(dir.resolve("t").toString()));
    List<Row> cache = tables.read(RaifTables.Table.JUDGE_CACHE).collectAsList();
    Row drfr = tables.read(RaifTables.Table.EVAL_RESULTS).where(functions.col("metric").equalTo("drfr")).first();
    assertEquals(3L, drfr.<Long>getAs("n"));
    // every answer was non-empty here, so each question has a cached verdict and DRFR is their share of YES
    assertEquals(3, cache.size(), "one verdict per question");
    long yes = cache.stream().filter(r -> r.<Boolean>getAs("verdict")).count();
    assertEquals(yes / 3.0, drfr.<Double>getAs("value"), 1e-12);
  }

  @Test
  void theHeldOutEvaluationWritesItsFilesToAFileSystemUri(SparkSession spark, @TempDir Path dir) throws Exception {
    AliasFileSystem.register(spark.sparkContext().hadoopConfiguration());
    Path shared = dir.resolve("shared");
    RaifCliTest.Run run = RaifCliTest.run("eval", "--benchmark", "ifeval", "--data", "heldout", "--limit", "2",
        "--mode", "direct", "--set", "tables.root=" + dir.resolve("t"), "--set", "eval.output_dir="
            + AliasFileSystem.SCHEME + "://" + shared, "--set", "eval.max_new_tokens=8",
        "--set", "train.checkpoint_root=" + dir.resolve("c"));
    assertEquals(0, run.code(), run.err() + run.out());
    String evalRun = new RaifTables(spark, StorageRoot.of(dir.resolve("t").toString()))
        .read(RaifTables.Table.EVAL_RESULTS).first().getAs("eval_run");
    Path files = shared.resolve(evalRun);
    assertTrue(run.out().contains("files: " + AliasFileSystem.SCHEME + ":" + files), run.out());
    for (String f : List.of("input_data.jsonl", "input_response_data.jsonl", "eval_results_strict.jsonl",
        "eval_results_loose.jsonl")) {
      assertEquals(2, Files.readAllLines(files.resolve(f)).size(), f);
    }
    assertFalse(Files.exists(Path.of(AliasFileSystem.SCHEME + ":")), "nothing went through java.nio to the URI");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
