package ai.raif.rewards.reward;

/**
 * How a rollout was sampled. {@code THINK}: the policy reasons inside {@code <think>…</think>} before answering.
 * {@code DIRECT}: the prompt forces an empty, closed think block, so the policy answers without reasoning
 * (the paper's reasoning-free rollouts used by superior-CoT enforcement). {@code CHAT}: the model's own chat template,
 * no RAIF system prompt and no think block, the whole output being the answer (the paper's I/O baseline; in training,
 * a source of verified answers for behaviour cloning, never of policy-gradient samples).
 */
public enum RolloutMode {
  THINK,
  DIRECT,
  CHAT;

  /** The mode's name in tables and configs: {@code think}, {@code direct} or {@code chat}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static RolloutMode of(String name) {
    for (RolloutMode m : values()) if (m.wireName().equals(name)) return m;
    throw new IllegalArgumentException("mode '" + name + "': expected think, direct or chat");
  }

  /**
   * Modes from a comma list ({@code chat,think}), in the list's order; {@code all} = chat, direct, think.
   *
   * @throws IllegalArgumentException for an empty list or an unknown mode
   */
  public static java.util.List<RolloutMode> listOf(String list) {
    if (list == null || list.isBlank()) throw new IllegalArgumentException("no modes given");
    if (list.strip().equals("all")) return java.util.List.of(CHAT, DIRECT, THINK);
    return java.util.Arrays.stream(list.split(",")).map(String::strip).map(RolloutMode::of).distinct().toList();
  }
}
