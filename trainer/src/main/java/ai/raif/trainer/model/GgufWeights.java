package ai.raif.trainer.model;

import ai.raif.trainer.weights.FloatTensor;
import ai.raif.trainer.weights.GgufFile;
import ai.raif.trainer.weights.GgufTensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GGUF file seen through Hugging Face tensor names. llama.cpp stores Llama/Mistral q and k projections with the rows
 * of each head interleaved for its rotary layout; they are put back into HF's rotate-half order here, so the model code
 * knows only one convention.
 */
public final class GgufWeights implements WeightSource {
  private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");
  private static final Map<String, String> BLOCK_NAMES = Map.ofEntries(
      Map.entry("attn_norm.weight", "input_layernorm.weight"),
      Map.entry("ffn_norm.weight", "post_attention_layernorm.weight"),
      Map.entry("attn_q.weight", "self_attn.q_proj.weight"),
      Map.entry("attn_k.weight", "self_attn.k_proj.weight"),
      Map.entry("attn_v.weight", "self_attn.v_proj.weight"),
      Map.entry("attn_q.bias", "self_attn.q_proj.bias"),
      Map.entry("attn_k.bias", "self_attn.k_proj.bias"),
      Map.entry("attn_v.bias", "self_attn.v_proj.bias"),
      Map.entry("attn_output.weight", "self_attn.o_proj.weight"),
      Map.entry("attn_q_norm.weight", "self_attn.q_norm.weight"),
      Map.entry("attn_k_norm.weight", "self_attn.k_norm.weight"),
      Map.entry("ffn_gate.weight", "mlp.gate_proj.weight"),
      Map.entry("ffn_up.weight", "mlp.up_proj.weight"),
      Map.entry("ffn_down.weight", "mlp.down_proj.weight"));
  private static final Map<String, String> TOP_NAMES = Map.of(
      "token_embd.weight", "model.embed_tokens.weight",
      "output_norm.weight", "model.norm.weight",
      "output.weight", "lm_head.weight");

  private final GgufFile file;
  private final Map<String, String> hfToGguf = new LinkedHashMap<>();
  private final boolean interleavedRope;
  private final int heads;
  private final int kvHeads;

  public GgufWeights(GgufFile file) {
    this.file = file;
    for (GgufTensorInfo t : file.tensors()) {
      String hf = hfName(t.name());
      if (hf != null) hfToGguf.put(hf, t.name());
      else if (t.name().equals("rope_freqs.weight")) {
        throw new IllegalArgumentException(file.path() + ": per-frequency RoPE factors (rope_freqs.weight, Llama 3.1 "
            + "in GGUF) are not supported yet; load the Hugging Face checkpoint directory instead");
      }
    }
    String arch = String.valueOf(file.metadata().get("general.architecture"));
    // convert_hf_to_gguf.py permutes q/k only for the llama family (Mistral GGUFs use arch "llama" too).
    this.interleavedRope = arch.equals("llama") || arch.equals("mistral");
    this.heads = (int) file.getLong(arch + ".attention.head_count");
    this.kvHeads = (int) file.optLong(arch + ".attention.head_count_kv").orElse(heads);
  }

  static String hfName(String gguf) {
    String top = TOP_NAMES.get(gguf);
    if (top != null) return top;
    Matcher m = BLOCK.matcher(gguf);
    if (!m.matches()) return null;
    String suffix = BLOCK_NAMES.get(m.group(2));
    return suffix == null ? null : "model.layers." + m.group(1) + "." + suffix;
  }

  /** No {@code output.weight} means the head reuses the embedding. */
  public boolean tiedEmbeddings() {
    return !hfToGguf.containsKey("lm_head.weight");
  }

  /** The end-of-turn token llama.cpp records separately from EOS (e.g. Llama 3's {@code <|eot_id|>}), if any. */
  public OptionalInt endOfTurnId() {
    var eot = file.optLong("tokenizer.ggml.eot_token_id");
    return eot.isPresent() ? OptionalInt.of((int) eot.getAsLong()) : OptionalInt.empty();
  }

  @Override public String description() { return file.path().toString(); }

  @Override public Set<String> names() { return hfToGguf.keySet(); }

  @Override
  public FloatTensor load(String hfName) {
    String gguf = hfToGguf.get(hfName);
    if (gguf == null) throw new IllegalArgumentException(description() + ": no tensor for '" + hfName + "'");
    FloatTensor t = file.load(gguf);
    if (!interleavedRope) return new FloatTensor(hfName, t.shape(), t.data());
    if (hfName.endsWith("q_proj.weight") || hfName.endsWith("q_proj.bias")) return unpermute(hfName, t, heads);
    if (hfName.endsWith("k_proj.weight") || hfName.endsWith("k_proj.bias")) return unpermute(hfName, t, kvHeads);
    return new FloatTensor(hfName, t.shape(), t.data());
  }

  /**
   * Undoes llama.cpp's row permutation: within each head, GGUF row {@code 2i+j} holds HF row {@code j*(d/2)+i}.
   */
  static FloatTensor unpermute(String name, FloatTensor t, int nHeads) {
    long rows = t.shape()[0];
    long cols = t.shape().length > 1 ? t.shape()[1] : 1;
    if (rows % nHeads != 0 || (rows / nHeads) % 2 != 0) {
      throw new IllegalArgumentException("tensor '" + name + "': " + rows + " rows do not split into " + nHeads
          + " heads of even size");
    }
    int d = (int) (rows / nHeads);
    int rowBytes = (int) cols * 4;
    ByteBuffer src = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocateDirect(t.data().limit()).order(ByteOrder.LITTLE_ENDIAN);
    for (int h = 0; h < nHeads; h++) {
      for (int g = 0; g < d; g++) {
        int hf = h * d + (g % 2) * (d / 2) + g / 2;
        ByteBuffer row = src.slice((h * d + g) * rowBytes, rowBytes);
        out.put(hf * rowBytes, row, 0, rowBytes);
      }
    }
    return new FloatTensor(name, t.shape(), out);
  }
}
