package ai.raif.trainer.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.model.AttentionMask;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.HfWeights;
import ai.raif.trainer.model.ModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tiny random checkpoints saved by transformers (tools/golden/tiny_models.py) give the logits transformers computed:
 * every architecture variant, both config.json layouts (transformers 4 and 5), left padding, and llama3 RoPE scaling
 * at 200 positions. Tolerance 1e-4: fp32 with different op order, on logits of magnitude ~10.
 */
class TinyModelParityTest {
  static final double TOL = 1e-4;

  static float[] forward(CausalLM lm, NDManager m, long[][] ids, long[][] pos, boolean[][] valid) {
    int b = ids.length;
    int t = ids[0].length;
    long[] flatIds = new long[b * t];
    long[] flatPos = new long[b * t];
    for (int i = 0; i < b; i++) {
      System.arraycopy(ids[i], 0, flatIds, i * t, t);
      System.arraycopy(pos[i], 0, flatPos, i * t, t);
    }
    NDArray h = lm.hidden(m, m.create(flatIds, new Shape(b, t)), m.create(flatPos, new Shape(b, t)),
        AttentionMask.build(m, valid, 0, t, lm.config().slidingWindow()), null);
    return lm.logits(h).toFloatArray();
  }

  static long[][] rows(JsonNode a) {
    long[][] out = new long[a.size()][];
    for (int i = 0; i < out.length; i++) out[i] = Golden.longs(a.get(i));
    return out;
  }

  static long[][] positions(int t) {
    long[][] p = {new long[t]};
    for (int i = 0; i < t; i++) p[0][i] = i;
    return p;
  }

  static boolean[][] allValid(int t) {
    boolean[][] v = {new boolean[t]};
    java.util.Arrays.fill(v[0], true);
    return v;
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama_tied", "llama_untied", "llama3_rope_scaling", "mistral", "qwen2_qkv_bias",
      "qwen3_qk_norm"})
  void logitsMatchTransformers(String name) throws URISyntaxException {
    Path dir = Path.of(TinyModelParityTest.class.getResource("/golden/tiny/" + name + "/config.json").toURI()).getParent();
    JsonNode expected = Golden.read("/golden/tiny/" + name + "/expected.json");
    ModelConfig c = ModelConfig.fromHfDirectory(dir);
    try (NDManager m = NDManager.newBaseManager(); HfWeights w = HfWeights.open(dir); CausalLM lm = CausalLM.load(c, w, m)) {
      int v = c.vocabSize();
      long[][] ids = rows(expected.get("input_ids"));
      float[] got = forward(lm, m, ids, positions(ids[0].length), allValid(ids[0].length));
      JsonNode want = expected.get("logits").get(0);
      for (int t = 0; t < ids[0].length; t++) {
        float[] row = Golden.floats(want.get(t));
        for (int k = 0; k < v; k++) assertEquals(row[k], got[t * v + k], TOL, name + " position " + t + " token " + k);
      }

      JsonNode batch = expected.get("batch");
      long[][] bIds = rows(batch.get("input_ids"));
      long[][] bPos = rows(batch.get("position_ids"));
      boolean[][] valid = new boolean[bIds.length][bIds[0].length];
      for (int i = 0; i < bIds.length; i++) {
        for (int t = 0; t < bIds[0].length; t++) valid[i][t] = batch.get("attention_mask").get(i).get(t).asInt() == 1;
      }
      float[] bGot = forward(lm, m, bIds, bPos, valid);
      int t = bIds[0].length;
      for (int i = 0; i < bIds.length; i++) {
        float[] row = Golden.floats(batch.get("last_logits").get(i));
        for (int k = 0; k < v; k++) {
          assertEquals(row[k], bGot[(i * t + t - 1) * v + k], TOL, name + " padded batch row " + i + " token " + k);
        }
      }

      long[][] longIds = rows(expected.get("long").get("input_ids"));
      int n = longIds[0].length;
      float[] lGot = forward(lm, m, longIds, positions(n), allValid(n));
      float[] lWant = Golden.floats(expected.get("long").get("last_logits"));
      for (int k = 0; k < v; k++) {
        assertEquals(lWant[k], lGot[(n - 1) * v + k], 10 * TOL, name + " position " + (n - 1) + " token " + k);
      }
    }
  }
}
