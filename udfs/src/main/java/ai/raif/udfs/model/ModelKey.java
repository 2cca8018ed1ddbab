package ai.raif.udfs.model;

import java.io.Serializable;

/**
 * Which weights a task needs: a model path ({@code default}, a GGUF file or an HF checkpoint directory) and the
 * policy version it holds. Tasks carry this key; executors reload only when the version they hold is older.
 */
public record ModelKey(String path, long policyVersion) implements Serializable {
  public ModelKey {
    if (path == null || path.isBlank()) throw new IllegalArgumentException("model path is missing");
    if (policyVersion < 0) throw new IllegalArgumentException("policy version must be >= 0, got " + policyVersion);
  }
}
