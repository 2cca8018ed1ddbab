package ai.raif.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.weights.FloatTensor;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of the forward pass that hold for any weights: cache consistency, causality, padding invariance. */
class CausalLMTest {
  static NDManager manager;

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  static float[] logitsFull(CausalLM lm, NDManager m, long[] ids) {
    int t = ids.length;
    boolean[][] valid = {new boolean[t]};
    java.util.Arrays.fill(valid[0], true);
    long[] pos = new long[t];
    for (int i = 0; i < t; i++) pos[i] = i;
    NDArray h = lm.hidden(m, m.create(ids, new Shape(1, t)), m.create(pos, new Shape(1, t)),
        AttentionMask.build(m, valid, 0, t, lm.config().slidingWindow()), null);
    return lm.logits(h).toFloatArray();
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void prefillPlusCachedStepsEqualsOneFullPass(Architecture arch) {
    ModelConfig c = TestModels.tinyConfig(arch, arch == Architecture.LLAMA);
    long[] ids = {3, 17, 42, 5, 88, 13, 2, 61};
    try (NDManager m = manager.newSubManager(); CausalLM lm = CausalLM.load(c, new TestModels(c, 1, 0.2), m)) {
      float[] full = logitsFull(lm, m, ids);
      int v = c.vocabSize();
      try (KvCache cache = new KvCache(m, c, 1, ids.length)) {
        boolean[][] valid = {new boolean[ids.length]};
        int prefill = 5;
        for (int t = 0; t < ids.length; t++) {
          int start = t < prefill ? 0 : t;
          int n = t < prefill ? prefill : 1;
          if (t > 0 && t < prefill) continue;
          long[] chunk = java.util.Arrays.copyOfRange(ids, start, start + n);
          long[] pos = new long[n];
          for (int i = 0; i < n; i++) {
            pos[i] = start + i;
            valid[0][start + i] = true;
          }
          NDArray h = lm.hidden(m, m.create(chunk, new Shape(1, n)), m.create(pos, new Shape(1, n)),
              AttentionMask.build(m, valid, start, n, 0), cache);
          float[] got = lm.logits(h).toFloatArray();
          for (int i = 0; i < n; i++) {
            for (int k = 0; k < v; k++) {
              assertEquals(full[(start + i) * v + k], got[i * v + k], 1e-4, arch + " position " + (start + i));
            }
          }
        }
      }
    }
  }

  @Test
  void laterTokensNeverChangeEarlierLogits() {
    ModelConfig c = TestModels.tinyConfig(Architecture.QWEN2, false);
    try (NDManager m = manager.newSubManager(); CausalLM lm = CausalLM.load(c, new TestModels(c, 2, 0.2), m)) {
      float[] a = logitsFull(lm, m, new long[] {5, 6, 7, 8});
      float[] b = logitsFull(lm, m, new long[] {5, 6, 7, 90});
      int keep = 3 * c.vocabSize();
      assertArrayEquals(java.util.Arrays.copyOf(a, keep), java.util.Arrays.copyOf(b, keep));
      assertTrue(a[keep] != b[keep], "the last position must see its own token");
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void leftPaddingDoesNotChangeARow(Architecture arch) {
    ModelConfig c = TestModels.tinyConfig(arch, false);
    try (NDManager m = manager.newSubManager(); CausalLM lm = CausalLM.load(c, new TestModels(c, 3, 0.2), m)) {
      long[] shortRow = {9, 8, 7};
      float[] alone = logitsFull(lm, m, shortRow);
      // Batch: row 0 is 6 real tokens, row 1 is the short prompt left-padded by 3.
      long[] ids = {1, 2, 3, 4, 5, 6, 0, 0, 0, 9, 8, 7};
      long[] pos = {0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 1, 2};
      boolean[][] valid = {{true, true, true, true, true, true}, {false, false, false, true, true, true}};
      NDArray h = lm.hidden(m, m.create(ids, new Shape(2, 6)), m.create(pos, new Shape(2, 6)),
          AttentionMask.build(m, valid, 0, 6, 0), null);
      float[] batch = lm.logits(h).toFloatArray();
      int v = c.vocabSize();
      for (int t = 0; t < 3; t++) {
        for (int k = 0; k < v; k++) {
          assertEquals(alone[t * v + k], batch[(6 + 3 + t) * v + k], 1e-4, arch + " padded position " + t);
        }
      }
    }
  }

  @Test
  void aTensorOfTheWrongShapeIsNamed() {
    ModelConfig c = TestModels.tinyConfig(Architecture.LLAMA, true);
    WeightSource wrong = new TestModels(c, 4, 0.2) {
      @Override public FloatTensor load(String name) {
        if (!name.equals("model.layers.1.mlp.up_proj.weight")) return super.load(name);
        FloatTensor t = super.load("model.layers.1.mlp.down_proj.weight");
        return new FloatTensor(name, t.shape(), t.data());
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CausalLM.load(c, wrong, manager));
    assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight"), e.getMessage());
    assertTrue(e.getMessage().contains("[32, 64]") && e.getMessage().contains("[64, 32]"), e.getMessage());
  }

  @Test
  void aMissingTensorIsNamed() {
    ModelConfig c = TestModels.tinyConfig(Architecture.QWEN3, true);
    WeightSource missing = new TestModels(c, 5, 0.2) {
      @Override public Set<String> names() { return super.names(); }

      @Override public FloatTensor load(String name) {
        if (name.endsWith("layers.0.self_attn.k_norm.weight")) {
          throw new IllegalArgumentException(description() + ": no tensor '" + name + "'");
        }
        return super.load(name);
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CausalLM.load(c, missing, manager));
    assertTrue(e.getMessage().contains("k_norm"), e.getMessage());
  }
}
