package ai.raif.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.judge.OpenAiJudge;
import ai.raif.udfs.judge.OpenAiJudgeSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * raif serve on the embedded model, on loopback: shapes, streaming, equality with direct generation, errors, the
 * judge, and its continuous batch.
 */
class OpenAiServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static LanguageModel lm;
  static OpenAiServer server;
  static HttpClient client;

  record Reply(int status, JsonNode body) {}

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    lm = LanguageModel.load("default");
    server = OpenAiServer.start(lm, "smol", new OpenAiServer.Options("127.0.0.1", 0, 4, 8, 16, 64,
        Duration.ofMinutes(5)));
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (lm != null) lm.close();
  }

  static Reply post(String path, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  static Reply post(String path, Map<String, Object> body) throws Exception {
    return post(path, JSON.writeValueAsString(body));
  }

  static Reply get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  static Generation direct(int[] prompt, int maxTokens) {
    return lm.generate(List.of(new Sampler.Request(prompt, 0)), SamplingParams.greedy(maxTokens)).get(0);
  }

  static final List<Map<String, String>> FRANCE = List.of(Map.of("role", "user", "content", "What is the capital of France?"));

  @Test
  void listsTheModel() throws Exception {
    Reply r = get("/v1/models");
    assertEquals(200, r.status());
    assertEquals("list", r.body().path("object").asText());
    assertEquals("smol", r.body().path("data").path(0).path("id").asText());
    assertEquals("model", r.body().path("data").path(0).path("object").asText());
    assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
  }

  @Test
  void greedyChatEqualsDirectGeneration() throws Exception {
    Reply r = post("/v1/chat/completions", Map.of("model", "smol", "messages", FRANCE, "temperature", 0, "max_tokens", 6));
    assertEquals(200, r.status(), r.body().toString());
    int[] prompt = lm.encodeChat(List.of(new ChatMessage("user", "What is the capital of France?")));
    Generation g = direct(prompt, 6);
    JsonNode b = r.body();
    assertTrue(b.path("id").asText().startsWith("chatcmpl-"));
    assertEquals("chat.completion", b.path("object").asText());
    assertEquals("smol", b.path("model").asText());
    assertTrue(b.path("created").asLong() > 1_600_000_000L);
    JsonNode choice = b.path("choices").path(0);
    assertEquals(0, choice.path("index").asInt());
    assertEquals("assistant", choice.path("message").path("role").asText());
    assertEquals(g.text(), choice.path("message").path("content").asText());
    assertEquals(g.finishReason().wireName(), choice.path("finish_reason").asText());
    assertTrue(choice.path("logprobs").isNull());
    assertEquals(prompt.length, b.path("usage").path("prompt_tokens").asInt());
    assertEquals(g.generatedTokens(), b.path("usage").path("completion_tokens").asInt());
    assertEquals(prompt.length + g.generatedTokens(), b.path("usage").path("total_tokens").asInt());
  }

  @Test
  void chatLogprobsHaveTheOpenAiShape() throws Exception {
    Reply r = post("/v1/chat/completions", Map.of("messages", FRANCE, "temperature", 0, "max_tokens", 3,
        "logprobs", true, "top_logprobs", 3, "seed", 7));
    assertEquals(200, r.status(), r.body().toString());
    JsonNode content = r.body().path("choices").path(0).path("logprobs").path("content");
    assertTrue(content.isArray() && content.size() >= 1, content.toString());
    StringBuilder text = new StringBuilder();
    for (JsonNode entry : content) {
      JsonNode top = entry.path("top_logprobs");
      assertEquals(3, top.size());
      // Greedy: the chosen token is the best alternative.
      assertEquals(top.path(0).path("token").asText(), entry.path("token").asText());
      assertEquals(top.path(0).path("logprob").asDouble(), entry.path("logprob").asDouble(), 1e-5);
      assertTrue(entry.path("logprob").asDouble() <= 0);
      assertTrue(top.path(1).path("logprob").asDouble() <= top.path(0).path("logprob").asDouble());
      assertTrue(entry.path("bytes").isArray() && !entry.path("bytes").isEmpty());
      text.append(entry.path("token").asText());
    }
    assertEquals(r.body().path("choices").path(0).path("message").path("content").asText(), text.toString());
  }

  @Test
  void completionsForAListOfPrompts() throws Exception {
    List<String> prompts = List.of("The capital of France is", "1, 2, 3,");
    Reply r = post("/v1/completions", Map.of("prompt", prompts, "max_tokens", 4, "temperature", 0, "logprobs", 2));
    assertEquals(200, r.status(), r.body().toString());
    assertEquals("text_completion", r.body().path("object").asText());
    assertTrue(r.body().path("id").asText().startsWith("cmpl-"));
    JsonNode choices = r.body().path("choices");
    assertEquals(2, choices.size());
    int promptTokens = 0;
    int completionTokens = 0;
    for (int i = 0; i < 2; i++) {
      int[] ids = lm.encodeRaw(prompts.get(i));
      Generation g = direct(ids, 4);
      JsonNode c = choices.path(i);
      assertEquals(i, c.path("index").asInt());
      assertEquals(g.text(), c.path("text").asText());
      JsonNode lp = c.path("logprobs");
      assertEquals(g.generatedTokens(), lp.path("tokens").size(), "no stop token within 4 tokens here");
      assertEquals(lp.path("tokens").size(), lp.path("token_logprobs").size());
      assertEquals(lp.path("tokens").size(), lp.path("top_logprobs").size());
      assertEquals(2, lp.path("top_logprobs").path(0).size());
      assertEquals(0, lp.path("text_offset").path(0).asInt());
      assertEquals(lp.path("tokens").path(0).asText().length(), lp.path("text_offset").path(1).asInt());
      promptTokens += ids.length;
      completionTokens += g.generatedTokens();
    }
    assertEquals(promptTokens, r.body().path("usage").path("prompt_tokens").asInt());
    assertEquals(completionTokens, r.body().path("usage").path("completion_tokens").asInt());
  }

  @Test
  void stopStringsCutTheText() throws Exception {
    String prompt = "1, 2, 3, 4,";
    String free = direct(lm.encodeRaw(prompt), 6).text();
    int at = free.indexOf(',', 1);
    assumeTrue(at > 0, "the model did not continue the list: " + free);
    Reply r = post("/v1/completions", Map.of("prompt", prompt, "max_tokens", 6, "temperature", 0, "stop", List.of(",", "\n\n")));
    assertEquals(200, r.status(), r.body().toString());
    assertEquals(free.substring(0, free.indexOf(',')), r.body().path("choices").path(0).path("text").asText());
    assertEquals("stop", r.body().path("choices").path(0).path("finish_reason").asText());
    Reply single = post("/v1/completions", Map.of("prompt", prompt, "max_tokens", 6, "temperature", 0, "stop", ","));
    assertEquals(r.body().path("choices").path(0).path("text"), single.body().path("choices").path(0).path("text"));
  }

  @Test
  void concurrentRequestsGetTheirOwnAnswers() throws Exception {
    List<String> prompts = List.of("The capital of France is", "Water is made of", "The capital of France is");
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (String p : prompts) {
      replies.add(CompletableFuture.supplyAsync(() -> {
        try {
          return post("/v1/completions", Map.of("prompt", p, "max_tokens", 3, "temperature", 0));
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }));
    }
    for (int i = 0; i < prompts.size(); i++) {
      Reply r = replies.get(i).get();
      assertEquals(200, r.status(), r.body().toString());
      assertEquals(direct(lm.encodeRaw(prompts.get(i)), 3).text(), r.body().path("choices").path(0).path("text").asText());
    }
  }

  /** A streamed reply's server-sent events as JSON, after checking the stream's shape and its closing [DONE]. */
  static List<JsonNode> events(String path, Map<String, Object> body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), r.headers().toString());
    String[] blocks = r.body().split("\n\n");
    assertEquals("data: [DONE]", blocks[blocks.length - 1]);
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < blocks.length - 1; i++) {
      assertTrue(blocks[i].startsWith("data: "), blocks[i]);
      out.add(JSON.readTree(blocks[i].substring("data: ".length())));
    }
    return out;
  }

  static Map<String, Object> streamed(Map<String, Object> body) {
    Map<String, Object> s = new HashMap<>(body);
    s.put("stream", true);
    s.put("stream_options", Map.of("include_usage", true));
    return s;
  }

  @Test
  void streamedChatArrivesInPiecesThatAddUpToTheAnswer() throws Exception {
    Map<String, Object> ask = Map.of("messages", FRANCE, "temperature", 0, "max_tokens", 12);
    JsonNode whole = post("/v1/chat/completions", ask).body();
    List<JsonNode> events = events("/v1/chat/completions", streamed(ask));
    JsonNode first = events.get(0).path("choices").path(0);
    assertEquals("assistant", first.path("delta").path("role").asText());
    StringBuilder text = new StringBuilder();
    String finish = null;
    int pieces = 0;
    for (JsonNode e : events) {
      assertEquals("chat.completion.chunk", e.path("object").asText());
      assertEquals(events.get(0).path("id"), e.path("id"));
      JsonNode c = e.path("choices").path(0);
      if (c.isMissingNode()) continue;
      String piece = c.path("delta").path("content").asText("");
      if (!piece.isEmpty()) pieces++;
      text.append(piece);
      if (!c.path("finish_reason").isNull()) finish = c.path("finish_reason").asText();
    }
    JsonNode answer = whole.path("choices").path(0);
    assertEquals(answer.path("message").path("content").asText(), text.toString());
    assertEquals(answer.path("finish_reason").asText(), finish);
    assertTrue(pieces >= 3, "the answer came in " + pieces + " pieces: " + events);
    JsonNode usage = events.get(events.size() - 1);
    assertEquals(0, usage.path("choices").size());
    assertEquals(whole.path("usage"), usage.path("usage"));
  }

  @Test
  void streamedCompletionsOfSeveralPromptsWithAStopStringMatchTheWholeReply() throws Exception {
    Map<String, Object> ask = Map.of("prompt", List.of("1, 2, 3, 4,", "The capital of France is"), "max_tokens", 10,
        "temperature", 0, "stop", List.of(", 7", "\n\n"));
    JsonNode whole = post("/v1/completions", ask).body();
    StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
    String[] finish = new String[2];
    for (JsonNode e : events("/v1/completions", streamed(ask))) {
      assertEquals("text_completion", e.path("object").asText());
      for (JsonNode c : e.path("choices")) {
        texts[c.path("index").asInt()].append(c.path("text").asText());
        if (!c.path("finish_reason").isNull()) finish[c.path("index").asInt()] = c.path("finish_reason").asText();
      }
    }
    for (int i = 0; i < 2; i++) {
      JsonNode answer = whole.path("choices").path(i);
      assertEquals(answer.path("text").asText(), texts[i].toString(), "prompt " + i);
      assertEquals(answer.path("finish_reason").asText(), finish[i], "prompt " + i);
    }
  }

  static void assertError(Reply r, int status, String param, String messagePart) {
    assertEquals(status, r.status(), r.body().toString());
    JsonNode e = r.body().path("error");
    assertTrue(e.path("message").asText().contains(messagePart), e.toString());
    assertEquals(status == 404 || status == 405 || status == 400 ? "invalid_request_error" : "server_error",
        e.path("type").asText());
    if (param == null) assertTrue(e.path("param").isNull(), e.toString());
    else assertEquals(param, e.path("param").asText());
  }

  @Test
  void badRequestsGetOpenAiStyleErrorsNamingTheField() throws Exception {
    assertError(post("/v1/chat/completions", "{not json"), 400, null, "not valid JSON");
    assertError(post("/v1/chat/completions", "[1, 2]"), 400, null, "JSON object");
    assertError(post("/v1/chat/completions", Map.of("model", "smol")), 400, "messages", "required");
    assertError(post("/v1/chat/completions", Map.of("messages", List.of())), 400, "messages", "non-empty");
    assertError(post("/v1/chat/completions", Map.of("messages", List.of(Map.of("content", "hi")))), 400,
        "messages[0].role", "role");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "n", 2)), 400, "n", "n = 1");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "temperature", "hot")), 400, "temperature",
        "number");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "temperature", 3)), 400, "temperature", "[0");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "top_logprobs", 2)), 400, "top_logprobs",
        "requires logprobs");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "logprobs", true, "top_logprobs", 21)), 400,
        "top_logprobs", "[0, 20]");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "stream", true, "logprobs", true)), 400,
        "logprobs", "not supported with stream");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "stream_options", Map.of())), 400,
        "stream_options", "only allowed with stream");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "stop", 5)), 400, "stop", "string");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "max_tokens", 0)), 400, "max_tokens", ">= 1");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "max_tokens", 10_000_000)), 400, "max_tokens",
        "maximum context length");
    assertError(post("/v1/completions", Map.of("max_tokens", 2)), 400, "prompt", "required");
    assertError(post("/v1/completions", Map.of("prompt", List.of(1, 2, 3))), 400, "prompt", "token-id");
    assertError(post("/v1/completions", Map.of("prompt", "x", "logprobs", true)), 400, "logprobs", "integer");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "stop", List.of("a", "b", "c", "d", "e"))),
        400, "stop", "at most 4 stop strings");
    assertError(post("/v1/chat/completions", Map.of("messages", FRANCE, "stop", "x".repeat(257))), 400, "stop",
        "at most 256 characters");
    // the test server holds 8 rows and queues 64 more: a request of 73 prompts could never be served
    assertError(post("/v1/completions", Map.of("prompt", java.util.Collections.nCopies(73, "x"))), 400, "prompt",
        "at most 72 prompts per request");
    assertError(post("/v1/nothing", "{}"), 404, null, "Unknown endpoint");
    assertError(get("/v1/chat/completions"), 405, null, "takes POST");
  }

  @Test
  void openAiJudgeGetsVerdictsFromTheServer() {
    OpenAiJudgeSettings s = OpenAiJudgeSettings.of(server.url(), "smol").withTimeout(Duration.ofSeconds(120));
    List<JudgeQuestion> qs = List.of(
        new JudgeQuestion("What is the capital of France?", "Paris.", "Does the text name Paris?"),
        new JudgeQuestion("Write one sentence about the sea.", "Mountains are tall.", "Is the text about the sea?"));
    try (OpenAiJudge judge = new OpenAiJudge(s, name -> null)) {
      List<Boolean> verdicts = judge.verdicts(qs);
      assertEquals(2, verdicts.size());
      assertEquals(2, judge.stats().requests());
      assertEquals(0, judge.stats().failures());
    }
  }

  /** Queues {@code prompt}; each decode step stores its token count in {@code soFar} and counts down {@code steps}. */
  static CompletableFuture<Generation> submitWatching(GenerationQueue q, int[] prompt, long seed, SamplingParams params,
      AtomicInteger soFar, CountDownLatch steps) {
    return q.submit(prompt, seed, params, ids -> {
      soFar.set(ids.length);
      steps.countDown();
    });
  }

  /** The generation thread alone: a request joins the running batch and gets what it would get alone. */
  @Test
  void aLaterShortRequestJoinsTheRunningBatchAndEndsFirst() throws Exception {
    SamplingParams sampled = new SamplingParams(1.0, 1.0, 0, 48, null, null);
    int[] longPrompt = lm.encodeRaw("Once upon a time, in a small village by the sea,");
    int[] shortPrompt = lm.encodeRaw("The capital of France is");
    try (GenerationQueue q = new GenerationQueue(lm, 4, 16)) {
      CountDownLatch running = new CountDownLatch(3);
      AtomicInteger longSoFar = new AtomicInteger();
      CompletableFuture<Generation> longer = submitWatching(q, longPrompt, 11, sampled, longSoFar, running);
      assertTrue(running.await(60, TimeUnit.SECONDS), "the first request never started decoding");
      AtomicInteger longAtShortEnd = new AtomicInteger(-1);
      CompletableFuture<Generation> shorter = q.submit(shortPrompt, 12, sampled.withMaxNewTokens(3))
          .whenComplete((g, e) -> longAtShortEnd.set(longSoFar.get()));
      Generation s = shorter.get(60, TimeUnit.SECONDS);
      Generation l = longer.get(120, TimeUnit.SECONDS);
      assumeTrue(l.generatedTokens() > 12, "the long answer ended early: " + l.text());
      assertTrue(longAtShortEnd.get() >= 3 && longAtShortEnd.get() < l.generatedTokens() - 1,
          "the short request ended when the long one had " + longAtShortEnd.get() + " of " + l.generatedTokens()
              + " tokens: it should have joined the running batch, not waited for it");
      assertArrayEquals(lm.generate(List.of(new Sampler.Request(shortPrompt, 12)), sampled.withMaxNewTokens(3)).get(0)
          .tokenIds(), s.tokenIds());
      assertArrayEquals(lm.generate(List.of(new Sampler.Request(longPrompt, 11)), sampled).get(0).tokenIds(),
          l.tokenIds());
    }
  }

  /** A cancelled request (its client went away) leaves its row at the next step, and a full queue refuses at once. */
  @Test
  void aCancelledRequestFreesItsRowAndAFullQueueRefuses() throws Exception {
    SamplingParams sampled = new SamplingParams(1.0, 1.0, 0, 200, null, null);
    int[] prompt = lm.encodeRaw("Once upon a time, in a small village by the sea,");
    try (GenerationQueue q = new GenerationQueue(lm, 1, 1)) {
      CountDownLatch decoding = new CountDownLatch(2);
      AtomicInteger first = new AtomicInteger();
      CompletableFuture<Generation> a = submitWatching(q, prompt, 1, sampled, first, decoding);
      assertTrue(decoding.await(60, TimeUnit.SECONDS), "the first request never started decoding");
      CompletableFuture<Generation> b = q.submit(prompt, 2, sampled.withMaxNewTokens(4));
      assertEquals(2, q.outstanding(), "one in the only row, one waiting");
      GenerationQueue.Full full = org.junit.jupiter.api.Assertions.assertThrows(GenerationQueue.Full.class,
          () -> q.submit(prompt, 3, sampled));
      assertTrue(full.getMessage().contains("--max-queued"), full.getMessage());

      a.cancel(false);
      Generation g = b.get(60, TimeUnit.SECONDS);  // would wait for all 200 tokens of a if its row stayed taken
      int atCancel = first.get();
      assertTrue(atCancel < 200 - 4, "the cancelled request kept its row to the end: " + atCancel + " tokens");
      assertArrayEquals(lm.generate(List.of(new Sampler.Request(prompt, 2)), sampled.withMaxNewTokens(4)).get(0)
          .tokenIds(), g.tokenIds());
      assertEquals(0, q.outstanding());
      assertEquals(atCancel, first.get(), "a cancelled request hears no more tokens");
    }
  }

  @Test
  void aRequestPastItsDeadlineIsCancelledWith503() throws Exception {
    try (OpenAiServer slow = OpenAiServer.start(lm, "smol", new OpenAiServer.Options("127.0.0.1", 0, 2, 1, 16, 4,
        Duration.ofMillis(1)))) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(slow.url() + "/v1/completions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
              Map.of("model", "smol", "prompt", "Once upon a time", "max_tokens", 200, "temperature", 1.0)))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, r.statusCode(), r.body());
      assertTrue(JSON.readTree(r.body()).at("/error/message").asText().contains("deadline"), r.body());
    }
  }

  /** An Error out of a batch kills the generation thread: /health and requests answer 503, and the owner hears it. */
  @Test
  void aDeadGenerationThreadTurnsHealthInto503AndTellsTheOwner() throws Exception {
    CompletableFuture<Throwable> fatal = new CompletableFuture<>();
    try (OpenAiServer dying = OpenAiServer.start(lm, "smol", new OpenAiServer.Options("127.0.0.1", 0, 2, 2, 16, 4,
        Duration.ofMinutes(1)), fatal::complete)) {
      assertEquals(200, send(dying, "/health", null).statusCode());
      CompletableFuture<Generation> doomed = dying.queue().submit(lm.encodeRaw("Once upon a time"), 0,
          SamplingParams.greedy(8), ids -> {
            throw new OutOfMemoryError("injected");
          });
      assertEquals("injected", fatal.get(60, TimeUnit.SECONDS).getMessage());
      assertTrue(doomed.isCompletedExceptionally());
      HttpResponse<String> health = send(dying, "/health", null);
      assertEquals(503, health.statusCode(), health.body());
      assertTrue(health.body().contains("generation thread died") && health.body().contains("injected"), health.body());
      HttpResponse<String> refused = send(dying, "/v1/completions", JSON.writeValueAsString(Map.of("model", "smol",
          "prompt", "Once upon a time", "max_tokens", 4)));
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("must be restarted"), refused.body());
    }
  }

  static HttpResponse<String> send(OpenAiServer to, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.url() + path));
    b = body == null ? b.GET() : b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
