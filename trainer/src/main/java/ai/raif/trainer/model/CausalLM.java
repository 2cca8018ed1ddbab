package ai.raif.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.raif.trainer.weights.FloatTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer (Llama / Mistral / Qwen2 / Qwen3) written as plain DJL ops, fp32.
 *
 * <p>Read {@link #hidden} top to bottom to see one forward pass. Two habits matter everywhere (stack-notes §3):
 * results attach to the receiver's manager, so each layer runs in its own sub-manager; and scalar constants are
 * long-lived NDArrays, never the {@code Number} overloads, which corrupt gradients under autograd.
 *
 * <p>Weights are read-only after loading, so one instance is shared by many threads; per-call state lives in the
 * caller's {@link NDManager} and {@link KvCache}.
 */
public final class CausalLM implements AutoCloseable {
  /** Added to attention scores of keys a query may not see; finite so that a fully masked (padding) row stays finite. */
  static final float MASKED = -1e9f;

  private final ModelConfig config;
  private final NDManager weights;
  private final NDArray embed;
  private final NDArray lmHead;
  private final NDArray finalNorm;
  private final List<Block> blocks;
  private final NDArray invFreq;
  private final NDArray eps;
  private final NDArray attnScale;

  /** One decoder layer's parameters; q/k/v and gate/up are fused row-wise so that each is one GEMM. */
  record Block(NDArray inputNorm, NDArray qkv, NDArray qkvBias, NDArray qNorm, NDArray kNorm, NDArray out,
               NDArray postNorm, NDArray gateUp, NDArray down) {}

  private CausalLM(ModelConfig config, NDManager weights, NDArray embed, NDArray lmHead, NDArray finalNorm,
                   List<Block> blocks) {
    this.config = config;
    this.weights = weights;
    this.embed = embed;
    this.lmHead = lmHead;
    this.finalNorm = finalNorm;
    this.blocks = blocks;
    double[] inv = config.ropeScaling().inverseFrequencies(config.ropeTheta(), config.headDim());
    float[] invF = new float[inv.length];
    for (int i = 0; i < inv.length; i++) invF[i] = (float) inv[i];
    this.invFreq = weights.create(invF);
    this.eps = weights.create((float) config.rmsNormEps());
    this.attnScale = weights.create((float) (1.0 / Math.sqrt(config.headDim())));
  }

  public ModelConfig config() { return config; }

  /** Loads and shape-checks every tensor; errors name the tensor, the expected and the actual shape. */
  public static CausalLM load(ModelConfig c, WeightSource src, NDManager parent) {
    NDManager m = parent.newSubManager();
    try {
      Loader l = new Loader(c, src, m);
      NDArray embed = l.tensor("model.embed_tokens.weight", c.vocabSize(), c.hiddenSize());
      boolean tied = c.tieWordEmbeddings() || !src.names().contains("lm_head.weight");
      NDArray head = tied ? embed : l.tensor("lm_head.weight", c.vocabSize(), c.hiddenSize());
      NDArray norm = l.tensor("model.norm.weight", c.hiddenSize());
      List<Block> blocks = new ArrayList<>();
      for (int i = 0; i < c.numLayers(); i++) {
        String p = "model.layers." + i + ".";
        NDArray q = l.tensor(p + "self_attn.q_proj.weight", c.queryDim(), c.hiddenSize());
        NDArray k = l.tensor(p + "self_attn.k_proj.weight", c.kvDim(), c.hiddenSize());
        NDArray v = l.tensor(p + "self_attn.v_proj.weight", c.kvDim(), c.hiddenSize());
        NDArray bias = null;
        if (c.architecture().qkvBias()) {
          bias = l.fused(0, l.tensor(p + "self_attn.q_proj.bias", c.queryDim()),
              l.tensor(p + "self_attn.k_proj.bias", c.kvDim()), l.tensor(p + "self_attn.v_proj.bias", c.kvDim()));
        }
        NDArray qNorm = null;
        NDArray kNorm = null;
        if (c.architecture().qkNorm()) {
          qNorm = l.tensor(p + "self_attn.q_norm.weight", c.headDim());
          kNorm = l.tensor(p + "self_attn.k_norm.weight", c.headDim());
        }
        blocks.add(new Block(
            l.tensor(p + "input_layernorm.weight", c.hiddenSize()),
            l.fused(0, q, k, v), bias, qNorm, kNorm,
            l.tensor(p + "self_attn.o_proj.weight", c.hiddenSize(), c.queryDim()),
            l.tensor(p + "post_attention_layernorm.weight", c.hiddenSize()),
            l.fused(0, l.tensor(p + "mlp.gate_proj.weight", c.intermediateSize(), c.hiddenSize()),
                l.tensor(p + "mlp.up_proj.weight", c.intermediateSize(), c.hiddenSize())),
            l.tensor(p + "mlp.down_proj.weight", c.hiddenSize(), c.intermediateSize())));
      }
      return new CausalLM(c, m, embed, head, norm, List.copyOf(blocks));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** Reads tensors from a {@link WeightSource} into the model's manager, checking shapes. */
  private record Loader(ModelConfig c, WeightSource src, NDManager m) {
    NDArray tensor(String name, long... expected) {
      FloatTensor t = src.load(name);
      if (!Arrays.equals(t.shape(), expected)) {
        throw new IllegalArgumentException(src.description() + ": tensor '" + name + "' has shape "
            + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(expected) + " for this config");
      }
      return m.create(t.data(), new Shape(expected), DataType.FLOAT32);
    }

    NDArray fused(int axis, NDArray... parts) {
      NDArray f = NDArrays.concat(new NDList(parts), axis);
      for (NDArray p : parts) p.close();
      return f;
    }
  }

  /**
   * Final hidden states {@code [B,T,hidden]} for token ids {@code [B,T]} (int64) at {@code positions [B,T]} (int64).
   *
   * @param mask additive attention mask {@code [B,1,1,T,S]} from {@link AttentionMask}; S = T without a cache, or the
   *     cache length after this call with one
   * @param cache null for a stateless pass (scoring, training); otherwise keys/values are appended to it
   */
  public NDArray hidden(NDManager m, NDArray ids, NDArray positions, NDArray mask, KvCache cache) {
    NDArray x = ids.getNDArrayInternal().embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
    NDList rope = rotary(positions);
    int start = cache == null ? 0 : cache.length();
    for (int i = 0; i < blocks.size(); i++) {
      try (NDManager layer = m.newSubManager()) {
        x.attach(layer);
        NDArray out = block(blocks.get(i), i, x, rope, mask, cache, start);
        out.attach(m);
        x = out;
      }
    }
    if (cache != null) cache.advance(ids.getShape().get(1));
    return rmsNorm(x, finalNorm);
  }

  /** Logits {@code [..., vocab]} of hidden states (any leading shape). */
  public NDArray logits(NDArray hidden) {
    return linear(hidden, lmHead, null);
  }

  private NDArray block(Block w, int layer, NDArray x, NDList rope, NDArray mask, KvCache cache, int start) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int h = config.numHeads();
    int kv = config.numKvHeads();
    int d = config.headDim();

    NDList qkv = linear(rmsNorm(x, w.inputNorm()), w.qkv(), w.qkvBias())
        .split(new long[] {config.queryDim(), config.queryDim() + config.kvDim()}, 2);
    NDArray q = qkv.get(0).reshape(b, t, h, d);
    NDArray k = qkv.get(1).reshape(b, t, kv, d);
    NDArray v = qkv.get(2).reshape(b, t, kv, d).transpose(0, 2, 1, 3);
    if (w.qNorm() != null) {
      q = rmsNorm(q, w.qNorm());
      k = rmsNorm(k, w.kNorm());
    }
    q = applyRope(q.transpose(0, 2, 1, 3), rope);
    k = applyRope(k.transpose(0, 2, 1, 3), rope);
    if (cache != null) {
      cache.write(layer, start, k, v);
      k = cache.keys(layer, x.getManager(), start + t);
      v = cache.values(layer, x.getManager(), start + t);
    }
    long s = k.getShape().get(2);
    int groups = h / kv;
    // Grouped-query attention without repeating K/V: the G query heads of a kv head become G*T rows of one matmul.
    NDArray scores = q.reshape(b, kv, groups * t, d).matMul(k.transpose(0, 1, 3, 2)).mul(attnScale);
    NDArray probs = scores.reshape(b, kv, groups, t, s).add(mask).softmax(-1);
    NDArray attn = probs.reshape(b, kv, groups * t, s).matMul(v)
        .reshape(b, h, t, d).transpose(0, 2, 1, 3).reshape(b, t, (long) h * d);
    x = x.add(linear(attn, w.out(), null));

    NDList gateUp = linear(rmsNorm(x, w.postNorm()), w.gateUp(), null).split(2, 2);
    NDArray gate = gateUp.get(0);
    NDArray act = gate.mul(gate.getNDArrayInternal().sigmoid()).mul(gateUp.get(1));
    return x.add(linear(act, w.down(), null));
  }

  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
    return x.div(rms).mul(weight);
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }

  /** cos and sin tables {@code [B,1,T,D]} for the given positions, in HF's rotate-half layout. */
  private NDList rotary(NDArray positions) {
    NDArray angles = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq);
    NDArray full = angles.concat(angles, 2).expandDims(1);
    return new NDList(full.cos(), full.sin());
  }

  private static NDArray applyRope(NDArray x, NDList rope) {
    NDList halves = x.split(2, 3);
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
    return x.mul(rope.get(0)).add(rotated.mul(rope.get(1)));
  }

  /**
   * The trainable tensors as the forward pass uses them (q/k/v and gate/up fused), for an optimizer: gradients flow
   * into these after {@code setRequiresGradient(true)}. The tied head is the embedding, listed once.
   */
  public List<NDArray> parameters() {
    List<NDArray> out = new ArrayList<>();
    out.add(embed);
    for (Block b : blocks) {
      for (NDArray p : new NDArray[] {b.inputNorm(), b.qkv(), b.qkvBias(), b.qNorm(), b.kNorm(), b.out(), b.postNorm(),
          b.gateUp(), b.down()}) {
        if (p != null) out.add(p);
      }
    }
    out.add(finalNorm);
    if (lmHead != embed) out.add(lmHead);
    return out;
  }

  /** Every parameter under its HF name (fused tensors are split back), for checkpoints and tests. */
  public Map<String, NDArray> parameterViews(NDManager m) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("model.embed_tokens.weight", embed);
    for (int i = 0; i < blocks.size(); i++) {
      Block w = blocks.get(i);
      String p = "model.layers." + i + ".";
      NDList qkv = w.qkv().get(m, new ai.djl.ndarray.index.NDIndex())
          .split(new long[] {config.queryDim(), config.queryDim() + config.kvDim()}, 0);
      out.put(p + "input_layernorm.weight", w.inputNorm());
      out.put(p + "self_attn.q_proj.weight", qkv.get(0));
      out.put(p + "self_attn.k_proj.weight", qkv.get(1));
      out.put(p + "self_attn.v_proj.weight", qkv.get(2));
      if (w.qkvBias() != null) {
        NDList bias = w.qkvBias().get(m, new ai.djl.ndarray.index.NDIndex())
            .split(new long[] {config.queryDim(), config.queryDim() + config.kvDim()}, 0);
        out.put(p + "self_attn.q_proj.bias", bias.get(0));
        out.put(p + "self_attn.k_proj.bias", bias.get(1));
        out.put(p + "self_attn.v_proj.bias", bias.get(2));
      }
      if (w.qNorm() != null) {
        out.put(p + "self_attn.q_norm.weight", w.qNorm());
        out.put(p + "self_attn.k_norm.weight", w.kNorm());
      }
      out.put(p + "self_attn.o_proj.weight", w.out());
      out.put(p + "post_attention_layernorm.weight", w.postNorm());
      NDList gu = w.gateUp().get(m, new ai.djl.ndarray.index.NDIndex()).split(2, 0);
      out.put(p + "mlp.gate_proj.weight", gu.get(0));
      out.put(p + "mlp.up_proj.weight", gu.get(1));
      out.put(p + "mlp.down_proj.weight", w.down());
    }
    out.put("model.norm.weight", finalNorm);
    if (lmHead != embed) out.put("lm_head.weight", lmHead);
    return out;
  }

  @Override
  public void close() {
    weights.close();
  }
}
