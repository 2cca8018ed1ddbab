package ai.raif.udfs.judge;

import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.VerdictText;
import ai.raif.udfs.http.OpenAiEndpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * <p>Requests of one call run concurrently; the {@link OpenAiEndpoint} retries them, caps the requests in flight
 * across all callers and keeps the API key out of every message.
 */
public final class OpenAiJudge implements Judge {
  /** Output tokens asked for: enough to read "YES(是)" from the text when there are no log-probs. */
  static final int MAX_TOKENS = 4;
  static final int TOP_LOGPROBS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiJudgeSettings settings;
  private final OpenAiEndpoint endpoint;
  private final ExecutorService workers;
  private final AtomicLong questions = new AtomicLong();
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
    this.endpoint = new OpenAiEndpoint(settings, env, log);
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
    return new Stats(questions.get(), endpoint.requests(), endpoint.retries(), failures.get());
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
      throw new JudgeException(endpoint.mask("judge call failed: " + e.getCause()), null);
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new JudgeException("interrupted while waiting for judge verdicts");
    } catch (CancellationException e) {
      throw new JudgeException("judge call cancelled");
    }
    return List.of(out);
  }

  /** One question: request (the endpoint retries while it is worth it), then read the verdict. */
  private boolean ask(JudgeQuestion q, int index) throws InterruptedException {
    String reply;
    try {
      reply = endpoint.post(requestBody(q), "judge question " + index);
    } catch (OpenAiEndpoint.CallException e) {
      failures.incrementAndGet();
      throw new JudgeException(e.getMessage());
    }
    return verdict(reply, index);
  }

  private ObjectNode requestBody(JudgeQuestion q) {
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
    return body;
  }

  /** YES/NO from the first token's top log-probs, else from the reply's text. */
  private boolean verdict(String body, int index) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      failures.incrementAndGet();
      throw new JudgeException(endpoint.mask("judge question " + index + ": the reply is not JSON: "
          + OpenAiEndpoint.clip(body)));
    }
    JsonNode choice = root.path("choices").path(0);
    Optional<Boolean> v = fromTopLogprobs(choice.path("logprobs").path("content").path(0).path("top_logprobs"));
    if (v.isEmpty()) v = VerdictText.parse(choice.path("message").path("content").asText(null));
    if (v.isPresent()) return v.get();
    failures.incrementAndGet();
    throw new JudgeException(endpoint.mask("judge question " + index + ": no YES/NO verdict in the reply "
        + OpenAiEndpoint.clip(choice.path("message").path("content").asText("(no message content)"))));
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

  @Override
  public void close() {
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiJudge[" + endpoint.uri() + ", model=" + settings.model()
        + (settings.apiKeyEnv() == null ? "" : ", key from $" + settings.apiKeyEnv()) + "]";
  }
}
