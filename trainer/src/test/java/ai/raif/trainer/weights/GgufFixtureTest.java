package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our reader and codecs against gguf-py: quant_fixtures.gguf was written by gguf-py's GGUFWriter, and the expected
 * floats are gguf.quants.dequantize of the stored bytes. Dequantisation must be bit-exact (every float's bits equal).
 */
class GgufFixtureTest {
    private static final JsonNode MANIFEST = TestResources.json("quant_fixtures.json");
    private static final FloatBuffer FLOATS = TestResources.bytes(TestResources.path("quant_fixtures.f32")).asFloatBuffer();
    private static final GgufFile GGUF = GgufFile.open(TestResources.path("quant_fixtures.gguf"));

    @Test
    void dequantizationIsBitExactWithGgufPyForEveryType() {
        assertEquals(13, MANIFEST.get("tensors").size());
        for (JsonNode entry : MANIFEST.get("tensors")) {
            String name = entry.get("name").textValue();
            GgmlType type = GgmlType.valueOf(entry.get("type").textValue());
            FloatTensor tensor = GGUF.load(name);
            assertEquals(type, GGUF.tensor(name).type(), name);
            assertArrayEquals(TestResources.longs(entry.get("shape")), tensor.shape(), name);
            float[] expected = floatsAt(entry.get("expected_offset").intValue(), (int) tensor.numel());
            assertArrayEquals(bits(expected), bits(tensor.toArray()), name + " differs from gguf-py");
        }
    }

    /** Where gguf-py quantised random floats (F16, BF16, the legacy quants), our quantisers give the same bytes. */
    @Test
    void quantizationIsByteExactWithGgufPyWhereGgufPyQuantizes() {
        int checked = 0;
        for (JsonNode entry : MANIFEST.get("tensors")) {
            if (entry.get("source_offset").isNull()) {
                continue;
            }
            String name = entry.get("name").textValue();
            GgufTensorInfo info = GGUF.tensor(name);
            float[] source = floatsAt(entry.get("source_offset").intValue(), (int) info.numel());
            ByteBuffer ours = ByteBuffer.allocate((int) info.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            info.type().quantize(FloatBuffer.wrap(source), source.length, ours);
            assertEquals(GGUF.rawData(name), ours.flip(), name + ": our quantized bytes differ from gguf-py's");
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void tensorInfosAreInGgmlOrderWithTheFilesAlignment() {
        assertEquals(3, GGUF.version());
        assertEquals(64, GGUF.alignment());
        assertEquals(0, GGUF.dataOffset() % 64);
        GgufTensorInfo info = GGUF.tensor("t.q4_k");
        assertArrayEquals(new long[] {256, 2}, info.dims());
        assertArrayEquals(new long[] {2, 256}, info.torchShape());
        assertEquals(2 * 144, info.byteSize());
        for (GgufTensorInfo t : GGUF.tensors()) {
            assertEquals(0, t.offset() % 64, t.name());
        }
    }

    @Test
    void metadataOfEveryValueTypeReadsAsWritten() {
        JsonNode expected = MANIFEST.get("metadata");
        assertEquals(200L, GGUF.getLong("test.u8"));
        assertEquals(-100L, GGUF.getLong("test.i8"));
        assertEquals(60000L, GGUF.getLong("test.u16"));
        assertEquals(-30000L, GGUF.getLong("test.i16"));
        assertEquals(4000000000L, GGUF.getLong("test.u32"));
        assertEquals(-2000000000L, GGUF.getLong("test.i32"));
        assertEquals(expected.get("test.u64").longValue(), GGUF.getLong("test.u64")); // 2^63 + 5, as its bits
        assertEquals(-(1L << 62), GGUF.getLong("test.i64"));
        assertEquals(expected.get("test.f32").doubleValue(), GGUF.getDouble("test.f32"));
        assertEquals(0.1f, (float) GGUF.getDouble("test.f32"));
        assertEquals(2.718281828459045, GGUF.getDouble("test.f64"));
        assertEquals(true, GGUF.getBoolean("test.bool"));
        assertEquals("héllo ✓ GGUF", GGUF.getString("test.string"));
        assertEquals(List.of("a", "", "ß"), GGUF.getStringList("test.strings"));
        assertEquals(List.of(1L, -2L, 3L), GGUF.getLongList("test.ints"));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L)), GGUF.metadata().get("test.nested"));
        assertEquals("llama", GGUF.getString("general.architecture"));
        assertEquals(64L, GGUF.getLong(GgufFile.ALIGNMENT_KEY));
        for (var it = expected.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertTrue(GGUF.metadata().containsKey(key), key);
        }
    }

    private static float[] floatsAt(int offset, int count) {
        float[] values = new float[count];
        FLOATS.get(offset, values);
        return values;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
