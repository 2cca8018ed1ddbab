package ai.raif.trainer.weights;

import static ai.raif.trainer.weights.GgufFileErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsFileTest {
    private static final JsonNode FIXTURES = TestResources.json("safetensors_fixtures.json");

    @TempDir
    Path dir;

    /** mixed.safetensors was written by safetensors.torch.save_file; values are torch's float() of each tensor. */
    @Test
    void readsAFileWrittenByTheSafetensorsLibrary() {
        SafetensorsFile file = SafetensorsFile.open(TestResources.path("safetensors/mixed.safetensors"));
        assertEquals(Map.of("format", "pt", "note", "fixture"), file.metadata());
        assertEquals(List.of("a.f32", "b.bf16", "c.f16", "d.i64", "e.scalar"), file.names().stream().sorted().toList());
        for (var it = FIXTURES.get("mixed").fields(); it.hasNext(); ) {
            var entry = it.next();
            FloatTensor tensor = file.load(entry.getKey());
            assertArrayEquals(TestResources.longs(entry.getValue().get("shape")), tensor.shape(), entry.getKey());
            assertArrayEquals(TestResources.floats(entry.getValue().get("values")), tensor.toArray(), entry.getKey());
        }
        assertEquals(SafetensorsDtype.BF16, file.info("b.bf16").dtype());
        assertArrayEquals(new long[0], file.load("e.scalar").shape());
        assertArrayEquals(new long[] {2}, file.info("d.i64").shape());
        UnsupportedOperationException ints = assertThrows(UnsupportedOperationException.class, () -> file.load("d.i64"));
        assertContains(ints.getMessage(), "mixed.safetensors", "'d.i64'", "I64");
    }

    /** The safetensors library wrote layout_*.safetensors from the same float32 values; we must write the same bytes. */
    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"F32", "F16", "BF16"})
    void writerReproducesTheLibrarysFileByteForByte(SafetensorsDtype dtype) throws IOException {
        List<FloatTensor> tensors = new ArrayList<>();
        FIXTURES.get("layout_source").fields().forEachRemaining(e -> tensors.add(FloatTensor.of(e.getKey(),
                TestResources.longs(e.getValue().get("shape")), TestResources.floats(e.getValue().get("values")))));
        Path ours = dir.resolve("ours.safetensors");
        SafetensorsWriter.write(ours, tensors, dtype);
        Path theirs = TestResources.path("safetensors/layout_" + dtype + ".safetensors");
        assertEquals(new String(headerOf(theirs), StandardCharsets.UTF_8), new String(headerOf(ours), StandardCharsets.UTF_8));
        assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours));
    }

    @Test
    void f32TensorsMapWithoutCopyAndWritesNeverReachTheFile() throws IOException {
        Path path = dir.resolve("w.safetensors");
        SafetensorsWriter.write(path, List.of(FloatTensor.of("w", new long[] {2, 2}, 1, 2, 3, 4)), SafetensorsDtype.F32);
        byte[] before = Files.readAllBytes(path);
        SafetensorsFile file = SafetensorsFile.open(path);
        FloatTensor w = file.load("w");
        assertTrue(w.data().isDirect());
        assertFalse(w.data().isReadOnly());
        w.data().putFloat(0, 42f); // what an in-place weight update does
        assertEquals(42f, w.get(0));
        assertEquals(1f, file.load("w").get(0));
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"F16", "BF16"})
    void halfPrecisionRoundTripsThroughTheNearestValue(SafetensorsDtype dtype) {
        float[] values = GgmlTypeTest.weightLike(7, 512);
        Path path = dir.resolve("h.safetensors");
        SafetensorsWriter.write(path, List.of(FloatTensor.of("h", new long[] {8, 64}, values)), dtype);
        float[] loaded = SafetensorsFile.open(path).load("h").toArray();
        for (int i = 0; i < values.length; i++) {
            float expected = dtype == SafetensorsDtype.F16 ? HalfFloats.halfToFloat(HalfFloats.floatToHalf(values[i]))
                    : HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(values[i]));
            assertEquals(expected, loaded[i]);
            assertEquals(values[i], loaded[i], Math.abs(values[i]) * (dtype == SafetensorsDtype.F16 ? 0x1p-11 : 0x1p-8) + 1e-7);
        }
    }

    @Test
    void headerIsPaddedToEightBytesWithTensorsSortedAfterMetadata() throws IOException {
        Path path = dir.resolve("sorted.safetensors");
        SafetensorsWriter.write(path, List.of(FloatTensor.of("z", new long[] {1}, 1), FloatTensor.of("b", new long[] {3}, 1, 2, 3)),
                SafetensorsDtype.F32);
        byte[] header = headerOf(path);
        assertEquals(0, header.length % 8);
        String json = new String(header, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,12]},\"z\":"), json);
        assertArrayEquals(new float[] {1, 2, 3}, SafetensorsFile.open(path).load("b").toArray());
    }

    @Test
    void malformedFilesAreRejectedNamingFileAndTensor() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafetensorsWriter.write(good, List.of(FloatTensor.of("w", new long[] {4}, 1, 2, 3, 4)), SafetensorsDtype.F32);
        byte[] valid = Files.readAllBytes(good);

        assertFormatError(Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(valid, valid.length - 4)),
                "cut.safetensors", "truncated", "'w'");
        assertFormatError(Files.write(dir.resolve("tiny.safetensors"), new byte[5]), "tiny.safetensors", "truncated");
        assertFormatError(file("big.safetensors", 5000, "{}", 0), "big.safetensors", "truncated", "5008");
        assertFormatError(withHeader("json.safetensors", "{\"w\": {\"dtype\": ", 0), "json.safetensors", "not valid JSON");
        assertFormatError(withHeader("dtype.safetensors", "{\"w\":{\"dtype\":\"F7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "dtype.safetensors", "'w'", "unknown dtype 'F7'");
        assertFormatError(withHeader("size.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                "size.safetensors", "'w'", "need 8");
        assertFormatError(withHeader("dup.safetensors", "{\"w\":{},\"w\":{}}", 0), "dup.safetensors", "not valid JSON");

        SafetensorsFile file = SafetensorsFile.open(good);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> file.load("v"));
        assertContains(missing.getMessage(), "good.safetensors", "'v'");
    }

    private Path withHeader(String name, String json, int dataBytes) throws IOException {
        return file(name, json.getBytes(StandardCharsets.UTF_8).length, json, dataBytes);
    }

    /** A file with the given header length field, header text and zeroed data bytes. */
    private Path file(String name, long declaredHeaderLength, String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredHeaderLength).put(header);
        return Files.write(dir.resolve(name), bytes.array());
    }

    private static void assertFormatError(Path file, String... fragments) {
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> SafetensorsFile.open(file));
        assertContains(e.getMessage(), fragments);
    }

    private static byte[] headerOf(Path file) {
        ByteBuffer bytes = TestResources.bytes(file);
        byte[] header = new byte[(int) bytes.getLong(0)];
        bytes.get(8, header);
        return header;
    }
}
