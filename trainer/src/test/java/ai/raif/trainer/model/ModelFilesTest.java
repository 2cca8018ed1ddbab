package ai.raif.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.weights.FloatTensor;
import ai.raif.trainer.weights.GgmlType;
import ai.raif.trainer.weights.GgufFile;
import ai.raif.trainer.weights.GgufValueType;
import ai.raif.trainer.weights.GgufWriter;
import ai.raif.trainer.weights.SafetensorsCheckpointWriter;
import ai.raif.trainer.weights.SafetensorsDtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tiny random models written by our own safetensors and GGUF writers load back into the same model: every
 * architecture through an HF directory, and the llama layout through GGUF with every quantisation type we read.
 */
class ModelFilesTest {
  static NDManager manager;
  static final long[] IDS = {3, 17, 42, 5, 88, 13, 2, 61};

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  static float[] logits(ModelConfig c, WeightSource w) {
    try (NDManager m = manager.newSubManager(); CausalLM lm = CausalLM.load(c, w, m)) {
      return CausalLMTest.logitsFull(lm, m, IDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void hfDirectoryRoundTripGivesIdenticalLogits(Architecture arch, @TempDir Path dir) throws IOException {
    ModelConfig c = TestModels.tinyConfig(arch, arch != Architecture.QWEN2);
    TestModels random = TestModels.randomWeights(c, 21);
    List<FloatTensor> tensors = new ArrayList<>();
    for (String n : random.names()) tensors.add(random.load(n));
    // a small shard size forces the sharded layout with an index file
    SafetensorsCheckpointWriter.write(dir, tensors, SafetensorsDtype.F32, 40_000);
    Files.writeString(dir.resolve("config.json"), c.toHfJson().toPrettyString());
    assertTrue(Files.exists(dir.resolve("model.safetensors.index.json")), "expected a sharded checkpoint");

    ModelConfig read = ModelConfig.fromHfDirectory(dir);
    assertEquals(c, read);
    try (HfWeights w = HfWeights.open(dir)) {
      assertArrayEquals(logits(c, random), logits(read, w));
    }
  }

  /** llama.cpp's convert permutation of q/k rows (the inverse of what {@link GgufWeights} undoes). */
  static FloatTensor permute(FloatTensor t, int heads) {
    long rows = t.shape()[0];
    int cols = (int) (t.numel() / rows);
    int d = (int) (rows / heads);
    ByteBuffer out = ByteBuffer.allocateDirect(t.data().limit()).order(ByteOrder.LITTLE_ENDIAN);
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < d / 2; i++) {
        for (int j = 0; j < 2; j++) {
          int gguf = h * d + i * 2 + j;
          int hf = h * d + j * (d / 2) + i;
          out.put(gguf * cols * 4, t.data(), hf * cols * 4, cols * 4);
        }
      }
    }
    return new FloatTensor(t.name(), t.shape(), out);
  }

  static Path writeGguf(Path file, ModelConfig c, TestModels w, GgmlType linearType) {
    GgufWriter g = new GgufWriter();
    g.putString("general.architecture", "llama");
    g.putUInt32("llama.block_count", c.numLayers());
    g.putUInt32("llama.context_length", c.maxPositions());
    g.putUInt32("llama.embedding_length", c.hiddenSize());
    g.putUInt32("llama.feed_forward_length", c.intermediateSize());
    g.putUInt32("llama.attention.head_count", c.numHeads());
    g.putUInt32("llama.attention.head_count_kv", c.numKvHeads());
    g.putUInt32("llama.vocab_size", c.vocabSize());
    g.putFloat32("llama.rope.freq_base", c.ropeTheta());
    g.putFloat32("llama.attention.layer_norm_rms_epsilon", c.rmsNormEps());
    Map<String, String> back = new java.util.HashMap<>();
    for (String gguf : List.of("token_embd.weight", "output_norm.weight", "output.weight")) {
      back.put(GgufWeights.hfName(gguf), gguf);
    }
    for (int i = 0; i < c.numLayers(); i++) {
      for (String s : List.of("attn_norm.weight", "ffn_norm.weight", "attn_q.weight", "attn_k.weight", "attn_v.weight",
          "attn_output.weight", "ffn_gate.weight", "ffn_up.weight", "ffn_down.weight")) {
        back.put(GgufWeights.hfName("blk." + i + "." + s), "blk." + i + "." + s);
      }
    }
    for (String hf : w.names()) {
      FloatTensor t = w.load(hf);
      if (hf.endsWith("q_proj.weight")) t = permute(t, c.numHeads());
      if (hf.endsWith("k_proj.weight")) t = permute(t, c.numKvHeads());
      boolean vector = t.shape().length == 1;
      g.addTensor(new FloatTensor(back.get(hf), t.shape(), t.data()), vector ? GgmlType.F32 : linearType);
    }
    g.write(file);
    return file;
  }

  @Test
  void ggufF32RoundTripUndoesTheLlamaQkPermutation(@TempDir Path dir) {
    ModelConfig c = TestModels.tinyConfig(Architecture.LLAMA, false);
    TestModels random = TestModels.randomWeights(c, 22);
    GgufFile f = GgufFile.open(writeGguf(dir.resolve("m.gguf"), c, random, GgmlType.F32));
    GgufWeights w = new GgufWeights(f);
    ModelConfig read = ModelConfig.fromGguf(f.metadata(), w.tiedEmbeddings(), "m.gguf");
    assertEquals(c, read);
    assertArrayEquals(logits(c, random), logits(read, w));
  }

  /**
   * Quantised weights give logits close to the fp32 model. Bounds are the measured errors (F16 2e-4, BF16 2e-3,
   * Q8_0 6e-3, Q6_K 0.07, Q5_K 0.15, Q4_K 0.26, Q4_1 0.26, Q4_0 0.35) with margin: each bit less doubles the weight
   * error, and two layers amplify it about threefold. Bit-exact dequantisation is GgufFixtureTest's job.
   */
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F16", "BF16", "Q8_0", "Q6_K", "Q5_K", "Q4_K", "Q4_1", "Q4_0"})
  void everyQuantisationTypeLoadsAndStaysClose(GgmlType type, @TempDir Path dir) {
    // K-quants need rows that are multiples of 256
    ModelConfig c = new ModelConfig(Architecture.LLAMA, 97, 256, 256, 2, 4, 2, 64, 1.0 / 65536, 10000, RopeScaling.NONE,
        64, false, 0);
    // entries ~ 1/sqrt(fan-in), as trained models have, so quantisation noise is not amplified layer after layer
    TestModels random = new TestModels(c, 23, 0.06);
    GgufFile f = GgufFile.open(writeGguf(dir.resolve("q.gguf"), c, random, type));
    float[] want = logits(c, random);
    float[] got = logits(c, new GgufWeights(f));
    double err = 0;
    double norm = 0;
    for (int i = 0; i < want.length; i++) {
      err += (want[i] - got[i]) * (double) (want[i] - got[i]);
      norm += want[i] * (double) want[i];
    }
    double relative = Math.sqrt(err / norm);
    double bound = switch (type) {
      case F16 -> 1e-3;
      case BF16 -> 1e-2;
      case Q8_0 -> 2e-2;
      case Q6_K -> 0.1;
      case Q5_K -> 0.2;
      default -> 0.5;
    };
    assertTrue(relative < bound, type + ": relative logit error " + relative + " >= " + bound);
    assertTrue(relative > 0 || type == GgmlType.F16, type + " should perturb the weights at least a little");
  }

  @Test
  void configErrorsNameTheKey(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt_neox\", \"hidden_size\": 8}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromHfDirectory(dir));
    assertTrue(e.getMessage().contains("unsupported architecture 'gpt_neox'"), e.getMessage());
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 8}");
    e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromHfDirectory(dir));
    assertTrue(e.getMessage().contains("missing key 'num_attention_heads'"), e.getMessage());
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\",");
    e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromHfDirectory(dir));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromHfDirectory(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("config.json"), e.getMessage());
  }
}
