package ai.raif.rewards.judge;

import java.util.Collections;
import java.util.List;

/**
 * Answers YES/NO scoring questions about generated text (raif-spec §3.4). Backends: a local model scored by
 * log-likelihood, or an OpenAI-compatible endpoint. Implementations must be safe for concurrent callers.
 */
public interface Judge extends AutoCloseable {
  /** The judge's identity (backend and model), part of the key under which verdicts are cached. */
  String model();

  /**
   * One verdict per question, in order: {@code true} for YES.
   *
   * @throws JudgeException when a verdict cannot be obtained
   */
  List<Boolean> verdicts(List<JudgeQuestion> questions);

  /**
   * One outcome per question, in order, so that a question without a verdict does not take the others down. This
   * default is all or nothing; a judge that asks question by question reports each one.
   */
  default List<Verdict> outcomes(List<JudgeQuestion> questions) {
    try {
      return verdicts(questions).stream().map(Verdict::of).toList();
    } catch (JudgeException e) {
      return Collections.nCopies(questions.size(), Verdict.failed(e));
    }
  }

  @Override
  default void close() {}
}
