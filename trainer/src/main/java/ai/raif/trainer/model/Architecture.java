package ai.raif.trainer.model;

import java.util.Locale;

/**
 * The decoder families we run. They share one block (RMSNorm, RoPE, grouped-query attention, SwiGLU) and differ only in
 * the switches below, so one {@link CausalLM} serves all of them.
 */
public enum Architecture {
  LLAMA(false, false),
  MISTRAL(false, false),
  /** Qwen2 / Qwen2.5: bias on the q, k and v projections. */
  QWEN2(true, false),
  /** Qwen3: RMSNorm on q and k per head, before RoPE. */
  QWEN3(false, true);

  private final boolean qkvBias;
  private final boolean qkNorm;

  Architecture(boolean qkvBias, boolean qkNorm) {
    this.qkvBias = qkvBias;
    this.qkNorm = qkNorm;
  }

  public boolean qkvBias() { return qkvBias; }

  public boolean qkNorm() { return qkNorm; }

  /** Maps HF {@code model_type} or GGUF {@code general.architecture}; the error lists what we support. */
  public static Architecture parse(String name, String where) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "llama" -> LLAMA;
      case "mistral" -> MISTRAL;
      case "qwen2" -> QWEN2;
      case "qwen3" -> QWEN3;
      default -> throw new IllegalArgumentException(
          where + ": unsupported architecture '" + name + "' (supported: llama, mistral, qwen2, qwen3)");
    };
  }
}
