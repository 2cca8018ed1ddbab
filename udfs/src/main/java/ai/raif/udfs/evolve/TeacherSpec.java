package ai.raif.udfs.evolve;

import ai.raif.rewards.evolve.Teacher;
import ai.raif.udfs.judge.OpenAiJudgeSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * The {@code evolve.teacher_*} config as shipped to executors; {@link #open()} connects a task to it. Calls of one
 * task run one after another, so the requests in flight are at most the number of partitions.
 */
public record TeacherSpec(String url, String model, String apiKeyEnv, int timeoutS, int maxRetries, int maxTokens)
    implements Serializable {
  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  /** Answers are not truncated for a teacher; the settings field is the judge's. */
  private static final int UNUSED_ANSWER_CHARS = 1;

  /** @throws IllegalArgumentException when the URL is malformed or the named key variable is not set */
  public Teacher open() {
    OpenAiJudgeSettings settings = new OpenAiJudgeSettings(url, model, apiKeyEnv, Duration.ofSeconds(timeoutS),
        maxRetries, INITIAL_BACKOFF, 1, UNUSED_ANSWER_CHARS,
        OpenAiJudgeSettings.deadlineFor(Duration.ofSeconds(timeoutS), maxRetries));
    return new OpenAiTeacher(settings, maxTokens, System::getenv);
  }
}
