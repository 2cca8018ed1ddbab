package ai.raif.rewards.reward;

/**
 * How a rollout was sampled. {@code THINK}: the policy reasons inside {@code <think>…</think>} before answering.
 * {@code DIRECT}: the prompt forces an empty, closed think block, so the policy answers without reasoning
 * (the paper's reasoning-free rollouts used by superior-CoT enforcement).
 */
public enum RolloutMode {
  THINK,
  DIRECT
}
