package ai.raif.udfs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * JSON over HTTP with the deadlines and retries every RAIF client of a remote service needs (the OpenAI-compatible
 * judge and teacher, {@link OpenAiEndpoint}; the MLflow tracker): timeouts, connection errors, HTTP 429 and 5xx are
 * retried with exponential backoff and full jitter, or after the server's {@code Retry-After}; other 4xx fail at once.
 * Each attempt has a deadline on the whole exchange, body included, and each call one on all its attempts and waits.
 * Replies are read up to {@link #MAX_REPLY_BYTES}. A semaphore caps the requests in flight across all callers. A bearer
 * token is sent only in the {@code Authorization} header and masked in every message this class writes or throws.
 */
public final class HttpCalls {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  /** The largest reply read: the replies of these APIs are kilobytes; more is a misbehaving server, not an answer. */
  public static final int MAX_REPLY_BYTES = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param timeout per HTTP attempt: connect, headers and the whole body
   * @param maxRetries further attempts after a timeout, connection error, HTTP 429 or 5xx
   * @param initialBackoff the first retry waits up to this long; each later one up to twice as long (full jitter)
   * @param concurrency requests in flight at once, across all threads using these calls
   */
  public record Policy(Duration timeout, int maxRetries, Duration initialBackoff, int concurrency) {}

  /** A call that got no usable reply; its message names the call and the last error, with the token masked. */
  public static final class CallException extends RuntimeException {
    private final int status;

    CallException(String message, int status) {
      super(message);
      this.status = status;
    }

    /** The HTTP status of the last reply, or -1 when there was none (timeout, connection error). */
    public int status() {
      return status;
    }
  }

  private final Policy policy;
  private final String token;
  private final HttpClient http;
  private final Semaphore inFlight;
  private final BiConsumer<Level, String> log;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /**
   * @param token sent as {@code Authorization: Bearer <token>}; null for none
   * @param log where retries (DEBUG) and failed calls (WARNING) are reported
   */
  public HttpCalls(Policy policy, String token, BiConsumer<Level, String> log) {
    this.policy = policy;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.log = log;
    // HTTP/1.1: the JDK client's default h2c upgrade attempt confuses some servers and gains nothing here.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(policy.timeout()).build();
    this.inFlight = new Semaphore(policy.concurrency());
  }

  /** Loopback by name, without a DNS lookup: {@code localhost}, 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT).replaceAll("^\\[|\\]$", "");
    return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Whether a token sent to {@code uri} would cross the network in clear text. */
  public boolean tokenInClear(URI uri) {
    return token != null && uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost());
  }

  /** HTTP attempts sent so far. */
  public long requests() { return requests.get(); }

  /** Attempts that were retries of an earlier one. */
  public long retries() { return retries.get(); }

  /** POSTs the JSON {@code body} to {@code uri} and returns the body of the HTTP 200 reply; see {@link #call}. */
  public String post(URI uri, String body, String what, long deadlineNanos) throws InterruptedException {
    return call(builder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), what, deadlineNanos);
  }

  /** GETs {@code uri} and returns the body of the HTTP 200 reply; see {@link #call}. */
  public String get(URI uri, String what, long deadlineNanos) throws InterruptedException {
    return call(builder(uri).GET().build(), what, deadlineNanos);
  }

  /**
   * Sends {@code request}, retrying while it is worth it and {@code deadlineNanos} ({@link System#nanoTime()})
   * allows: no attempt or wait runs past it.
   *
   * @param what names the call in messages, e.g. "judge question 3"
   * @throws CallException when the server refused the request or every attempt failed
   */
  private String call(HttpRequest request, String what, long deadlineNanos) throws InterruptedException {
    URI uri = request.uri();
    String lastError = null;
    int lastStatus = -1;
    long waitMs = 0;
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        waitMs = Math.max(waitMs, backoffMillis(attempt));
        if (System.nanoTime() + waitMs * 1_000_000 - deadlineNanos >= 0) {
          throw fail(what + ": " + uri + " gave no reply before its deadline after " + attempt
              + " attempt(s); last error: " + lastError, lastStatus);
        }
        retries.incrementAndGet();
        log.accept(Level.DEBUG, mask(what + ": " + lastError + "; retry " + attempt + "/" + policy.maxRetries()
            + " in " + waitMs + " ms"));
        Thread.sleep(waitMs);
      }
      HttpResponse<String> response;
      inFlight.acquire();
      // counted from here: the wait for a slot took none of the server's time, but it did take the deadline's
      long attemptMs = Math.max(1, Math.min(policy.timeout().toMillis(),
          (deadlineNanos - System.nanoTime()) / 1_000_000));
      try {
        requests.incrementAndGet();
        response = send(request, attemptMs);
      } catch (ReplyTooLarge e) {
        throw fail(what + ": " + uri + " sent a reply of more than " + MAX_REPLY_BYTES + " bytes", -1);
      } catch (TimeoutException | IOException e) {
        // an HttpTimeoutException is an IOException too, but a timeout, not a connection error
        lastError = e instanceof TimeoutException || e instanceof HttpTimeoutException
            ? "no complete reply within " + attemptMs + " ms" : "connection error (" + e + ")";
        lastStatus = -1;
        waitMs = 0;
        if (attempt < policy.maxRetries()) continue;
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: "
            + lastError, -1);
      } finally {
        inFlight.release();
      }
      int status = response.statusCode();
      if (status == 200) return response.body();
      lastError = "HTTP " + status + errorDetail(response.body());
      lastStatus = status;
      if (status != 429 && status < 500) throw fail(what + ": " + uri + " refused the request: " + lastError, status);
      if (attempt >= policy.maxRetries()) {
        throw fail(what + ": " + uri + " gave no reply after " + (attempt + 1) + " attempt(s); last error: "
            + lastError, status);
      }
      waitMs = retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
    }
  }

  private HttpRequest.Builder builder(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(policy.timeout());
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
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

  private CallException fail(String message, int status) {
    CallException e = new CallException(mask(message), status);
    log.accept(Level.WARNING, e.getMessage());
    return e;
  }

  /** Full jitter: uniform in [0, min(cap, initial * 2^(attempt-1))]. */
  private long backoffMillis(int attempt) {
    long initial = policy.initialBackoff().toMillis();
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), initial << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /**
   * The server's own error message when it sent one (OpenAI: {@code {"error": {"message"}}}; MLflow:
   * {@code {"error_code", "message"}}), else the start of the body.
   */
  private String errorDetail(String body) {
    if (body == null || body.isBlank()) return "";
    try {
      JsonNode reply = JSON.readTree(body);
      JsonNode msg = reply.path("error").path("message");
      if (msg.isTextual()) return ": " + quote(msg.asText());
      if (reply.path("message").isTextual()) {
        String code = reply.path("error_code").asText("");
        return ": " + quote((code.isEmpty() ? "" : code + ": ") + reply.path("message").asText());
      }
    } catch (JsonProcessingException e) {
      // not JSON: show the text itself
    }
    return ": " + quote(body);
  }

  /** A reply quoted in a message: the token masked first, then clipped, so no cut can leave part of the token. */
  public String quote(String reply) {
    return clip(mask(reply));
  }

  /** One line of at most 200 characters, for messages that quote a reply. */
  public static String clip(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  /** Servers may echo request headers in error bodies; the token must not travel on from there. */
  public String mask(String s) {
    return token == null || s == null ? s : s.replace(token, "***");
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
}
