package ai.raif.rewards.evolve;

/**
 * The LLM that optional LLM-assisted evolution asks (any OpenAI-compatible chat endpoint: {@code raif serve}, vLLM,
 * a hosted API). Implementations do the I/O; what to ask and how to read the replies is {@link TeacherPrompts}.
 */
public interface Teacher {
  /**
   * The assistant's reply to one system + user turn, sampled with {@code seed} where the endpoint supports it.
   *
   * @throws TeacherException when no reply could be had (after the implementation's retries)
   */
  String chat(String system, String user, long seed);

  /** A teacher call that failed; the message must never carry credentials. */
  final class TeacherException extends RuntimeException {
    public TeacherException(String message) {
      super(message);
    }
  }
}
