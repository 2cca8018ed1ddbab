package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {
    @TempDir
    Path dir;

    @Test
    void metadataOfEveryTypeRoundTrips() {
        Path file = dir.resolve("meta.gguf");
        new GgufWriter()
                .putString("general.architecture", "llama")
                .put("u8", GgufValueType.UINT8, 255)
                .put("i8", GgufValueType.INT8, (byte) -128)
                .put("u16", GgufValueType.UINT16, 65535)
                .put("i16", GgufValueType.INT16, (short) -32768)
                .putUInt32("u32", 0xffffffffL)
                .putInt32("i32", Integer.MIN_VALUE)
                .put("u64", GgufValueType.UINT64, -1L)
                .put("i64", GgufValueType.INT64, Long.MIN_VALUE)
                .putFloat32("f32", 0.1)
                .put("f64", GgufValueType.FLOAT64, 0.1)
                .putBool("yes", true)
                .putBool("no", false)
                .putString("empty", "")
                .putArray("tokens", GgufValueType.STRING, List.of("<s>", "Ġthe", "日本"))
                .putArray("types", GgufValueType.INT32, List.of(1, 2, 3))
                .putArray("none", GgufValueType.UINT8, List.of())
                .putArray("nested", GgufValueType.ARRAY, List.of(
                        new GgufArray(GgufValueType.FLOAT32, List.of(1.5, -2.0)),
                        new GgufArray(GgufValueType.BOOL, List.of(true))))
                .write(file);

        GgufFile gguf = GgufFile.open(file);
        assertEquals(255L, gguf.getLong("u8"));
        assertEquals(-128L, gguf.getLong("i8"));
        assertEquals(65535L, gguf.getLong("u16"));
        assertEquals(-32768L, gguf.getLong("i16"));
        assertEquals(0xffffffffL, gguf.getLong("u32"));
        assertEquals((long) Integer.MIN_VALUE, gguf.getLong("i32"));
        assertEquals("18446744073709551615", Long.toUnsignedString(gguf.getLong("u64")));
        assertEquals(Long.MIN_VALUE, gguf.getLong("i64"));
        assertEquals((double) 0.1f, gguf.getDouble("f32"));
        assertEquals(0.1, gguf.getDouble("f64"));
        assertEquals(true, gguf.getBoolean("yes"));
        assertEquals(false, gguf.getBoolean("no"));
        assertEquals("", gguf.getString("empty"));
        assertEquals(List.of("<s>", "Ġthe", "日本"), gguf.getStringList("tokens"));
        assertEquals(List.of(1L, 2L, 3L), gguf.getLongList("types"));
        assertEquals(List.of(), gguf.metadata().get("none"));
        assertEquals(List.of(List.of(1.5, -2.0), List.of(true)), gguf.metadata().get("nested"));
        assertEquals(List.of("general.architecture", "u8", "i8"), List.copyOf(gguf.metadata().keySet()).subList(0, 3));
        assertTrue(gguf.optLong("missing").isEmpty());
        assertEquals(255L, gguf.optLong("u8").getAsLong());
        assertEquals("llama", gguf.optString("general.architecture").orElseThrow());
        assertEquals(0.1, gguf.optDouble("f64").orElseThrow());
        assertEquals(true, gguf.optBoolean("yes").orElseThrow());
        assertTrue(gguf.optBoolean("maybe").isEmpty());
        assertTrue(gguf.tensors().isEmpty());
        assertFalse(gguf.hasTensor("anything"));
    }

    @Test
    void tensorsOfEveryWritableTypeReadBackAsTheyQuantize() {
        Path file = dir.resolve("tensors.gguf");
        GgufWriter writer = new GgufWriter().putString("general.architecture", "llama");
        GgmlType[] types = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1,
                GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};
        long[][] shapes = {{512}, {2, 256}, {2, 1, 256}, {1, 2, 1, 256}};
        for (int t = 0; t < types.length; t++) {
            long[] shape = shapes[t % shapes.length];
            writer.addTensor(FloatTensor.of("w." + types[t], shape, GgmlTypeTest.weightLike(t, 512)), types[t]);
        }
        writer.addTensor(FloatTensor.of("odd.f32", new long[] {3}, 1f, -2f, 3.5f), GgmlType.F32); // needs padding
        writer.write(file);

        GgufFile gguf = GgufFile.open(file);
        for (int t = 0; t < types.length; t++) {
            String name = "w." + types[t];
            FloatTensor loaded = gguf.load(name);
            assertEquals(types[t], gguf.tensor(name).type());
            assertArrayEquals(shapes[t % shapes.length], loaded.shape(), name);
            float[] expected = GgmlTypeTest.roundTrip(types[t], GgmlTypeTest.weightLike(t, 512));
            assertArrayEquals(expected, loaded.toArray(), name);
        }
        assertArrayEquals(new float[] {1f, -2f, 3.5f}, gguf.load("odd.f32").toArray());
        assertEquals(GgufFile.DEFAULT_ALIGNMENT, gguf.alignment());
        for (GgufTensorInfo info : gguf.tensors()) {
            assertEquals(0, info.offset() % 32, info.name());
        }
    }

    @Test
    void f32DataRoundTripsExactlyAndShapesComeBackInPytorchOrder() {
        float[] values = new float[6 * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * 1e-3f;
        }
        values[5] = Float.MIN_VALUE;
        values[6] = -0.0f;
        Path file = dir.resolve("f32.gguf");
        new GgufWriter().addTensor(FloatTensor.of("m", new long[] {6, 64}, values), GgmlType.F32).write(file);

        GgufFile gguf = GgufFile.open(file);
        assertArrayEquals(new long[] {64, 6}, gguf.tensor("m").dims());
        FloatTensor m = gguf.load("m");
        assertEquals(FloatTensor.of("m", new long[] {6, 64}, values), m);
        assertEquals(values[64 + 3], m.get(64 + 3)); // row 1, column 3 in row-major order
    }

    @Test
    void customAlignmentIsHonoured() {
        Path file = dir.resolve("aligned.gguf");
        new GgufWriter().putUInt32(GgufFile.ALIGNMENT_KEY, 128)
                .addTensor(FloatTensor.of("a", new long[] {5}, 1, 2, 3, 4, 5), GgmlType.F32)
                .addTensor(FloatTensor.of("b", new long[] {2}, 6, 7), GgmlType.F32)
                .write(file);
        GgufFile gguf = GgufFile.open(file);
        assertEquals(128, gguf.alignment());
        assertEquals(0, gguf.dataOffset() % 128);
        assertEquals(128, gguf.tensor("b").offset());
        assertArrayEquals(new float[] {6, 7}, gguf.load("b").toArray());
    }

    @Test
    void writerRejectsWhatGgufCannotHoldNamingTheKeyOrTensor() {
        GgufWriter writer = new GgufWriter();
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> writer.put("n_layers", GgufValueType.UINT8, 300));
        assertTrue(range.getMessage().contains("n_layers") && range.getMessage().contains("300"), range.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> writer.put("eps", GgufValueType.UINT32, 1e-5));
        assertTrue(kind.getMessage().contains("eps"), kind.getMessage());
        IllegalArgumentException element = assertThrows(IllegalArgumentException.class,
                () -> writer.putArray("tokens", GgufValueType.STRING, List.of("a", 1)));
        assertTrue(element.getMessage().contains("tokens") && element.getMessage().contains("element 1"));

        FloatTensor row100 = FloatTensor.of("row100", new long[] {100}, new float[100]);
        IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
                () -> writer.addTensor(row100, GgmlType.Q4_0));
        assertTrue(block.getMessage().contains("row100") && block.getMessage().contains("32"), block.getMessage());
        UnsupportedOperationException type = assertThrows(UnsupportedOperationException.class,
                () -> writer.addTensor(FloatTensor.of("q3", new long[] {256}, new float[256]), GgmlType.Q3_K));
        assertTrue(type.getMessage().contains("q3") && type.getMessage().contains("Q3_K"), type.getMessage());
        writer.addTensor(row100, GgmlType.F32);
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor(row100, GgmlType.F16));
        writer.putUInt32(GgufFile.ALIGNMENT_KEY, 48);
        assertThrows(IllegalArgumentException.class, () -> writer.write(dir.resolve("never.gguf")));
    }
}
