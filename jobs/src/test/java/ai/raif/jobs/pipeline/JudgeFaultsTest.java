package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.RolloutRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reward stage against a judge server that injects a fault per question (issue 16, item 10): the stage ends
 * within its deadline, every fault is an error row naming it, the good and the recovering questions get verdicts,
 * and a rerun once the server is healthy completes the iteration with nothing lost or duplicated.
 */
@ExtendWith(SharedSpark.class)
class JudgeFaultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Each prompt's one question names the fault the server injects for it while faulty. */
  static final List<String> FAULTS = List.of("healthy", "throttled", "failing", "stalled", "truncated", "garbled");

  final AtomicBoolean faulty = new AtomicBoolean(true);
  final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  @Test
  void everyFaultIsAnErrorRowInTimeAndARerunCompletesTheIteration(SparkSession spark, @TempDir Path dir)
      throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
    try {
      StringBuilder prompts = new StringBuilder();
      for (String fault : FAULTS) {
        prompts.append("{\"prompt_id\": \"").append(fault).append("\", \"source\": \"complex\", \"messages\": [{")
            .append("\"role\": \"user\", \"content\": \"Write a line about rain.\"}], \"constraints\": ")
            .append("{\"scoring_questions\": [\"Is the text ").append(fault).append("?\"]}}\n");
      }
      Path file = Files.writeString(dir.resolve("p.jsonl"), prompts);
      RaifConfig config = ConfigLoader.load(List.of(), List.of("prompts.source=" + file,
          "tables.root=" + dir.resolve("t"), "run.id=faults", "judge.backend=openai", "judge.model=m",
          "judge.url=http://127.0.0.1:" + server.getAddress().getPort(), "judge.timeout_s=2",
          "judge.max_retries=1"));
      PipelineContext ctx = PipelineContext.of(spark, config, 0);
      PromptsStage.run(ctx);
      List<Row> rollouts = new ArrayList<>();
      for (String fault : FAULTS) {
        rollouts.add(RowFactory.create("faults", 0, fault, "think", 0, "complex", 0L, 0L, "<prompt><think>\n",
            "Rain.\n</think>\n<answer>\nSoft rain taps the roof.\n</answer>", SparkValues.seq(List.<Integer>of()),
            SparkValues.seq(List.<Float>of()), SparkValues.seq(List.<Float>of()), 3, 5, "stop", 1L, null));
      }
      ctx.tables().insertMissing(RaifTables.Table.ROLLOUTS, spark.createDataFrame(rollouts, RolloutRows.ROLLOUT));

      PipelineMetrics first = RewardStage.run(ctx);
      // a question gets 2 x timeout_s x (max_retries + 1) = 8 s in all, and all six are asked at once (the rest of
      // the stage is Spark's, whose time depends on the machine's load)
      double judgeSeconds = first.get("judge.asked") / first.get("judge.verdicts_per_s");
      assertTrue(judgeSeconds < 20, "the judge took " + judgeSeconds + " s: " + first);
      assertEquals(4, (long) first.get("errors"), first.toString());
      Map<String, Row> rows = rewards(ctx);
      assertEquals(FAULTS.size(), rows.size());
      for (String ok : List.of("healthy", "throttled")) {
        assertNull(rows.get(ok).getAs("error"), ok);
        assertEquals(1.0, rows.get(ok).<Double>getAs("judge_score"), ok);
      }
      assertTrue(attempts.get("throttled").get() >= 2, "the 429 was retried after its Retry-After");
      for (String bad : List.of("failing", "stalled", "truncated", "garbled")) {
        String error = rows.get(bad).getAs("error");
        assertTrue(error != null && error.startsWith("judge: "), bad + ": " + error);
      }

      faulty.set(false);
      PipelineMetrics second = RewardStage.run(ctx);
      assertEquals(4, (long) second.get("retried"), second.toString());
      assertEquals(0, (long) second.get("errors"), second.toString());
      Map<String, Row> healed = rewards(ctx);
      assertEquals(FAULTS.size(), healed.size(), "one reward row per rollout: none lost or duplicated");
      for (String fault : FAULTS) assertEquals(1.0, healed.get(fault).<Double>getAs("judge_score"), fault);
      assertEquals(FAULTS.size(), ctx.tables().iteration(RaifTables.Table.REWARDS, "faults", 0).count());
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  private static Map<String, Row> rewards(PipelineContext ctx) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ctx.tables().iteration(RaifTables.Table.REWARDS, "faults", 0).collectAsList()) {
      out.put(r.getAs("prompt_id"), r);
    }
    return out;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      String fault = FAULTS.stream().filter(body.toString()::contains).findFirst().orElse("healthy");
      int attempt = attempts.computeIfAbsent(fault, k -> new AtomicInteger()).getAndIncrement();
      if (!faulty.get() || fault.equals("healthy") || fault.equals("throttled") && attempt > 0) {
        send(ex, 200, yes(), -1);
        return;
      }
      switch (fault) {
        case "throttled" -> {
          ex.getResponseHeaders().set("Retry-After", "1");
          send(ex, 429, "{\"error\": {\"message\": \"slow down\"}}", -1);
        }
        case "failing" -> send(ex, 500, "{\"error\": {\"message\": \"internal\"}}", -1);
        case "stalled" -> {
          ex.sendResponseHeaders(200, 0);  // headers now, then a body that never comes
          ex.getResponseBody().write("{\"choices\": [".getBytes(StandardCharsets.UTF_8));
          ex.getResponseBody().flush();
          Thread.sleep(30_000);
        }
        case "truncated" -> send(ex, 200, yes().substring(0, 20), yes().length());
        default -> send(ex, 200, "<html>an error page</html>", -1);
      }
    } catch (InterruptedException | IOException e) {
      // the client hung up, or the server is stopping
    }
  }

  /** Sends {@code body} announcing {@code length} bytes (the body's own length when negative). */
  private static void send(HttpExchange ex, int status, String body, int length) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, length < 0 ? bytes.length : length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A completion whose first token says YES. */
  private static String yes() {
    return "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"YES\"}, "
        + "\"logprobs\": {\"content\": [{\"token\": \"YES\", \"logprob\": -0.01, \"top_logprobs\": ["
        + "{\"token\": \"YES\", \"logprob\": -0.01}, {\"token\": \"NO\", \"logprob\": -5.0}]}]}, "
        + "\"finish_reason\": \"length\"}]}";
  }
}
