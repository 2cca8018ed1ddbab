package ai.raif.trainer.sampling;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a generate call shares its batch rows ("slots") among more requests than slots.
 *
 * <p>{@link Policy#CONTINUOUS}: a slot whose sequence ends takes the next waiting request at once, so every decode
 * step works on live rows. {@link Policy#STATIC}: the next requests enter only when every slot is free, so each batch
 * decodes until its longest row ends; kept as the baseline that benchmarks compare against.
 *
 * <p>{@code maxPrefillTokens} bounds a continuous batch's prefill: the prompts let in at one step, left-padded to the
 * longest, hold at most this many tokens (the first always enters), and the rest wait for the next steps. A prefill's
 * attention grows with prompts × length², so a burst of near-context prompts would otherwise take one huge pass.
 * 0 = no bound.
 */
public record Batching(int slots, Policy policy, int maxPrefillTokens) implements Serializable {
  public enum Policy {
    STATIC, CONTINUOUS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Policy of(String name) {
      for (Policy p : values()) if (p.wireName().equals(name)) return p;
      throw new IllegalArgumentException("unknown batching '" + name + "': expected static or continuous");
    }
  }

  public Batching {
    if (slots < 1) throw new IllegalArgumentException("batch slots must be >= 1, got " + slots);
    if (policy == null) throw new IllegalArgumentException("batching policy is required");
    if (maxPrefillTokens < 0) {
      throw new IllegalArgumentException("max prefill tokens must be >= 0, got " + maxPrefillTokens);
    }
  }

  public Batching(int slots, Policy policy) {
    this(slots, policy, 0);
  }

  public Batching withMaxPrefillTokens(int tokens) {
    return new Batching(slots, policy, tokens);
  }

  public static Batching continuous(int slots) {
    return new Batching(slots, Policy.CONTINUOUS);
  }

  public static Batching of(String policy, int slots) {
    return new Batching(slots, Policy.of(policy));
  }
}
