package ai.raif.trainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shape of a decoder, read from an HF {@code config.json} or from GGUF metadata. Everything the forward pass needs
 * and nothing else; validation errors name the source and the key.
 */
public record ModelConfig(
    Architecture architecture,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    int maxPositions,
    boolean tieWordEmbeddings,
    /** Mistral-style local attention window in tokens, or 0 for full causal attention. */
    int slidingWindow) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelConfig {
    require(vocabSize > 0, "vocab_size", vocabSize);
    require(hiddenSize > 0, "hidden_size", hiddenSize);
    require(intermediateSize > 0, "intermediate_size", intermediateSize);
    require(numLayers > 0, "num_hidden_layers", numLayers);
    require(numHeads > 0, "num_attention_heads", numHeads);
    require(numKvHeads > 0 && numHeads % numKvHeads == 0, "num_key_value_heads (must divide num_attention_heads)", numKvHeads);
    require(headDim > 0 && headDim % 2 == 0, "head_dim (must be even for RoPE)", headDim);
    require(rmsNormEps > 0, "rms_norm_eps", rmsNormEps);
    require(ropeTheta > 0, "rope_theta", ropeTheta);
  }

  private static void require(boolean ok, String key, Object value) {
    if (!ok) throw new IllegalArgumentException("model config: invalid " + key + " = " + value);
  }

  public int queryDim() { return numHeads * headDim; }

  public int kvDim() { return numKvHeads * headDim; }

  /** Reads {@code dir/config.json} (transformers 4.x and 5.x key spellings). */
  public static ModelConfig fromHfDirectory(Path dir) {
    Path file = dir.resolve("config.json");
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("missing " + file);
    try {
      return fromHfJson(JSON.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  static ModelConfig fromHfJson(JsonNode c, String where) {
    String type = c.path("model_type").asText(null);
    if (type == null) throw new IllegalArgumentException(where + ": missing key 'model_type'");
    Architecture arch = Architecture.parse(type, where);
    if (c.path("mlp_bias").asBoolean(false)) throw new IllegalArgumentException(where + ": mlp_bias=true is not supported");
    if (arch == Architecture.LLAMA && c.path("attention_bias").asBoolean(false)) {
      throw new IllegalArgumentException(where + ": attention_bias=true is not supported for llama");
    }
    int hidden = requiredInt(c, "hidden_size", where);
    int heads = requiredInt(c, "num_attention_heads", where);
    int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads;
    // transformers 5 moved rope_theta / rope_scaling into rope_parameters; accept both spellings.
    JsonNode rope = c.hasNonNull("rope_parameters") ? c.get("rope_parameters") : c.path("rope_scaling");
    double theta = c.hasNonNull("rope_theta") ? c.get("rope_theta").asDouble() : rope.path("rope_theta").asDouble(10000.0);
    int window = 0;
    boolean slidingOn = arch == Architecture.MISTRAL || c.path("use_sliding_window").asBoolean(false);
    if (slidingOn && c.hasNonNull("sliding_window")) window = c.get("sliding_window").asInt();
    return new ModelConfig(arch,
        requiredInt(c, "vocab_size", where), hidden, requiredInt(c, "intermediate_size", where),
        requiredInt(c, "num_hidden_layers", where), heads,
        c.hasNonNull("num_key_value_heads") ? c.get("num_key_value_heads").asInt() : heads,
        headDim,
        c.path("rms_norm_eps").asDouble(1e-6), theta, ropeScaling(rope, where),
        c.path("max_position_embeddings").asInt(4096),
        c.path("tie_word_embeddings").asBoolean(false), window);
  }

  private static RopeScaling ropeScaling(JsonNode r, String where) {
    if (r == null || r.isMissingNode() || r.isNull()) return RopeScaling.NONE;
    String type = r.hasNonNull("rope_type") ? r.get("rope_type").asText() : r.path("type").asText("default");
    return switch (type) {
      case "default", "none" -> RopeScaling.NONE;
      case "linear" -> new RopeScaling("linear", requiredDouble(r, "factor", where), 0, 0, 0);
      case "llama3" -> new RopeScaling("llama3", requiredDouble(r, "factor", where),
          requiredDouble(r, "low_freq_factor", where), requiredDouble(r, "high_freq_factor", where),
          requiredInt(r, "original_max_position_embeddings", where));
      default -> throw new IllegalArgumentException(where + ": unsupported rope scaling type '" + type
          + "' (supported: default, linear, llama3)");
    };
  }

  private static int requiredInt(JsonNode c, String key, String where) {
    JsonNode v = c.get(key);
    if (v == null || v.isNull()) throw new IllegalArgumentException(where + ": missing key '" + key + "'");
    if (!v.canConvertToInt()) throw new IllegalArgumentException(where + ": key '" + key + "' is not an integer: " + v);
    return v.asInt();
  }

  private static double requiredDouble(JsonNode c, String key, String where) {
    JsonNode v = c.get(key);
    if (v == null || !v.isNumber()) throw new IllegalArgumentException(where + ": missing or non-numeric key '" + key + "'");
    return v.asDouble();
  }

  /**
   * Reads GGUF metadata (llama.cpp key names: {@code <arch>.block_count}, ...). Whether embeddings are tied is not in the
   * metadata: it is decided by the absence of an {@code output.weight} tensor.
   */
  public static ModelConfig fromGguf(Map<String, Object> meta, boolean tiedEmbeddings, String where) {
    String archName = (String) meta.get("general.architecture");
    Architecture arch = Architecture.parse(archName, where);
    String p = archName + ".";
    int hidden = ggufInt(meta, p + "embedding_length", where);
    int heads = ggufInt(meta, p + "attention.head_count", where);
    int headDim = meta.containsKey(p + "attention.key_length") ? ggufInt(meta, p + "attention.key_length", where) : hidden / heads;
    Object tokens = meta.get("tokenizer.ggml.tokens");
    int vocab = meta.containsKey(p + "vocab_size") ? ggufInt(meta, p + "vocab_size", where)
        : tokens instanceof java.util.List<?> l ? l.size() : ggufInt(meta, p + "vocab_size", where);
    RopeScaling scaling = RopeScaling.NONE;
    Object scalingType = meta.get(p + "rope.scaling.type");
    if ("linear".equals(scalingType)) {
      scaling = new RopeScaling("linear", ggufDouble(meta, p + "rope.scaling.factor", where), 0, 0, 0);
    } else if (scalingType != null && !"none".equals(scalingType)) {
      throw new IllegalArgumentException(where + ": unsupported " + p + "rope.scaling.type '" + scalingType + "'");
    }
    return new ModelConfig(arch, vocab, hidden, ggufInt(meta, p + "feed_forward_length", where),
        ggufInt(meta, p + "block_count", where), heads,
        meta.containsKey(p + "attention.head_count_kv") ? ggufInt(meta, p + "attention.head_count_kv", where) : heads,
        headDim,
        meta.containsKey(p + "attention.layer_norm_rms_epsilon") ? ggufDouble(meta, p + "attention.layer_norm_rms_epsilon", where) : 1e-5,
        meta.containsKey(p + "rope.freq_base") ? ggufDouble(meta, p + "rope.freq_base", where) : 10000.0,
        scaling,
        meta.containsKey(p + "context_length") ? ggufInt(meta, p + "context_length", where) : 4096,
        tiedEmbeddings,
        meta.containsKey(p + "attention.sliding_window") ? ggufInt(meta, p + "attention.sliding_window", where) : 0);
  }

  private static int ggufInt(Map<String, Object> meta, String key, String where) {
    Object v = meta.get(key);
    if (v instanceof Number n) return Math.toIntExact(n.longValue());
    throw new IllegalArgumentException(where + ": " + (v == null ? "missing" : "non-integer") + " metadata key '" + key + "'");
  }

  private static double ggufDouble(Map<String, Object> meta, String key, String where) {
    Object v = meta.get(key);
    if (v instanceof Number n) return n.doubleValue();
    throw new IllegalArgumentException(where + ": " + (v == null ? "missing" : "non-numeric") + " metadata key '" + key + "'");
  }

  /** The HF {@code config.json} for this shape, so that checkpoints we write load in transformers and vLLM. */
  public ObjectNode toHfJson() {
    ObjectNode c = JSON.createObjectNode();
    String type = architecture.name().toLowerCase(java.util.Locale.ROOT);
    String cls = switch (architecture) {
      case LLAMA -> "LlamaForCausalLM";
      case MISTRAL -> "MistralForCausalLM";
      case QWEN2 -> "Qwen2ForCausalLM";
      case QWEN3 -> "Qwen3ForCausalLM";
    };
    c.putArray("architectures").add(cls);
    c.put("model_type", type);
    c.put("vocab_size", vocabSize);
    c.put("hidden_size", hiddenSize);
    c.put("intermediate_size", intermediateSize);
    c.put("num_hidden_layers", numLayers);
    c.put("num_attention_heads", numHeads);
    c.put("num_key_value_heads", numKvHeads);
    c.put("head_dim", headDim);
    c.put("hidden_act", "silu");
    c.put("rms_norm_eps", rmsNormEps);
    c.put("rope_theta", ropeTheta);
    if (!"none".equals(ropeScaling.type())) {
      ObjectNode r = c.putObject("rope_scaling");
      r.put("rope_type", ropeScaling.type());
      r.put("factor", ropeScaling.factor());
      if ("llama3".equals(ropeScaling.type())) {
        r.put("low_freq_factor", ropeScaling.lowFreqFactor());
        r.put("high_freq_factor", ropeScaling.highFreqFactor());
        r.put("original_max_position_embeddings", ropeScaling.originalMaxPositions());
      }
    }
    c.put("max_position_embeddings", maxPositions);
    c.put("tie_word_embeddings", tieWordEmbeddings);
    if (slidingWindow > 0) {
      c.put("sliding_window", slidingWindow);
      if (architecture != Architecture.MISTRAL) c.put("use_sliding_window", true);
    }
    c.put("torch_dtype", "float32");
    return c;
  }
}
