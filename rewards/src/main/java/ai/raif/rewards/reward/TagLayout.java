package ai.raif.rewards.reward;

/**
 * Which tags a response must carry (raif-spec §2.4, §3.2). {@code THINK_ANSWER} (Qwen, Llama 3, Mistral, base
 * templates): {@code <think>…</think><answer>…</answer>}. {@code THINK_ONLY} (DeepSeek-R1 distilled templates):
 * {@code <think>…</think>} followed by the answer as plain text.
 */
public enum TagLayout {
  THINK_ANSWER,
  THINK_ONLY
}
