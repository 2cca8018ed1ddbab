package ai.raif.udfs.http;

import ai.raif.udfs.judge.OpenAiJudgeSettings;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The chat-completions URL of an OpenAI-compatible server (vLLM, SGLang, {@code raif serve}, a hosted API), called
 * with retries: timeouts, connection errors, HTTP 429 and 5xx are retried with exponential backoff and full jitter;
 * other 4xx fail at once. A semaphore caps the requests in flight across all callers. The API key is read from the
 * environment variable the settings name, sent only in the {@code Authorization} header, and masked in every message
 * this class writes or throws.
 */
public final class OpenAiEndpoint {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiJudgeSettings settings;
  private final URI uri;
  private final String apiKey;
  private final HttpClient http;
  private final Semaphore inFlight;
  private final BiConsumer<Level, String> log;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /** A call that got no usable reply; its message names the call and the last error, with the key masked. */
  public static final class CallException extends RuntimeException {
    CallException(String message) {
      super(message);
    }
  }

  /**
   * @param env environment lookup, {@code System::getenv} outside tests
   * @throws IllegalArgumentException when the settings name a key variable that is not set
   */
  public OpenAiEndpoint(OpenAiJudgeSettings settings, Function<String, String> env, BiConsumer<Level, String> log) {
    this.settings = settings;
    this.uri = settings.chatCompletionsUri();
    this.log = log;
    if (settings.apiKeyEnv() == null) {
      apiKey = null;
    } else {
      String key = env.apply(settings.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("the API key variable " + settings.apiKeyEnv() + " is not set");
      }
      apiKey = key.strip();
    }
    // HTTP/1.1: the JDK client's default h2c upgrade attempt confuses some servers and gains nothing here.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    this.inFlight = new Semaphore(settings.concurrency());
  }

  public URI uri() { return uri; }

  /** HTTP attempts sent so far. */
  public long requests() { return requests.get(); }

  /** Attempts that were retries of an earlier one. */
  public long retries() { return retries.get(); }

  /**
   * POSTs {@code body} and returns the body of the HTTP 200 reply, retrying while it is worth it.
   *
   * @param what names the call in messages, e.g. "judge question 3"
   * @throws CallException when the server refused the request or every attempt failed
   */
  public String post(ObjectNode body, String what) throws InterruptedException {
    HttpRequest request = request(body);
    String lastError = null;
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        long waitMs = backoffMillis(attempt);
        log.accept(Level.DEBUG, mask(what + ": " + lastError + "; retry " + attempt + "/" + settings.maxRetries()
            + " in " + waitMs + " ms"));
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
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: " + lastError);
      } catch (IOException e) {
        lastError = "connection error (" + e + ")";
        if (attempt < settings.maxRetries()) continue;
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: " + lastError);
      } finally {
        inFlight.release();
      }
      int status = response.statusCode();
      if (status == 200) return response.body();
      lastError = "HTTP " + status + errorDetail(response.body());
      if (status != 429 && status < 500) throw fail(what + ": " + uri + " refused the request: " + lastError);
      if (attempt >= settings.maxRetries()) {
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: " + lastError);
      }
    }
  }

  private CallException fail(String message) {
    CallException e = new CallException(mask(message));
    log.accept(Level.WARNING, e.getMessage());
    return e;
  }

  /** Full jitter: uniform in [0, min(cap, initial * 2^(attempt-1))]. */
  private long backoffMillis(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), initial << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  private HttpRequest request(ObjectNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
    return b.build();
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

  /** One line of at most 200 characters, for messages that quote a reply. */
  public static String clip(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  /** Servers may echo request headers in error bodies; the key must not travel on from there. */
  public String mask(String s) {
    return apiKey == null || s == null ? s : s.replace(apiKey, "***");
  }
}
