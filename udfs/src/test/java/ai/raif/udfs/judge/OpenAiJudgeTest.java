package ai.raif.udfs.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.Verdict;
import ai.raif.udfs.http.HttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenAiJudge against a scripted in-test server on loopback: verdicts, retries, fail-fast, the key kept secret. */
class OpenAiJudgeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "sk-test-3f9a1c77e2b04d55";
  static final Map<String, String> ENV = Map.of("RAIF_TEST_JUDGE_KEY", KEY);

  /** What the scripted server does with attempt number {@code n} (0-based, across all requests) for a body. */
  interface Script {
    Reply reply(int n, JsonNode body) throws Exception;
  }

  record Reply(int status, String body, long delayMs, Map<String, String> headers) {
    Reply(int status, String body, long delayMs) {
      this(status, body, delayMs, Map.of());
    }
  }

  HttpServer server;
  ExecutorService serverThreads;
  final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger attempts = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final List<String> logs = Collections.synchronizedList(new ArrayList<>());
  final BiConsumer<Level, String> capture = (level, msg) -> logs.add(level + " " + msg);

  String start(Script script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/v1/chat/completions", ex -> handle(ex, script));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void handle(HttpExchange ex, Script script) throws IOException {
    try (ex) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
        JsonNode body = JSON.readTree(ex.getRequestBody());
        bodies.add(body);
        Reply r = script.reply(attempts.getAndIncrement(), body);
        if (r.delayMs() > 0) Thread.sleep(r.delayMs());
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        r.headers().forEach(ex.getResponseHeaders()::set);
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        // the client gave up (timeout): nothing to answer
      } catch (Exception e) {
        throw new IOException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
    if (serverThreads != null) serverThreads.shutdownNow();
  }

  /** A chat completion whose first token's alternatives favour YES when the question mentions "sea". */
  static Reply verdictReply(JsonNode body) {
    boolean yes = body.path("messages").path(1).path("content").asText().contains("sea");
    return new Reply(200, completion(yes ? "YES(是)" : "NO(否)", yes ? -0.1 : -2.5, yes ? -2.5 : -0.2), 0);
  }

  static String completion(String content, double yesLogprob, double noLogprob) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    var top = choice.putObject("logprobs").putArray("content").addObject().put("token", content.substring(0, 1))
        .put("logprob", Math.max(yesLogprob, noLogprob)).putArray("top_logprobs");
    top.addObject().put("token", " The").put("logprob", -1.0);
    top.addObject().put("token", "YES").put("logprob", yesLogprob);
    top.addObject().put("token", "Yes").put("logprob", yesLogprob - 1);
    top.addObject().put("token", "NO").put("logprob", noLogprob);
    choice.put("finish_reason", "length");
    return root.toString();
  }

  static OpenAiJudgeSettings settings(String url) {
    return OpenAiJudgeSettings.of(url, "judge-model").withApiKeyEnv("RAIF_TEST_JUDGE_KEY")
        .withTimeout(Duration.ofSeconds(5)).withRetries(3, Duration.ofMillis(10)).withConcurrency(4);
  }

  static final List<JudgeQuestion> QUESTIONS = List.of(
      new JudgeQuestion("Write about the sea.", "The sea is grey.", "Is the text about the sea?"),
      new JudgeQuestion("Write about a city.", "Paris is busy.", "Does the text mention a mountain?"),
      new JudgeQuestion("Write about the sea.", "Waves roll in.", "Does the text describe the sea?"));

  void assertKeyNowhere(OpenAiJudge judge, Throwable... errors) {
    assertFalse(judge.toString().contains(KEY), judge.toString());
    assertFalse(judge.settings().toString().contains(KEY));
    for (String line : logs) assertFalse(line.contains(KEY), line);
    for (Throwable e : errors) {
      for (Throwable t = e; t != null; t = t.getCause()) assertFalse(String.valueOf(t.getMessage()).contains(KEY), t.toString());
    }
  }

  @Test
  void serverErrorsAreRetriedAndVerdictsArrive() throws Exception {
    String url = start((n, body) -> n < 2 ? new Reply(500, "{\"error\":{\"message\":\"overloaded\"}}", 0) : verdictReply(body));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url), ENV::get, capture)) {
      assertEquals(List.of(true, false, true), judge.verdicts(QUESTIONS));
      OpenAiJudge.Stats s = judge.stats();
      assertEquals(2, s.retries());
      assertEquals(5, s.requests());
      assertEquals(0, s.failures());
      assertEquals(3, s.questions());
      assertEquals(5, authHeaders.size());
      for (String h : authHeaders) assertEquals("Bearer " + KEY, h, "the key travels in the header");
      assertTrue(logs.stream().anyMatch(l -> l.contains("HTTP 500: overloaded") && l.contains("retry 1/3")), logs.toString());
      assertKeyNowhere(judge);
    }
  }

  @Test
  void aTimedOutAttemptIsRetried() throws Exception {
    String url = start((n, body) -> {
      Reply r = verdictReply(body);
      return n == 0 ? new Reply(r.status(), r.body(), 2_000) : r;
    });
    OpenAiJudgeSettings s = settings(url).withTimeout(Duration.ofMillis(400));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      long t0 = System.nanoTime();
      assertEquals(List.of(true), judge.verdicts(QUESTIONS.subList(0, 1)));
      assertTrue(System.nanoTime() - t0 < 1_900_000_000L, "did not wait for the slow reply");
      assertEquals(1, judge.stats().retries());
      assertEquals(2, judge.stats().requests());
      assertTrue(logs.stream().anyMatch(l -> l.contains("no complete reply within 400 ms")), logs.toString());
    }
  }

  @Test
  void aBadRequestFailsFastWithTheServersMessage() throws Exception {
    // The error body echoes the key, as a careless proxy might: it must not travel on.
    String url = start((n, body) -> new Reply(400,
        "{\"error\":{\"message\":\"The model `judge-model` does not exist (auth Bearer " + KEY + ")\",\"type\":\"invalid_request_error\"}}", 0));
    OpenAiJudgeSettings s = settings(url).withRetries(5, Duration.ofSeconds(2));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      long t0 = System.nanoTime();
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS.subList(1, 2)));
      assertTrue(System.nanoTime() - t0 < 1_500_000_000L, "no backoff for a 400");
      assertTrue(e.getMessage().contains("question 0"), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
      assertTrue(e.getMessage().contains("***"), e.getMessage());
      assertEquals(1, judge.stats().requests());
      assertEquals(0, judge.stats().retries());
      assertEquals(1, judge.stats().failures());
      assertKeyNowhere(judge, e);
    }
  }

  @Test
  void exhaustedRetriesNameTheQuestionAndTheLastError() throws Exception {
    String url = start((n, body) -> new Reply(503, "upstream unavailable", 0));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url).withRetries(2, Duration.ofMillis(5)), ENV::get, capture)) {
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS.subList(0, 1)));
      assertTrue(e.getMessage().contains("after 3 attempt(s)") && e.getMessage().contains("HTTP 503: upstream unavailable"),
          e.getMessage());
      assertEquals(2, judge.stats().retries());
      assertEquals(1, judge.stats().failures());
      assertKeyNowhere(judge, e);
    }
  }

  @Test
  void unreachableServerIsRetriedThenFails() {
    OpenAiJudgeSettings s = settings("http://127.0.0.1:1").withRetries(1, Duration.ofMillis(5));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS.subList(0, 1)));
      assertTrue(e.getMessage().contains("connection error"), e.getMessage());
      assertEquals(1, judge.stats().retries());
    }
  }

  @Test
  void withoutLogprobsTheTextDecidesAndNonsenseFails() throws Exception {
    String url = start((n, body) -> {
      String question = body.path("messages").path(1).path("content").asText();
      String content = question.contains("sea") ? "**NO(否)**" : "Let me think about it";
      return new Reply(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
          + "\"},\"finish_reason\":\"length\"}]}", 0);
    });
    try (OpenAiJudge judge = new OpenAiJudge(settings(url), ENV::get, capture)) {
      assertEquals(List.of(false), judge.verdicts(QUESTIONS.subList(0, 1)));
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS));
      assertTrue(e.getMessage().contains("question 1") && e.getMessage().contains("Let me think about it"), e.getMessage());
    }
  }

  @Test
  void requestsCarryTheJudgeConversationAndRespectTheConcurrencyLimit() throws Exception {
    String url = start((n, body) -> {
      Reply r = verdictReply(body);
      return new Reply(r.status(), r.body(), 150);
    });
    String longAnswer = "a".repeat(600) + "MIDDLE" + "z".repeat(600);
    List<JudgeQuestion> qs = new ArrayList<>();
    for (int i = 0; i < 6; i++) qs.add(new JudgeQuestion("Write about the sea.", i == 0 ? longAnswer : "Waves " + i, "About the sea?"));
    OpenAiJudgeSettings s = settings(url).withConcurrency(2).withMaxAnswerChars(100);
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      assertEquals(Collections.nCopies(6, true), judge.verdicts(qs));
      assertEquals(2, maxInFlight.get(), "requests ran concurrently, two at a time");
    }
    JsonNode first = bodies.stream().filter(b -> b.path("messages").path(1).path("content").asText().contains("aaaa"))
        .findFirst().orElseThrow();
    assertEquals("judge-model", first.path("model").asText());
    assertEquals(JudgePrompt.SYSTEM, first.path("messages").path(0).path("content").asText());
    assertEquals("system", first.path("messages").path(0).path("role").asText());
    assertEquals(JudgePrompt.user("Write about the sea.", JudgePrompt.truncateMiddle(longAnswer, 100), "About the sea?"),
        first.path("messages").path(1).path("content").asText());
    assertEquals(OpenAiJudge.MAX_TOKENS, first.path("max_tokens").asInt());
    assertEquals(0, first.path("temperature").asDouble());
    assertTrue(first.path("logprobs").asBoolean());
    assertEquals(OpenAiJudge.TOP_LOGPROBS, first.path("top_logprobs").asInt());
  }

  @Test
  void theKeyComesFromTheNamedVariableOnly() {
    OpenAiJudgeSettings s = OpenAiJudgeSettings.of("http://127.0.0.1:9/v1/", "m").withApiKeyEnv("MISSING_KEY_VAR");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new OpenAiJudge(s, ENV::get));
    assertTrue(missing.getMessage().contains("MISSING_KEY_VAR"), missing.getMessage());
    // Someone pastes the key where its variable's name belongs: rejected without repeating it.
    IllegalArgumentException pasted = assertThrows(IllegalArgumentException.class,
        () -> OpenAiJudgeSettings.of("http://127.0.0.1:9", "m").withApiKeyEnv(KEY));
    assertFalse(pasted.getMessage().contains(KEY), pasted.getMessage());
    assertEquals("http://127.0.0.1:9/v1/chat/completions", s.chatCompletionsUri().toString());
    assertEquals("http://h:1/x/v1/chat/completions",
        OpenAiJudgeSettings.of("http://h:1/x", "m").chatCompletionsUri().toString());
    try (OpenAiJudge judge = new OpenAiJudge(settings("http://127.0.0.1:9"), ENV::get)) {
      assertEquals("openai:judge-model", judge.model());
      assertTrue(judge.toString().contains("RAIF_TEST_JUDGE_KEY"), judge.toString());
      assertFalse(judge.toString().contains(KEY));
    }
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("ftp://h", "m"));
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("http://h", " "));
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("http://h", "m").withConcurrency(0));
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("http://h", "m").withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("http://h", "m").withRetries(-1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeSettings.of("http://h", "m").withMaxAnswerChars(0));
  }

  @Test
  void oneBadReplyFailsOnlyItsOwnQuestion() throws Exception {
    String url = start((n, body) -> body.path("messages").path(1).path("content").asText().contains("city")
        ? new Reply(200, "<html>gateway says hello " + KEY + "</html>", 0) : verdictReply(body));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url), ENV::get, capture)) {
      List<Verdict> outcomes = judge.outcomes(QUESTIONS);
      assertEquals(Verdict.of(true), outcomes.get(0));
      assertEquals(Verdict.of(true), outcomes.get(2));
      assertTrue(outcomes.get(1).failed() && outcomes.get(1).error().contains("question 1: the reply is not JSON"),
          outcomes.toString());
      assertEquals(1, judge.stats().failures());
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS));
      assertKeyNowhere(judge, e);
      assertFalse(outcomes.get(1).error().contains(KEY), outcomes.get(1).error());
    }
  }

  @Test
  void theKeyIsMaskedBeforeAQuotedReplyIsClipped() throws Exception {
    // the key straddles the 200-character clip: masking after clipping would let its first characters through
    String url = start((n, body) -> new Reply(401, "{\"error\":{\"message\":\"" + "x".repeat(190) + " " + KEY
        + " is not valid\"}}", 0));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url), ENV::get, capture)) {
      JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(QUESTIONS.subList(0, 1)));
      assertFalse(e.getMessage().contains(KEY.substring(0, 6)), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      for (String line : logs) assertFalse(line.contains(KEY.substring(0, 6)), line);
    }
  }

  @Test
  void aServerThatStallsAfterItsHeadersIsCutAtTheAttemptDeadline() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/v1/chat/completions", ex -> {
      attempts.incrementAndGet();
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, 1000);
      ex.getResponseBody().write("{\"choices\"".getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      try {
        Thread.sleep(5_000);  // headers and the first bytes sent, then nothing
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    OpenAiJudgeSettings s = settings(url).withTimeout(Duration.ofMillis(400)).withRetries(1, Duration.ofMillis(5));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      long t0 = System.nanoTime();
      List<Verdict> outcomes = judge.outcomes(QUESTIONS.subList(0, 1));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 2_500, "two attempts of 400 ms, not the server's 5 s stall: " + ms + " ms");
      assertTrue(outcomes.get(0).error().contains("no complete reply within 400 ms"), outcomes.toString());
      assertEquals(2, attempts.get());
    }
  }

  @Test
  void aReplyOverTheSizeLimitFailsWithoutARetry() throws Exception {
    String huge = "{\"choices\":[],\"pad\":\"" + "x".repeat(HttpCalls.MAX_REPLY_BYTES) + "\"}";
    String url = start((n, body) -> new Reply(200, huge, 0));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url), ENV::get, capture)) {
      List<Verdict> outcomes = judge.outcomes(QUESTIONS.subList(0, 1));
      assertTrue(outcomes.get(0).error().contains("a reply of more than " + HttpCalls.MAX_REPLY_BYTES + " bytes"),
          outcomes.toString());
      assertEquals(1, judge.stats().requests());
    }
  }

  @Test
  void retryAfterIsHonouredWithinTheCallsDeadline() throws Exception {
    String url = start((n, body) -> n == 0 ? new Reply(429, "slow down", 0, Map.of("Retry-After", "1"))
        : verdictReply(body));
    try (OpenAiJudge judge = new OpenAiJudge(settings(url).withRetries(3, Duration.ofMillis(1)), ENV::get, capture)) {
      long t0 = System.nanoTime();
      assertEquals(List.of(true), judge.verdicts(QUESTIONS.subList(0, 1)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1_000, "waited the second the server asked for, not the 1 ms backoff: " + ms + " ms");
      assertTrue(logs.stream().anyMatch(l -> l.contains("HTTP 429") && l.contains("in 1000 ms")), logs.toString());
    }
    stop();
    attempts.set(0);
    logs.clear();
    // a wait past the call's deadline is not waited: the call fails at once and says why
    String busy = start((n, body) -> new Reply(503, "busy", 0, Map.of("Retry-After", "30")));
    OpenAiJudgeSettings s = settings(busy).withRetries(3, Duration.ofMillis(1)).withDeadline(Duration.ofSeconds(5));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      long t0 = System.nanoTime();
      List<Verdict> outcomes = judge.outcomes(QUESTIONS.subList(0, 1));
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "no 30 s sleep");
      assertTrue(outcomes.get(0).error().contains("no reply before its deadline")
          && outcomes.get(0).error().contains("HTTP 503: busy"), outcomes.toString());
      assertEquals(1, attempts.get());
    }
  }

  @Test
  void aCallThatKeepsTimingOutEndsAtItsDeadline() throws Exception {
    String url = start((n, body) -> new Reply(200, verdictReply(body).body(), 3_000));
    OpenAiJudgeSettings s = settings(url).withTimeout(Duration.ofMillis(300)).withRetries(20, Duration.ofMillis(1))
        .withDeadline(Duration.ofMillis(1_000));
    try (OpenAiJudge judge = new OpenAiJudge(s, ENV::get, capture)) {
      long t0 = System.nanoTime();
      List<Verdict> outcomes = judge.outcomes(QUESTIONS.subList(0, 1));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 2_000, "21 attempts of 300 ms were allowed, the 1 s deadline ended them: " + ms + " ms");
      assertTrue(outcomes.get(0).failed(), outcomes.toString());
      assertTrue(attempts.get() <= 5, attempts.get() + " attempts");
    }
  }

  @Test
  void retryAfterReadsSecondsOrADateAndIsCapped() {
    java.time.Instant now = java.time.Instant.parse("2026-12-07T10:00:00Z");
    assertEquals(2_000, HttpCalls.retryAfterMillis("2", now));
    assertEquals(5_000, HttpCalls.retryAfterMillis("Mon, 07 Dec 2026 10:00:05 GMT", now));
    assertEquals(60_000, HttpCalls.retryAfterMillis("3600", now));
    assertEquals(0, HttpCalls.retryAfterMillis("Mon, 07 Dec 2026 09:00:00 GMT", now));
    assertEquals(0, HttpCalls.retryAfterMillis("soon", now));
    assertEquals(0, HttpCalls.retryAfterMillis(null, now));
  }

  @Test
  void aKeyGoingOverPlainHttpToAnotherHostIsWarnedAbout() {
    try (OpenAiJudge remote = new OpenAiJudge(settings("http://judge.example.com:8000"), ENV::get, capture)) {
      assertTrue(logs.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("judge.example.com")
          && l.contains("plain http") && l.contains("$RAIF_TEST_JUDGE_KEY")), logs.toString());
    }
    logs.clear();
    try (OpenAiJudge local = new OpenAiJudge(settings("http://127.0.0.1:8000"), ENV::get, capture);
        OpenAiJudge tls = new OpenAiJudge(settings("https://judge.example.com"), ENV::get, capture);
        OpenAiJudge keyless = new OpenAiJudge(OpenAiJudgeSettings.of("http://judge.example.com", "m"), ENV::get,
            capture)) {
      assertEquals(List.of(), logs);
    }
    assertTrue(HttpCalls.isLoopback("[::1]") && HttpCalls.isLoopback("localhost")
        && HttpCalls.isLoopback("127.0.0.2")
        && !HttpCalls.isLoopback("127.example.com"));
  }

  @Test
  void topLogprobsCompareTheBestYesWithTheBestNo() throws Exception {
    JsonNode top = JSON.readTree("[{\"token\":\"No\",\"logprob\":-0.9},{\"token\":\" YES\",\"logprob\":-1.2},"
        + "{\"token\":\"是\",\"logprob\":-0.5},{\"token\":\"Maybe\",\"logprob\":-0.1}]");
    assertEquals(java.util.Optional.of(true), OpenAiJudge.fromTopLogprobs(top));
    assertEquals(java.util.Optional.of(false), OpenAiJudge.fromTopLogprobs(JSON.readTree("[{\"token\":\"NO\",\"logprob\":-3}]")));
    assertEquals(java.util.Optional.empty(), OpenAiJudge.fromTopLogprobs(JSON.readTree("[{\"token\":\"The\",\"logprob\":-0.1}]")));
    assertEquals(java.util.Optional.empty(), OpenAiJudge.fromTopLogprobs(JSON.missingNode()));
  }
}
