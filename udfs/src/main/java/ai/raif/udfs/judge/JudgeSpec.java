package ai.raif.udfs.judge;

import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.Verdict;
import ai.raif.udfs.model.ExecutorModels;
import ai.raif.udfs.model.ModelKey;
import ai.raif.udfs.model.ModelLease;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which judge to use, as shipped to executors (the {@code judge.*} config). {@link #open()} gives a task its judge:
 * the local backend leases the judge model from the executor cache; the remote backend shares one client per JVM,
 * so the concurrency limit holds across all task threads of an executor.
 *
 * @param backend {@code local} or {@code openai}
 * @param model local: a model path ({@code default}, GGUF, HF dir); openai: the served model name
 */
public record JudgeSpec(String backend, String model, String url, String apiKeyEnv, int timeoutS, int maxRetries,
    int concurrency, int maxInputTokens) implements Serializable {
  private static final Map<JudgeSpec, OpenAiJudge> REMOTE = new ConcurrentHashMap<>();

  public JudgeSpec {
    if (!backend.equals("local") && !backend.equals("openai")) {
      throw new IllegalArgumentException("judge backend must be local or openai, got " + backend);
    }
  }

  /** The judge's identity in the verdict cache: the same judge on the same text gives the same verdict. */
  public String identity() {
    return backend.equals("local") ? "local:" + model : "openai:" + url + "#" + model;
  }

  /** A judge for one task; close it when the task is done. */
  public Judge open() {
    if (backend.equals("openai")) {
      OpenAiJudge shared = REMOTE.computeIfAbsent(this, s -> new OpenAiJudge(new OpenAiJudgeSettings(url, model,
          apiKeyEnv, Duration.ofSeconds(timeoutS), maxRetries, Duration.ofMillis(500), concurrency,
          maxInputTokens * 4, OpenAiJudgeSettings.deadlineFor(Duration.ofSeconds(timeoutS), maxRetries))));
      return new Judge() {
        @Override public String model() { return shared.model(); }
        @Override public List<Boolean> verdicts(List<JudgeQuestion> questions) { return shared.verdicts(questions); }
        @Override public List<Verdict> outcomes(List<JudgeQuestion> questions) { return shared.outcomes(questions); }
      };
    }
    ModelLease lease = ExecutorModels.shared().acquire(ModelKey.fixed(model));
    try {
      LocalJudge local = new LocalJudge(lease.model(),
          Math.min(maxInputTokens, lease.model().config().maxPositions()), LocalJudge.DEFAULT_BATCH_SIZE);
      return new Judge() {
        @Override public String model() { return local.model(); }
        @Override public List<Boolean> verdicts(List<JudgeQuestion> questions) { return local.verdicts(questions); }
        @Override public void close() { lease.close(); }
      };
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static final Map<JudgeSpec, OpenAiJudge.Stats> REPORTED = new ConcurrentHashMap<>();

  /**
   * This JVM's remote requests, retries and failures not reported yet (zeros for the local backend). Each task
   * takes what accumulated since the last take, so concurrent tasks sharing the client never count twice.
   */
  public OpenAiJudge.Stats takeUnreportedStats() {
    OpenAiJudge j = REMOTE.get(this);
    if (j == null) return new OpenAiJudge.Stats(0, 0, 0, 0);
    synchronized (REPORTED) {
      OpenAiJudge.Stats now = j.stats();
      OpenAiJudge.Stats last = REPORTED.getOrDefault(this, new OpenAiJudge.Stats(0, 0, 0, 0));
      REPORTED.put(this, now);
      return new OpenAiJudge.Stats(now.questions() - last.questions(), now.requests() - last.requests(),
          now.retries() - last.retries(), now.failures() - last.failures());
    }
  }
}
