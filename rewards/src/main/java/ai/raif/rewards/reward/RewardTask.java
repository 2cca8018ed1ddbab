package ai.raif.rewards.reward;

import java.util.Locale;

/**
 * A prompt's {@code task} tag, routed by prefix as the reference does (raif-spec §2.1): {@code ifeval*} → rules,
 * {@code complex*} → judge, {@code default} or {@code math*} → math verifier. The suffix {@code woFormat} turns the
 * format reward into a constant +1 and scores the whole output as the answer.
 */
public record RewardTask(TaskKind kind, boolean ignoreFormat) {
  private static final String WITHOUT_FORMAT = "woformat";

  public RewardTask {
    if (kind == null) throw new IllegalArgumentException("task kind is missing");
  }

  public static RewardTask of(TaskKind kind) {
    return new RewardTask(kind, false);
  }

  /** The task as a rollout of {@code mode} is scored: a {@link RolloutMode#CHAT} answer carries no format to check. */
  public RewardTask forMode(RolloutMode mode) {
    return mode == RolloutMode.CHAT && !ignoreFormat ? new RewardTask(kind, true) : this;
  }

  /** @throws IllegalArgumentException naming the tag when it matches no known prefix. */
  public static RewardTask parse(String tag) {
    String t = tag == null || tag.isBlank() ? "default" : tag.strip().toLowerCase(Locale.ROOT);
    boolean ignoreFormat = t.endsWith(WITHOUT_FORMAT);
    if (t.startsWith("ifeval")) return new RewardTask(TaskKind.IFEVAL, ignoreFormat);
    if (t.startsWith("complex")) return new RewardTask(TaskKind.COMPLEX, ignoreFormat);
    if (t.equals("default") || t.startsWith("math")) return new RewardTask(TaskKind.MATH, ignoreFormat);
    throw new IllegalArgumentException(
        "task '" + tag + "': unknown task tag (expected ifeval*, complex*, math* or default)");
  }
}
