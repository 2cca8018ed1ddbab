package ai.raif.udfs.model;

import java.io.Serializable;

/**
 * Which weights a task needs: the slot they fill on an executor, a model path ({@code default}, a GGUF file or an HF
 * checkpoint directory) and the policy version it holds. An executor holds one model per slot: a task with a newer
 * version than the slot's replaces it (each policy version is its own checkpoint directory, so the path changes too).
 *
 * @param slot {@code policy:<run>} for a run's policy (two runs in one JVM, such as a training run and its
 *     evaluation, keep separate slots); {@code fixed:<path>} for a model that never changes, such as a judge
 */
public record ModelKey(String slot, String path, long policyVersion) implements Serializable {
  private static final String POLICY_PREFIX = "policy:";

  public ModelKey {
    if (path == null || path.isBlank()) throw new IllegalArgumentException("model path is missing");
    if (slot == null || slot.isBlank()) throw new IllegalArgumentException("model slot is missing");
    if (policyVersion < 0) throw new IllegalArgumentException("policy version must be >= 0, got " + policyVersion);
  }

  /** Version {@code version} of run {@code run}'s policy, stored at {@code path}. */
  public static ModelKey policy(String run, String path, long version) {
    return new ModelKey(POLICY_PREFIX + run, path, version);
  }

  /** Whether this is some run's policy (which an executor holds one of at a time). */
  public boolean isPolicy() {
    return slot.startsWith(POLICY_PREFIX);
  }

  /** A model that never changes during a run (a judge, an evaluation target). */
  public static ModelKey fixed(String path) {
    return new ModelKey("fixed:" + path, path, 0);
  }
}
