package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.evolve.Evolution;
import ai.raif.jobs.pipeline.PromptRecords;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.evolve.Evolver;
import ai.raif.rewards.evolve.Outcome;
import ai.raif.rewards.evolve.SeedInstruction;
import ai.raif.rewards.evolve.Witness;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.rollout.ReasoningPrompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code raif evolve} end to end on local Spark: offline, and with a teacher behind a scripted HTTP server. */
@ExtendWith(SharedSpark.class)
class EvolveCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> shippedSeeds(int n) throws IOException {
    try (InputStream in = EvolveCommandTest.class.getResourceAsStream(Evolution.SEEDS_RESOURCE)) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")).subList(0, n);
    }
  }

  @Test
  void offlineEvolutionIsReproducibleCountsBadSeedsAndWritesPipelinePromptRows(SparkSession spark, @TempDir Path dir)
      throws Exception {
    List<String> lines = new ArrayList<>(shippedSeeds(20));
    lines.add(3, "{not json");
    lines.add("{\"seed_id\": \"seed-x\", \"instruction\": \"   \"}");
    lines.add(lines.get(5)); // seed-005 again
    Path seeds = Files.write(dir.resolve("seeds.jsonl"), lines);
    Path tables = dir.resolve("tables");
    String[] common = {"--set", "evolve.seeds=" + seeds, "--set", "tables.root=" + tables, "--set", "run.id=evo",
        "--set", "evolve.max_constraints=6"};

    Path a = dir.resolve("a.jsonl");
    RaifCliTest.Run run = RaifCliTest.run(with(common, "evolve", "--set", "evolve.output=" + a,
        "--set", "evolve.partitions=3"));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("evolve: seeds=20 seed_errors=3 candidates=20 kept="), run.out());
    assertTrue(run.out().contains("line 4: not valid JSON"), run.out());
    assertTrue(run.out().contains("field instruction: missing or blank"), run.out());
    assertTrue(run.out().contains("duplicate seed_id 'seed-005' (first at line 6)"), run.out());

    List<String> prompts = Files.readAllLines(a);
    Map<String, Double> metrics = new HashMap<>();
    for (Row r : spark.read().format("delta").load(tables.resolve("pipeline_metrics").toString())
        .where(functions.col("run_id").equalTo("evo").and(functions.col("stage").equalTo("evolve"))).collectAsList()) {
      metrics.put(r.getAs("metric"), r.getAs("value"));
    }
    assertEquals(prompts.size(), metrics.get("kept").intValue());
    assertEquals(20, metrics.get("kept") + metrics.get("dropped"));
    assertTrue(metrics.get("dropped.unsatisfiable") > 0, "six constraints a prompt leave some contradictions: " + metrics);
    assertEquals(2.0, metrics.get("errors.bad_seed"));
    assertEquals(1.0, metrics.get("errors.duplicate_seed_id"));

    IfevalChecker checker = new IfevalChecker();
    for (int i = 0; i < prompts.size(); i++) {
      Row row = PromptRecords.parse("evo", i + 1, prompts.get(i));
      assertNull(row.getAs("error"), prompts.get(i));
      CompositeLabel label = CompositeLabelJson.parse(row.getAs("constraints"));
      label.activeRules().forEach(checker::bind);
      assertTrue(Witness.build(label.activeRules()).passes(), prompts.get(i));
    }
    List<String> rejects = Files.readAllLines(dir.resolve("a.rejects.jsonl"));
    assertEquals(metrics.get("dropped").intValue() + 3, rejects.size());
    assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"unsatisfiable\"")), rejects.toString());

    Path b = dir.resolve("b.jsonl");
    assertEquals(0, RaifCliTest.run(with(common, "evolve", "--set", "evolve.output=" + b, "--set",
        "evolve.partitions=1")).code());
    assertEquals(-1, Files.mismatch(a, b), "same seeds and seed, other partitioning: byte-identical");
    assertEquals(-1, Files.mismatch(dir.resolve("a.rejects.jsonl"), dir.resolve("b.rejects.jsonl")));
  }

  @Test
  void aTeacherRewritesWritesComplexPromptsAndOnlyExpertsThatPassAreKept(@TempDir Path dir) throws Exception {
    List<String> seedLines = shippedSeeds(10);
    Path seeds = Files.write(dir.resolve("seeds.jsonl"), seedLines);
    String[] common = {"--set", "evolve.seeds=" + seeds, "--set", "tables.root=" + dir.resolve("tables"),
        "--set", "evolve.complex_share=0.4", "--set", "evolve.variants=2", "--set", "evolve.partitions=2"};
    // the rule-labelled prompts are the same with and without a teacher: their labels tell the server what to answer
    Evolver offline = new Evolver(Evolution.settings(ConfigLoader.load(List.of(), List.of(
        "evolve.complex_share=0.4", "evolve.variants=2")).evolve()), null);
    Map<String, CompositeLabel> labels = new HashMap<>();
    for (int i = 0; i < seedLines.size(); i++) {
      for (Outcome o : offline.evolve(SeedInstruction.parse(seedLines.get(i), i + 1))) {
        if (o.isKept()) labels.put(o.prompt().instruction(), o.prompt().label());
      }
    }
    List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/v1/chat/completions", ex -> answer(ex, requests, labels));
    server.start();
    try {
      Path taught = dir.resolve("taught.jsonl");
      RaifCliTest.Run run = RaifCliTest.run(with(common, "evolve", "--set", "evolve.output=" + taught, "--set",
          "evolve.teacher_url=http://127.0.0.1:" + server.getAddress().getPort(), "--set", "evolve.teacher_model=t1"));
      assertEquals(0, run.code(), run.err());
      for (String counted : List.of("kept.complex=", "rewrite.applied=", "expert.kept=", "expert.failed_checks=")) {
        assertTrue(run.out().contains(counted), counted + " missing: " + run.out());
      }
      RaifReward reward = new RaifReward(new IfevalChecker(), RewardConfig.paper());
      int experts = 0;
      for (String line : Files.readAllLines(taught)) {
        JsonNode n = JSON.readTree(line);
        CompositeLabel label = CompositeLabelJson.parse(n.path("constraints").toString());
        String instruction = n.path("messages").path(0).path("content").asText();
        if (n.path("source").asText().equals("complex")) {
          assertEquals(List.of("Does the response sound like a sports commentator?", "Is the task done?"),
              label.activeQuestions());
          continue;
        }
        boolean repeats = label.activeRules().stream().anyMatch(c -> c.id().equals("combination:repeat_prompt"));
        assertTrue(instruction.startsWith("Please: ") || repeats, "rewritten unless it quotes itself: " + instruction);
        if (!n.path("expert_response").isNull()) {
          experts++;
          assertEquals(3.0, reward.scoreConstraints(RewardTask.of(TaskKind.IFEVAL), instruction,
              n.path("expert_response").asText(), RolloutMode.THINK, label, null).total(), line);
        }
      }
      assertTrue(experts > 0, "some expert responses pass and are kept");
      for (JsonNode body : requests) {
        assertEquals("t1", body.path("model").asText());
        assertEquals(0, body.path("temperature").asInt());
        assertTrue(body.path("seed").isIntegralNumber(), body.toString());
      }
    } finally {
      server.stop(0);
    }
  }

  /** The scripted teacher: rewrites by prefixing, drafts one complex prompt, answers with a witness or a dud. */
  static void answer(HttpExchange ex, List<JsonNode> requests, Map<String, CompositeLabel> labels) throws IOException {
    try (ex) {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      requests.add(body);
      String system = body.path("messages").path(0).path("content").asText();
      String user = body.path("messages").path(1).path("content").asText();
      String content;
      if (system.equals(ReasoningPrompt.SYSTEM_TRIGGER)) {
        CompositeLabel label = labels.get(user.startsWith("Please: ") ? user.substring(8) : user);
        content = label == null || user.length() % 2 == 0 ? "<think>Short.</think><answer>Done.</answer>"
            : "<think>I follow each constraint.</think><answer>" + Witness.build(label.activeRules()).response()
                + "</answer>";
      } else if (user.contains("<instruction>")) {
        content = "Please: " + user.substring(user.indexOf("<instruction>\n") + 14, user.lastIndexOf("\n</instruction>"));
      } else {
        content = "{\"instruction\": \"Answer like a sports commentator.\", \"scoring_questions\": [\"Does the response"
            + " sound like a sports commentator?\", \"Is the task done?\"]}";
      }
      ObjectNode reply = JSON.createObjectNode();
      reply.putArray("choices").addObject().put("index", 0).putObject("message").put("role", "assistant")
          .put("content", content);
      byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static String[] with(String[] common, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(common));
    return all.toArray(String[]::new);
  }
}
