package ai.raif.trainer.model;

import ai.raif.trainer.weights.FloatTensor;
import ai.raif.trainer.weights.SafetensorsCheckpoint;
import java.nio.file.Path;
import java.util.Set;

/** A Hugging Face checkpoint directory (single or sharded safetensors); its names are already HF names. */
public final class HfWeights implements WeightSource {
  private final SafetensorsCheckpoint checkpoint;
  private final Set<String> names;

  private HfWeights(SafetensorsCheckpoint checkpoint) {
    this.checkpoint = checkpoint;
    this.names = Set.copyOf(checkpoint.names());
  }

  public static HfWeights open(Path dir) {
    return new HfWeights(SafetensorsCheckpoint.open(dir));
  }

  @Override public String description() { return checkpoint.location().toString(); }

  @Override public Set<String> names() { return names; }

  @Override
  public FloatTensor load(String hfName) {
    if (!names.contains(hfName)) throw new IllegalArgumentException(description() + ": no tensor '" + hfName + "'");
    return checkpoint.load(hfName);
  }
}
