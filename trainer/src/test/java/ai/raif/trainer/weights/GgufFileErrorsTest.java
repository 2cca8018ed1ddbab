package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Malformed GGUF files fail with an exception that names the file (and the tensor where there is one). */
class GgufFileErrorsTest {
    // header: magic 4, version 4, tensor count 8, kv count 8; then (no metadata) the tensor info of "weights":
    // name 8 + 7, nDims 4, dims 2 x 8, type 4, offset 8; the 68 data bytes are padded to 96
    private static final int VERSION_AT = 4;
    private static final int TYPE_AT = 24 + 8 + 7 + 4 + 16;

    @TempDir
    Path dir;
    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path file = dir.resolve("valid.gguf");
        new GgufWriter().addTensor(FloatTensor.of("weights", new long[] {2, 32}, new float[64]), GgmlType.Q8_0)
                .write(file);
        valid = Files.readAllBytes(file);
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] bytes = valid.clone();
        bytes[3] = 'L';
        assertFails(write("magic.gguf", bytes), "magic.gguf", "not a GGUF file");
    }

    @Test
    void unsupportedVersions() throws IOException {
        assertFails(write("v1.gguf", withInt(VERSION_AT, 1)), "v1.gguf", "unsupported GGUF version 1");
        assertFails(write("v4.gguf", withInt(VERSION_AT, 4)), "v4.gguf", "unsupported GGUF version 4");
        assertFails(write("be.gguf", withInt(VERSION_AT, Integer.reverseBytes(3))), "be.gguf", "big-endian");
    }

    @Test
    void tensorDataCutShort() throws IOException {
        Path file = write("short.gguf", Arrays.copyOf(valid, valid.length - 40));
        assertFails(file, "short.gguf", "truncated", "'weights'");
    }

    @Test
    void headerCutShort() throws IOException {
        assertFails(write("header.gguf", Arrays.copyOf(valid, 30)), "header.gguf", "truncated", "header");
        assertFails(write("empty.gguf", new byte[0]), "empty.gguf", "truncated");
    }

    @Test
    void unknownGgmlTypeId() throws IOException {
        assertFails(write("type.gguf", withInt(TYPE_AT, 99)), "type.gguf", "'weights'", "type id 99");
    }

    @Test
    void missingTensorAndMetadataAreNamed() throws IOException {
        GgufFile gguf = GgufFile.open(write("ok.gguf", valid));
        IllegalArgumentException tensor = assertThrows(IllegalArgumentException.class, () -> gguf.load("nope"));
        assertContains(tensor.getMessage(), "ok.gguf", "'nope'");
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> gguf.getLong("llama.block_count"));
        assertContains(key.getMessage(), "ok.gguf", "'llama.block_count'");

        Path typed = dir.resolve("typed.gguf");
        new GgufWriter().putString("general.name", "x").write(typed);
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> GgufFile.open(typed).getLong("general.name"));
        assertContains(wrongType.getMessage(), "typed.gguf", "'general.name'", "a string", "expected an integer");
    }

    @Test
    void arraysNestedPastTheBoundAreRefusedInsteadOfExhaustingTheStack() throws IOException {
        assertFails(write("deep.gguf", nestedArrays(200_000)), "deep.gguf", "'nest'", "more than 8 deep");
        GgufFile ok = GgufFile.open(write("eight.gguf", nestedArrays(GgufHeaderReader.MAX_ARRAY_DEPTH)));
        Object value = ok.metadata().get("nest");
        for (int level = 1; level < GgufHeaderReader.MAX_ARRAY_DEPTH; level++) value = ((java.util.List<?>) value).get(0);
        assertTrue(((java.util.List<?>) value).isEmpty(), "the innermost array, empty");
    }

    /** A file with no tensors and one key, "nest": {@code depth} arrays, each holding the next, the last empty. */
    private static byte[] nestedArrays(int depth) {
        ByteBuffer b = ByteBuffer.allocate(64 + 12 * depth).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
        b.putLong(4).put("nest".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(9);  // ARRAY
        for (int level = 1; level < depth; level++) b.putInt(9).putLong(1);  // an array of one array
        b.putInt(0).putLong(0);  // the innermost: an empty array of uint8
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void missingFileIsAnUncheckedIoErrorNamingIt() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> GgufFile.open(dir.resolve("absent.gguf")));
        assertContains(e.getMessage(), "absent.gguf");
    }

    private byte[] withInt(int at, int value) {
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return bytes;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertFails(Path file, String... fragments) {
        Executable open = () -> GgufFile.open(file);
        WeightFormatException e = assertThrows(WeightFormatException.class, open);
        assertContains(e.getMessage(), fragments);
    }

    static void assertContains(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + message + "' lacks '" + fragment + "'");
        }
    }
}
