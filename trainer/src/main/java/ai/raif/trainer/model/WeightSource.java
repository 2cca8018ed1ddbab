package ai.raif.trainer.model;

import ai.raif.trainer.weights.FloatTensor;
import java.util.Set;

/**
 * Where a model's float32 tensors come from, addressed by their Hugging Face names
 * ({@code model.layers.0.self_attn.q_proj.weight}). GGUF files are adapted to these names by {@link GgufWeights}.
 */
public interface WeightSource extends AutoCloseable {
  /** A human-readable origin (file or directory) for error messages. */
  String description();

  Set<String> names();

  /** @throws IllegalArgumentException naming the tensor and the source when it is absent. */
  FloatTensor load(String hfName);

  @Override
  default void close() {}
}
