package ai.raif.udfs.http;

import ai.raif.udfs.judge.OpenAiJudgeSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The chat-completions URL of an OpenAI-compatible server (vLLM, SGLang, {@code raif serve}, a hosted API), called
 * through {@link HttpCalls}: its retries, deadlines, reply bound and concurrency cap. The API key is read from the
 * environment variable the settings name, sent only in the {@code Authorization} header, and masked in every message
 * this class writes or throws.
 */
public final class OpenAiEndpoint {
  private final OpenAiJudgeSettings settings;
  private final URI uri;
  private final HttpCalls calls;

  /**
   * @param env environment lookup, {@code System::getenv} outside tests
   * @throws IllegalArgumentException when the settings name a key variable that is not set
   */
  public OpenAiEndpoint(OpenAiJudgeSettings settings, Function<String, String> env, BiConsumer<Level, String> log) {
    this.settings = settings;
    this.uri = settings.chatCompletionsUri();
    String apiKey = null;
    if (settings.apiKeyEnv() != null) {
      apiKey = env.apply(settings.apiKeyEnv());
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException("the API key variable " + settings.apiKeyEnv() + " is not set");
      }
    }
    this.calls = new HttpCalls(new HttpCalls.Policy(settings.timeout(), settings.maxRetries(),
        settings.initialBackoff(), settings.concurrency()), apiKey, log);
    if (calls.tokenInClear(uri)) {
      log.accept(Level.WARNING, "the API key from $" + settings.apiKeyEnv() + " goes to " + uri.getHost()
          + " over plain http: anyone on the path can read it; use https");
    }
  }

  public URI uri() { return uri; }

  /** HTTP attempts sent so far. */
  public long requests() { return calls.requests(); }

  /** Attempts that were retries of an earlier one. */
  public long retries() { return calls.retries(); }

  /**
   * POSTs {@code body} and returns the body of the HTTP 200 reply, retrying while it is worth it and the call's
   * deadline ({@link OpenAiJudgeSettings#deadline}) allows.
   *
   * @param what names the call in messages, e.g. "judge question 3"
   * @throws HttpCalls.CallException when the server refused the request or every attempt failed
   */
  public String post(ObjectNode body, String what) throws InterruptedException {
    return post(body, what, System.nanoTime() + settings.deadline().toNanos());
  }

  /**
   * As {@link #post(ObjectNode, String)}, by {@code deadlineNanos} ({@link System#nanoTime()}): no attempt or wait
   * runs past it.
   */
  public String post(ObjectNode body, String what, long deadlineNanos) throws InterruptedException {
    return calls.post(uri, body.toString(), what, deadlineNanos);
  }

  /** A reply quoted in a message: the key masked first, then clipped, so no cut can leave part of the key. */
  public String quote(String reply) {
    return calls.quote(reply);
  }

  /** Servers may echo request headers in error bodies; the key must not travel on from there. */
  public String mask(String s) {
    return calls.mask(s);
  }
}
