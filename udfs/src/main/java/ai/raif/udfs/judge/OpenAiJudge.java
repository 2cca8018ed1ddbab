package ai.raif.udfs.judge;

import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.VerdictText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A judge behind an OpenAI-compatible chat-completions endpoint. Each question is one request with the two judge
 * messages, {@code temperature 0}, a few output tokens and the top log-probs of each.
 *
 * <p>The verdict comes from the first generated token's alternatives: the best log-prob of a token that starts a YES
 * against the best of one that starts a NO, the closest an endpoint without prompt scoring gets to the reference's
 * likelihood comparison. When the endpoint returns no log-probs, or neither verdict is among them, the reply's text is
 * read ({@link VerdictText}); when that fails too the call fails naming the question.
 *
 * <p>Requests of one call run concurrently; a semaphore caps the requests in flight across all callers. Timeouts,
 * connection errors, HTTP 429 and 5xx are retried with exponential backoff and full jitter; other 4xx fail at once.
 * The API key is read from the environment variable the settings name and is sent only in the
 * {@code Authorization} header: it is masked in every message this class writes.
 */
public final class OpenAiJudge implements Judge {
  /** Output tokens asked for: enough to read "YES(是)" from the text when there are no log-probs. */
  static final int MAX_TOKENS = 4;
  static final int TOP_LOGPROBS = 5;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiJudgeSettings settings;
  private final URI endpoint;
  private final String apiKey;
  private final HttpClient http;
  private final ExecutorService workers;
  private final Semaphore inFlight;
  private final BiConsumer<Level, String> log;
  private final AtomicLong questions = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  /** Counters for the job summary: questions asked, HTTP attempts sent, retries among them, questions that failed. */
  public record Stats(long questions, long requests, long retries, long failures) {}

  public OpenAiJudge(OpenAiJudgeSettings settings) {
    this(settings, System::getenv);
  }

  /** @param env environment lookup, {@code System::getenv} outside tests */
  public OpenAiJudge(OpenAiJudgeSettings settings, Function<String, String> env) {
    this(settings, env, systemLogger());
  }

  OpenAiJudge(OpenAiJudgeSettings settings, Function<String, String> env, BiConsumer<Level, String> log) {
    this.settings = settings;
    this.endpoint = settings.chatCompletionsUri();
    this.log = log;
    if (settings.apiKeyEnv() == null) {
      apiKey = null;
    } else {
      String key = env.apply(settings.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("the judge API key variable " + settings.apiKeyEnv() + " is not set");
      }
      apiKey = key.strip();
    }
    // HTTP/1.1: the JDK client's default h2c upgrade attempt confuses some servers and gains nothing here.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    this.inFlight = new Semaphore(settings.concurrency());
    AtomicInteger threadNo = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "openai-judge-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static BiConsumer<Level, String> systemLogger() {
    System.Logger logger = System.getLogger(OpenAiJudge.class.getName());
    return logger::log;
  }

  @Override
  public String model() { return "openai:" + settings.model(); }

  public OpenAiJudgeSettings settings() { return settings; }

  public Stats stats() {
    return new Stats(questions.get(), requests.get(), retries.get(), failures.get());
  }

  @Override
  public List<Boolean> verdicts(List<JudgeQuestion> qs) {
    if (qs.isEmpty()) return List.of();
    questions.addAndGet(qs.size());
    ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(workers);
    Boolean[] out = new Boolean[qs.size()];
    List<Future<Void>> futures = new ArrayList<>(qs.size());
    for (int i = 0; i < qs.size(); i++) {
      int index = i;
      futures.add(done.submit(() -> {
        out[index] = ask(qs.get(index), index);
        return null;
      }));
    }
    try {
      for (int i = 0; i < qs.size(); i++) done.take().get();
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof JudgeException je) throw je;
      throw new JudgeException(mask("judge call failed: " + e.getCause()), null);
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new JudgeException("interrupted while waiting for judge verdicts");
    } catch (CancellationException e) {
      throw new JudgeException("judge call cancelled");
    }
    return List.of(out);
  }

  /** One question: request, retry while it is worth it, read the verdict. */
  private boolean ask(JudgeQuestion q, int index) throws InterruptedException {
    HttpRequest request = request(q);
    String lastError = null;
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        long waitMs = backoffMillis(attempt);
        log.accept(Level.DEBUG, mask("judge question " + index + ": " + lastError + "; retry " + attempt + "/"
            + settings.maxRetries() + " in " + waitMs + " ms"));
        Thread.sleep(waitMs);
      }
      HttpResponse<String> response;
      inFlight.acquire();
      try {
        requests.incrementAndGet();
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpTimeoutException e) {
        lastError = "no reply within " + settings.timeout().toMillis() + " ms";
        if (attempt < settings.maxRetries()) continue;
        throw fail(index, attempt, lastError);
      } catch (IOException e) {
        lastError = "connection error (" + e + ")";
        if (attempt < settings.maxRetries()) continue;
        throw fail(index, attempt, lastError);
      } finally {
        inFlight.release();
      }
      int status = response.statusCode();
      if (status == 200) return verdict(response.body(), index);
      lastError = "HTTP " + status + errorDetail(response.body());
      boolean retryable = status == 429 || status >= 500;
      if (!retryable) {
        failures.incrementAndGet();
        JudgeException e = new JudgeException(mask("judge question " + index + ": " + endpoint + " refused the request: "
            + lastError));
        log.accept(Level.WARNING, e.getMessage());
        throw e;
      }
      if (attempt >= settings.maxRetries()) throw fail(index, attempt, lastError);
    }
  }

  private JudgeException fail(int index, int attempt, String lastError) {
    failures.incrementAndGet();
    JudgeException e = new JudgeException(mask("judge question " + index + ": " + endpoint + " gave no verdict after "
        + (attempt + 1) + " attempt(s); last error: " + lastError));
    log.accept(Level.WARNING, e.getMessage());
    return e;
  }

  /** Full jitter: uniform in [0, min(cap, initial * 2^(attempt-1))]. */
  private long backoffMillis(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), initial << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  HttpRequest request(JudgeQuestion q) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", settings.model());
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", JudgePrompt.SYSTEM);
    String answer = JudgePrompt.truncateMiddle(q.answer(), settings.maxAnswerChars());
    messages.addObject().put("role", "user").put("content", JudgePrompt.user(q.instruction(), answer, q.question()));
    body.put("max_tokens", MAX_TOKENS);
    body.put("temperature", 0);
    body.put("logprobs", true);
    body.put("top_logprobs", TOP_LOGPROBS);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
    return b.build();
  }

  /** YES/NO from the first token's top log-probs, else from the reply's text. */
  private boolean verdict(String body, int index) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      failures.incrementAndGet();
      throw new JudgeException(mask("judge question " + index + ": the reply is not JSON: " + clip(body)));
    }
    JsonNode choice = root.path("choices").path(0);
    Optional<Boolean> v = fromTopLogprobs(choice.path("logprobs").path("content").path(0).path("top_logprobs"));
    if (v.isEmpty()) v = VerdictText.parse(choice.path("message").path("content").asText(null));
    if (v.isPresent()) return v.get();
    failures.incrementAndGet();
    throw new JudgeException(mask("judge question " + index + ": no YES/NO verdict in the reply "
        + clip(choice.path("message").path("content").asText("(no message content)"))));
  }

  static Optional<Boolean> fromTopLogprobs(JsonNode top) {
    double bestYes = Double.NEGATIVE_INFINITY;
    double bestNo = Double.NEGATIVE_INFINITY;
    for (JsonNode alt : top) {
      Optional<Boolean> v = VerdictText.tokenVerdict(alt.path("token").asText(null));
      if (v.isEmpty() || !alt.path("logprob").isNumber()) continue;
      double lp = alt.path("logprob").asDouble();
      if (v.get()) bestYes = Math.max(bestYes, lp);
      else bestNo = Math.max(bestNo, lp);
    }
    if (bestYes == Double.NEGATIVE_INFINITY && bestNo == Double.NEGATIVE_INFINITY) return Optional.empty();
    return Optional.of(bestYes > bestNo);
  }

  /** The server's own error message when it sent an OpenAI-style error body, else the start of the body. */
  private static String errorDetail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode msg = JSON.readTree(body).path("error").path("message");
      if (msg.isTextual()) return ": " + clip(msg.asText());
    } catch (JsonProcessingException e) {
      // not JSON: show the text itself
    }
    return ": " + clip(body);
  }

  private static String clip(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  /** Servers may echo request headers in error bodies; the key must not travel on from there. */
  private String mask(String s) {
    return apiKey == null || s == null ? s : s.replace(apiKey, "***");
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiJudge[" + endpoint + ", model=" + settings.model()
        + (settings.apiKeyEnv() == null ? "" : ", key from $" + settings.apiKeyEnv()) + "]";
  }
}
