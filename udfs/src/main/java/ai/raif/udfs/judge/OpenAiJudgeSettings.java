package ai.raif.udfs.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how {@link OpenAiJudge} asks an OpenAI-compatible endpoint (vLLM, SGLang, {@code raif serve}, a hosted
 * API).
 *
 * @param url the server's base URL, e.g. {@code http://127.0.0.1:8000}; a trailing {@code /v1} is accepted
 * @param model the model name sent with every request
 * @param apiKeyEnv the NAME of the environment variable holding the API key, or null for no key; the key itself never
 *     goes into settings, so it cannot end up in logs or configs
 * @param timeout per HTTP attempt: connect, headers and the whole body
 * @param maxRetries further attempts after a timeout, connection error, HTTP 429 or 5xx
 * @param initialBackoff the first retry waits up to this long; each later one up to twice as long (full jitter)
 * @param concurrency requests in flight at once, across all threads using the judge
 * @param maxAnswerChars generated texts longer than this lose their middle ({@code JudgePrompt.truncateMiddle})
 * @param deadline the most one call may take with all its attempts and waits; a judge batch gets this per wave of
 *     {@code concurrency} questions
 */
public record OpenAiJudgeSettings(String url, String model, String apiKeyEnv, Duration timeout, int maxRetries,
                                  Duration initialBackoff, int concurrency, int maxAnswerChars, Duration deadline) {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public OpenAiJudgeSettings {
    if (url == null || url.isBlank()) throw new IllegalArgumentException("judge url is missing");
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("judge url is not a URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("judge url must be http(s)://host[:port][/path], got " + url);
    }
    url = url.strip();
    if (model == null || model.isBlank()) throw new IllegalArgumentException("judge model is missing");
    if (apiKeyEnv != null && apiKeyEnv.isBlank()) apiKeyEnv = null;
    // Deliberately not echoed: a value that is not a variable name may well be the key itself.
    if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
      throw new IllegalArgumentException("judge apiKeyEnv must be the name of an environment variable "
          + "(letters, digits, underscore), not the key itself");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("judge timeout must be positive, got " + timeout);
    }
    if (maxRetries < 0) throw new IllegalArgumentException("judge maxRetries must be >= 0, got " + maxRetries);
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("judge initialBackoff must be >= 0, got " + initialBackoff);
    }
    if (concurrency < 1) throw new IllegalArgumentException("judge concurrency must be >= 1, got " + concurrency);
    if (maxAnswerChars < 1) throw new IllegalArgumentException("judge maxAnswerChars must be >= 1, got " + maxAnswerChars);
    if (deadline == null || deadline.compareTo(timeout) < 0) {
      throw new IllegalArgumentException("judge deadline must be at least the timeout of one attempt, got " + deadline);
    }
  }

  /** The deadline of a call that may use every attempt and wait about as long again between them. */
  public static Duration deadlineFor(Duration timeout, int maxRetries) {
    return timeout.multipliedBy(2L * (maxRetries + 1));
  }

  /**
   * Defaults: no API key, 60 s per attempt, 4 retries from 0.5 s, 8 requests in flight, 24,000 answer chars, a call
   * deadline of 10 minutes.
   */
  public static OpenAiJudgeSettings of(String url, String model) {
    return new OpenAiJudgeSettings(url, model, null, Duration.ofSeconds(60), 4, Duration.ofMillis(500), 8, 24_000,
        deadlineFor(Duration.ofSeconds(60), 4));
  }

  public OpenAiJudgeSettings withApiKeyEnv(String name) {
    return new OpenAiJudgeSettings(url, model, name, timeout, maxRetries, initialBackoff, concurrency, maxAnswerChars,
        deadline);
  }

  /** A new timeout, and the deadline that goes with it ({@link #deadlineFor}): set a deadline of your own after. */
  public OpenAiJudgeSettings withTimeout(Duration t) {
    return new OpenAiJudgeSettings(url, model, apiKeyEnv, t, maxRetries, initialBackoff, concurrency, maxAnswerChars,
        deadlineFor(t, maxRetries));
  }

  /** New retries, and the deadline that goes with them ({@link #deadlineFor}): set a deadline of your own after. */
  public OpenAiJudgeSettings withRetries(int retries, Duration backoff) {
    return new OpenAiJudgeSettings(url, model, apiKeyEnv, timeout, retries, backoff, concurrency, maxAnswerChars,
        deadlineFor(timeout, retries));
  }

  public OpenAiJudgeSettings withConcurrency(int n) {
    return new OpenAiJudgeSettings(url, model, apiKeyEnv, timeout, maxRetries, initialBackoff, n, maxAnswerChars,
        deadline);
  }

  public OpenAiJudgeSettings withMaxAnswerChars(int n) {
    return new OpenAiJudgeSettings(url, model, apiKeyEnv, timeout, maxRetries, initialBackoff, concurrency, n,
        deadline);
  }

  public OpenAiJudgeSettings withDeadline(Duration d) {
    return new OpenAiJudgeSettings(url, model, apiKeyEnv, timeout, maxRetries, initialBackoff, concurrency,
        maxAnswerChars, d);
  }

  /** {@code {url}/v1/chat/completions}, without doubling a {@code /v1} the url already ends with. */
  public URI chatCompletionsUri() {
    String base = url.replaceAll("/+$", "");
    if (!base.endsWith("/v1")) base += "/v1";
    return URI.create(base + "/chat/completions");
  }
}
