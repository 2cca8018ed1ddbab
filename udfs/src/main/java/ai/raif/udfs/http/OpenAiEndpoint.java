package ai.raif.udfs.http;

import ai.raif.udfs.judge.OpenAiJudgeSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  /** The largest reply read: a chat completion is kilobytes; more is a misbehaving server, not an answer. */
  public static final int MAX_REPLY_BYTES = 4 << 20;
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
    if (apiKey != null && uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
      log.accept(Level.WARNING, "the API key from $" + settings.apiKeyEnv() + " goes to " + uri.getHost()
          + " over plain http: anyone on the path can read it; use https");
    }
  }

  /** Loopback by name, without a DNS lookup: {@code localhost}, 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT).replaceAll("^\\[|\\]$", "");
    return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  public URI uri() { return uri; }

  /** HTTP attempts sent so far. */
  public long requests() { return requests.get(); }

  /** Attempts that were retries of an earlier one. */
  public long retries() { return retries.get(); }

  /**
   * POSTs {@code body} and returns the body of the HTTP 200 reply, retrying while it is worth it and the call's
   * deadline ({@link OpenAiJudgeSettings#deadline}) allows.
   *
   * @param what names the call in messages, e.g. "judge question 3"
   * @throws CallException when the server refused the request or every attempt failed
   */
  public String post(ObjectNode body, String what) throws InterruptedException {
    return post(body, what, System.nanoTime() + settings.deadline().toNanos());
  }

  /**
   * As {@link #post(ObjectNode, String)}, by {@code deadlineNanos} ({@link System#nanoTime()}): no attempt or wait
   * runs past it.
   */
  public String post(ObjectNode body, String what, long deadlineNanos) throws InterruptedException {
    HttpRequest request = request(body);
    String lastError = null;
    long waitMs = 0;
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        waitMs = Math.max(waitMs, backoffMillis(attempt));
        if (System.nanoTime() + waitMs * 1_000_000 - deadlineNanos >= 0) {
          throw fail(what + ": " + uri + " gave no reply before its deadline after " + attempt
              + " attempt(s); last error: " + lastError);
        }
        retries.incrementAndGet();
        log.accept(Level.DEBUG, mask(what + ": " + lastError + "; retry " + attempt + "/" + settings.maxRetries()
            + " in " + waitMs + " ms"));
        Thread.sleep(waitMs);
      }
      HttpResponse<String> response;
      inFlight.acquire();
      // counted from here: the wait for a slot took none of the server's time, but it did take the deadline's
      long attemptMs = Math.max(1, Math.min(settings.timeout().toMillis(),
          (deadlineNanos - System.nanoTime()) / 1_000_000));
      try {
        requests.incrementAndGet();
        response = send(request, attemptMs);
      } catch (ReplyTooLarge e) {
        throw fail(what + ": " + uri + " sent a reply of more than " + MAX_REPLY_BYTES + " bytes");
      } catch (TimeoutException | HttpTimeoutException e) {
        lastError = "no complete reply within " + attemptMs + " ms";
        waitMs = 0;
        if (attempt < settings.maxRetries()) continue;
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: " + lastError);
      } catch (IOException e) {
        lastError = "connection error (" + e + ")";
        waitMs = 0;
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
      waitMs = retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
    }
  }

  /**
   * One attempt with a deadline on the whole exchange: {@link HttpRequest#timeout} stops counting once the headers
   * arrive, so a server that then stalls would hold the call for ever.
   */
  private HttpResponse<String> send(HttpRequest request, long timeoutMs)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<String>> reply = http.sendAsync(request, info -> new LimitedBody(MAX_REPLY_BYTES));
    try {
      return reply.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ReplyTooLarge tooLarge) throw tooLarge;
        if (t instanceof HttpTimeoutException timeout) throw timeout;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      reply.cancel(true);  // a no-op once done; otherwise it aborts the exchange (JDK 16+)
    }
  }

  /**
   * The wait a 429 or 503 asks for in its {@code Retry-After} header (seconds or an HTTP date), at most
   * {@link #MAX_BACKOFF}; 0 when there is none or it cannot be read.
   */
  public static long retryAfterMillis(String header, Instant now) {
    if (header == null || header.isBlank()) return 0;
    long ms;
    try {
      ms = Long.parseLong(header.strip()) * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        ms = Duration.between(now, ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis();
      } catch (DateTimeParseException e) {
        return 0;
      }
    }
    return Math.max(0, Math.min(ms, MAX_BACKOFF.toMillis()));
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
  private String errorDetail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode msg = JSON.readTree(body).path("error").path("message");
      if (msg.isTextual()) return ": " + quote(msg.asText());
    } catch (JsonProcessingException e) {
      // not JSON: show the text itself
    }
    return ": " + quote(body);
  }

  /** A reply quoted in a message: the key masked first, then clipped, so no cut can leave part of the key. */
  public String quote(String reply) {
    return clip(mask(reply));
  }

  /** One line of at most 200 characters, for messages that quote a reply. */
  public static String clip(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  /** Collects a reply body of at most {@code max} bytes; a longer one fails the attempt instead of filling the heap. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {
    private final int max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(int max) {
      this.max = max;
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (body.isDone()) return;
        if (bytes.size() + b.remaining() > max) {
          subscription.cancel();
          body.completeExceptionally(new ReplyTooLarge());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toString(StandardCharsets.UTF_8));
    }
  }

  private static final class ReplyTooLarge extends IOException {
    ReplyTooLarge() {
      super("reply too large");
    }
  }

  /** Servers may echo request headers in error bodies; the key must not travel on from there. */
  public String mask(String s) {
    return apiKey == null || s == null ? s : s.replace(apiKey, "***");
  }
}
