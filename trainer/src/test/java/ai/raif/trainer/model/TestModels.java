package ai.raif.trainer.model;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.weights.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random weights in HF naming for any config: tiny models for tests, no files needed. */
public class TestModels implements WeightSource {
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final long seed;
  private final double scale;

  public static TestModels randomWeights(ModelConfig c, long seed) {
    return new TestModels(c, seed, 0.2);
  }

  /** @param scale standard deviation of the matrix entries (norm weights are 1 ± 0.1) */
  TestModels(ModelConfig c, long seed, double scale) {
    this.seed = seed;
    this.scale = scale;
    shapes.put("model.embed_tokens.weight", new long[] {c.vocabSize(), c.hiddenSize()});
    if (!c.tieWordEmbeddings()) shapes.put("lm_head.weight", new long[] {c.vocabSize(), c.hiddenSize()});
    shapes.put("model.norm.weight", new long[] {c.hiddenSize()});
    for (int i = 0; i < c.numLayers(); i++) {
      String p = "model.layers." + i + ".";
      shapes.put(p + "input_layernorm.weight", new long[] {c.hiddenSize()});
      shapes.put(p + "post_attention_layernorm.weight", new long[] {c.hiddenSize()});
      shapes.put(p + "self_attn.q_proj.weight", new long[] {c.queryDim(), c.hiddenSize()});
      shapes.put(p + "self_attn.k_proj.weight", new long[] {c.kvDim(), c.hiddenSize()});
      shapes.put(p + "self_attn.v_proj.weight", new long[] {c.kvDim(), c.hiddenSize()});
      shapes.put(p + "self_attn.o_proj.weight", new long[] {c.hiddenSize(), c.queryDim()});
      if (c.architecture().qkvBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new long[] {c.queryDim()});
        shapes.put(p + "self_attn.k_proj.bias", new long[] {c.kvDim()});
        shapes.put(p + "self_attn.v_proj.bias", new long[] {c.kvDim()});
      }
      if (c.architecture().qkNorm()) {
        shapes.put(p + "self_attn.q_norm.weight", new long[] {c.headDim()});
        shapes.put(p + "self_attn.k_norm.weight", new long[] {c.headDim()});
      }
      shapes.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), c.hiddenSize()});
      shapes.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), c.hiddenSize()});
      shapes.put(p + "mlp.down_proj.weight", new long[] {c.hiddenSize(), c.intermediateSize()});
    }
  }

  /** The sampler tests' model: the tiny tied Llama with random weights of seed 11. */
  public static CausalLM tinyLlama(NDManager m) {
    ModelConfig c = tinyConfig(Architecture.LLAMA, true);
    return CausalLM.load(c, randomWeights(c, 11), m);
  }

  public static ModelConfig tinyConfig(Architecture arch, boolean tied) {
    // eps = 2^-16 is exact in float32, so GGUF's float32 metadata round-trips it
    return new ModelConfig(arch, 97, 32, 64, 2, 4, 2, 8, 1.0 / 65536, 10000, RopeScaling.NONE, 128, tied, 0);
  }

  @Override public String description() { return "random weights (seed " + seed + ")"; }

  @Override public Set<String> names() { return shapes.keySet(); }

  @Override
  public FloatTensor load(String name) {
    long[] shape = shapes.get(name);
    if (shape == null) throw new IllegalArgumentException("no tensor " + name);
    long n = 1;
    for (long d : shape) n *= d;
    Random r = new Random(seed * 31 + name.hashCode());
    ByteBuffer buf = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
    boolean norm = name.endsWith("norm.weight");
    for (long i = 0; i < n; i++) {
      buf.putFloat((float) (norm ? 1 + 0.1 * r.nextGaussian() : scale * r.nextGaussian()));
    }
    buf.flip();
    return new FloatTensor(name, shape, buf);
  }
}
