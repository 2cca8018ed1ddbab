package ai.raif.trainer.weights;

import static ai.raif.trainer.weights.GgufFileErrorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {
    /** safetensors/sharded was written by huggingface_hub.save_torch_state_dict(max_shard_size=64). */
    private static final JsonNode SHARDED = TestResources.json("safetensors_fixtures.json").get("sharded");
    private static final Path HUB_DIR = TestResources.path("safetensors/sharded");

    @TempDir
    Path dir;

    @Test
    void readsAShardedCheckpointWrittenByHuggingfaceHub() {
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(HUB_DIR);
        assertEquals(List.of("lm_head.weight", "model.big.weight", "model.embed.weight", "model.norm.weight"),
                List.copyOf(checkpoint.names()));
        for (FloatTensor expected : hubTensors()) {
            assertArrayEquals(expected.shape(), checkpoint.shape(expected.name()));
            assertEquals(expected, checkpoint.load(expected.name()));
        }
        assertTrue(checkpoint.contains("model.norm.weight"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> checkpoint.load("x"));
        assertContains(missing.getMessage(), "sharded", "'x'");
    }

    @Test
    void shardsAsHuggingfaceHubDoesByteForByte() throws IOException {
        List<Path> written = SafetensorsCheckpointWriter.write(dir, hubTensors(), SafetensorsDtype.F32,
                SHARDED.get("max_shard_size").longValue());
        assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                "model-00003-of-00003.safetensors", SafetensorsCheckpoint.INDEX_FILE), fileNames(written));
        for (Path shard : written.subList(0, 3)) {
            assertArrayEquals(Files.readAllBytes(HUB_DIR.resolve(shard.getFileName())), Files.readAllBytes(shard),
                    shard.getFileName().toString());
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode ours = json.readTree(dir.resolve(SafetensorsCheckpoint.INDEX_FILE).toFile());
        JsonNode theirs = json.readTree(HUB_DIR.resolve(SafetensorsCheckpoint.INDEX_FILE).toFile());
        assertEquals(theirs.get("weight_map"), ours.get("weight_map"));
        assertEquals(theirs.at("/metadata/total_size"), ours.at("/metadata/total_size"));
    }

    @Test
    void aCheckpointThatFitsOneShardIsASingleFileAndReplacesAnEarlierShardedSave() {
        SafetensorsCheckpointWriter.write(dir, hubTensors(), SafetensorsDtype.F32, 64);
        List<Path> written = SafetensorsCheckpointWriter.write(dir, hubTensors(), SafetensorsDtype.BF16, 1 << 20);
        assertEquals(List.of(SafetensorsCheckpoint.SINGLE_FILE), fileNames(written));
        assertEquals(Set.of(SafetensorsCheckpoint.SINGLE_FILE), Set.copyOf(fileNames(list(dir))));
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir);
        assertEquals(4, checkpoint.names().size());
        assertEquals(SafetensorsDtype.BF16, checkpoint.info("lm_head.weight").dtype());
        assertEquals(checkpoint.names(), SafetensorsCheckpoint.open(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE)).names());
    }

    @Test
    void splitPutsOversizedTensorsAloneAndKeepsOrder() {
        // 32-byte shards: b (80 bytes) alone, a + c fill one, d tips it over
        List<FloatTensor> tensors = List.of(tensor("a", 4), tensor("b", 20), tensor("c", 4), tensor("d", 4));
        List<List<String>> names = SafetensorsCheckpointWriter.split(tensors, SafetensorsDtype.F32, 32).stream()
                .map(shard -> shard.stream().map(FloatTensor::name).toList()).toList();
        assertEquals(List.of(List.of("b"), List.of("a", "c"), List.of("d")), names);
        assertEquals(List.of(), SafetensorsCheckpointWriter.split(List.of(), SafetensorsDtype.F32, 32));
    }

    @Test
    void missingShardIsNamedWithItsIndex() throws IOException {
        SafetensorsCheckpointWriter.write(dir, hubTensors(), SafetensorsDtype.F32, 64);
        Files.delete(dir.resolve("model-00002-of-00003.safetensors"));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertContains(e.getMessage(), SafetensorsCheckpoint.INDEX_FILE, "model-00002-of-00003.safetensors", "missing");
    }

    @Test
    void indexProblemsAreNamed() throws IOException {
        SafetensorsCheckpointWriter.write(dir, hubTensors(), SafetensorsDtype.F32, 64);
        Path index = dir.resolve(SafetensorsCheckpoint.INDEX_FILE);
        String valid = Files.readString(index);

        Files.writeString(index, valid.replace("\"lm_head.weight\" : \"model-00003", "\"lm_head.weight\" : \"model-00001"));
        WeightFormatException wrongShard = assertThrows(WeightFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertContains(wrongShard.getMessage(), "'lm_head.weight'", "model-00001-of-00003.safetensors", "does not contain");

        Files.writeString(index, valid.replace("model-00003-of-00003.safetensors", "../model-00003-of-00003.safetensors"));
        WeightFormatException escape = assertThrows(WeightFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertContains(escape.getMessage(), "outside its directory");

        Files.writeString(index, valid.substring(0, 40));
        WeightFormatException json = assertThrows(WeightFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertContains(json.getMessage(), SafetensorsCheckpoint.INDEX_FILE, "not valid JSON");
    }

    @Test
    void directoryWithoutWeightsIsANoSuchFileError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SafetensorsCheckpoint.open(dir));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertContains(e.getMessage(), dir.toString(), SafetensorsCheckpoint.SINGLE_FILE, SafetensorsCheckpoint.INDEX_FILE);
        assertFalse(Files.exists(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE)));
    }

    /** The hub fixture's tensors, in its state-dict order (which decides the shard split). */
    private static List<FloatTensor> hubTensors() {
        List<FloatTensor> tensors = new ArrayList<>();
        for (JsonNode name : SHARDED.get("order")) {
            JsonNode t = SHARDED.get("tensors").get(name.textValue());
            tensors.add(FloatTensor.of(name.textValue(), TestResources.longs(t.get("shape")), TestResources.floats(t.get("values"))));
        }
        return tensors;
    }

    private static FloatTensor tensor(String name, int n) {
        return FloatTensor.of(name, new long[] {n}, new float[n]);
    }

    private static List<String> fileNames(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
