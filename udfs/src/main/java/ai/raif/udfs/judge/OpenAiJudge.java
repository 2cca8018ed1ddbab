package ai.raif.udfs.judge;

import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.Verdict;
import ai.raif.rewards.judge.VerdictText;
import ai.raif.udfs.http.HttpCalls;
import ai.raif.udfs.http.OpenAiEndpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    List<Verdict> outcomes = outcomes(qs);
    for (Verdict v : outcomes) if (v.failed()) throw new JudgeException(v.error());
    return outcomes.stream().map(Verdict::yes).toList();
  }

  /**
   * Asks every question concurrently; one that fails (a refused request, a reply without a verdict) fails alone. The
   * questions share a deadline of one call's deadline per wave of {@code concurrency} questions; a question still
   * unanswered a timeout later (its own deadline should have ended it) is cancelled and fails with that reason.
   */
  @Override
  public List<Verdict> outcomes(List<JudgeQuestion> qs) {
    if (qs.isEmpty()) return List.of();
    questions.addAndGet(qs.size());
    long waves = (qs.size() + settings.concurrency() - 1) / settings.concurrency();
    Duration batchDeadline = settings.deadline().multipliedBy(waves);
    long deadline = System.nanoTime() + batchDeadline.toNanos();
    long giveUp = deadline + settings.timeout().toNanos();
    Verdict[] out = new Verdict[qs.size()];
    List<Future<?>> futures = new ArrayList<>(qs.size());
    ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(workers);
    for (int i = 0; i < qs.size(); i++) {
      int index = i;
      futures.add(done.submit(() -> {
        out[index] = ask(qs.get(index), index, deadline);
        return null;
      }));
    }
    try {
      for (int i = 0; i < qs.size(); i++) {
        if (done.poll(giveUp - System.nanoTime(), TimeUnit.NANOSECONDS) == null) break;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JudgeException("interrupted while waiting for judge verdicts");
    } finally {
      futures.forEach(f -> f.cancel(true));  // no-op for the finished ones
    }
    List<Verdict> result = new ArrayList<>(qs.size());
    for (int i = 0; i < qs.size(); i++) {
      Verdict v = out[i];
      if (v == null) {
        failures.incrementAndGet();
        v = Verdict.failed("judge question " + i + ": no verdict within the batch deadline of "
            + batchDeadline.toMillis() + " ms");
      }
      result.add(v);
    }
    return result;
  }

  /** One question: request (the endpoint retries while it is worth it), then read the verdict. */
  private Verdict ask(JudgeQuestion q, int index, long deadline) {
    try {
      return Verdict.of(verdict(endpoint.post(requestBody(q), "judge question " + index, deadline), index));
    } catch (HttpCalls.CallException | JudgeException e) {
      failures.incrementAndGet();
      return Verdict.failed(e.getMessage());
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      return Verdict.failed(endpoint.mask("judge question " + index + ": " + e));
    } catch (InterruptedException e) {
      return null;  // cancelled at the batch deadline, which names the reason
    }
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
      throw new JudgeException("judge question " + index + ": the reply is not JSON: " + endpoint.quote(body));
    }
    JsonNode choice = root.path("choices").path(0);
    Optional<Boolean> v = fromTopLogprobs(choice.path("logprobs").path("content").path(0).path("top_logprobs"));
    if (v.isEmpty()) v = VerdictText.parse(choice.path("message").path("content").asText(null));
    if (v.isPresent()) return v.get();
    throw new JudgeException("judge question " + index + ": no YES/NO verdict in the reply "
        + endpoint.quote(choice.path("message").path("content").asText("(no message content)")));
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
