package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded model, SmolLM2-135M-Instruct.Q4_1.gguf, when it is present. Reference values come from gguf-py
 * (smollm2_reference.json, tools/golden/quant_fixtures.py).
 */
class SmolLm2GgufTest {
    private static final Path MODEL = Path.of(System.getProperty("user.home"),
            ".cache/raif/models/SmolLM2-135M-Instruct.Q4_1.gguf");
    private static GgufFile gguf;

    @BeforeAll
    static void open() {
        Assumptions.assumeTrue(Files.isRegularFile(MODEL), "embedded model not present at " + MODEL);
        gguf = GgufFile.open(MODEL);
    }

    @Test
    void metadataDescribesThe135MLlama() {
        assertEquals(3, gguf.version());
        assertEquals("llama", gguf.getString("general.architecture"));
        assertEquals(30, gguf.getLong("llama.block_count"));
        assertEquals(576, gguf.getLong("llama.embedding_length"));
        assertEquals(1536, gguf.getLong("llama.feed_forward_length"));
        assertEquals(9, gguf.getLong("llama.attention.head_count"));
        assertEquals(3, gguf.getLong("llama.attention.head_count_kv"));
        assertEquals(100000.0, gguf.getDouble("llama.rope.freq_base"));
        assertEquals(1e-5f, (float) gguf.getDouble("llama.attention.layer_norm_rms_epsilon"));
        assertEquals(49152, gguf.getStringList("tokenizer.ggml.tokens").size());
        assertEquals(49152, gguf.getLongList("tokenizer.ggml.token_type").size());
        assertEquals(48900, gguf.getStringList("tokenizer.ggml.merges").size());
        assertEquals("gpt2", gguf.getString("tokenizer.ggml.model"));
        assertFalse(gguf.getBoolean("tokenizer.ggml.add_bos_token"));
        assertEquals(2, gguf.getLong("tokenizer.ggml.eos_token_id"));
    }

    @Test
    void tokenEmbeddingIsQ8_0AndTheOtherMatricesQ4_1() {
        assertEquals(272, gguf.tensors().size());
        Map<GgmlType, Long> counts = gguf.tensors().stream()
                .collect(Collectors.groupingBy(GgufTensorInfo::type, Collectors.counting()));
        assertEquals(Map.of(GgmlType.Q8_0, 1L, GgmlType.Q4_1, 210L, GgmlType.F32, 61L), counts);
        assertEquals(GgmlType.Q8_0, gguf.tensor("token_embd.weight").type());
        assertArrayEquals(new long[] {576, 49152}, gguf.tensor("token_embd.weight").dims());
        assertArrayEquals(new long[] {49152, 576}, gguf.tensor("token_embd.weight").torchShape());
        assertArrayEquals(new long[] {576, 1536}, gguf.tensor("blk.0.ffn_down.weight").torchShape());
        assertArrayEquals(new long[] {192, 576}, gguf.tensor("blk.0.attn_k.weight").torchShape());
    }

    @Test
    void loadedTensorsMatchGgufPy() {
        JsonNode reference = TestResources.json("smollm2_reference.json");
        for (var it = reference.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            JsonNode expected = entry.getValue();
            FloatTensor tensor = gguf.load(name);
            assertEquals(expected.get("type").textValue(), gguf.tensor(name).type().name(), name);
            assertArrayEquals(TestResources.longs(expected.get("torch_shape")), tensor.shape(), name);
            int n = (int) tensor.numel();
            assertArrayEquals(TestResources.floats(expected.get("first")), head(tensor, 8), name);
            assertArrayEquals(TestResources.floats(expected.get("last")), tail(tensor, n, 8), name);
            double sum = 0;
            double absSum = 0;
            for (int i = 0; i < n; i++) {
                sum += tensor.get(i);
                absSum += Math.abs(tensor.get(i));
            }
            // the float values are bit-exact (checked above and in GgufFixtureTest); only the summation order differs
            assertEquals(expected.get("sum").doubleValue(), sum, 1e-9 * absSum, name);
            assertEquals(expected.get("abs_sum").doubleValue(), absSum, 1e-9 * absSum, name);
        }
    }

    private static float[] head(FloatTensor t, int k) {
        float[] v = new float[k];
        for (int i = 0; i < k; i++) {
            v[i] = t.get(i);
        }
        return v;
    }

    private static float[] tail(FloatTensor t, int n, int k) {
        float[] v = new float[k];
        for (int i = 0; i < k; i++) {
            v[i] = t.get(n - k + i);
        }
        return v;
    }
}
