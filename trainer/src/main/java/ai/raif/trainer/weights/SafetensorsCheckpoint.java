package ai.raif.trainer.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weights of a Hugging Face checkpoint directory: {@value #SINGLE_FILE}, or shards listed by the
 * {@code weight_map} of {@value #INDEX_FILE} (the single file wins when both exist, as in transformers). All headers
 * are read and cross-checked at {@link #open}.
 */
public final class SafetensorsCheckpoint {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path location;
    private final Map<String, SafetensorsFile> fileByTensor;

    private SafetensorsCheckpoint(Path location, Map<String, SafetensorsFile> fileByTensor) {
        this.location = location;
        this.fileByTensor = fileByTensor;
    }

    /**
     * Opens a checkpoint directory, or a single {@code .safetensors} file.
     *
     * @throws UncheckedIOException  if there is no weight file (cause: NoSuchFileException) or one cannot be read
     * @throws WeightFormatException naming the file if the index or a header is malformed, the index lists a missing
     *                               shard, or a shard lacks a tensor the index maps to it
     */
    public static SafetensorsCheckpoint open(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return single(dirOrFile, SafetensorsFile.open(dirOrFile));
        }
        Path single = dirOrFile.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return single(dirOrFile, SafetensorsFile.open(single));
        }
        Path index = dirOrFile.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return sharded(dirOrFile, index);
        }
        throw new UncheckedIOException(dirOrFile + ": no " + SINGLE_FILE + " or " + INDEX_FILE,
                new NoSuchFileException(dirOrFile.toString(), null, "no " + SINGLE_FILE + " or " + INDEX_FILE));
    }

    /** The directory (or file) this checkpoint was opened from. */
    public Path location() {
        return location;
    }

    /** All tensor names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(fileByTensor.keySet());
    }

    public boolean contains(String name) {
        return fileByTensor.containsKey(name);
    }

    /** @throws IllegalArgumentException naming the checkpoint and tensor if there is no such tensor */
    public SafetensorsTensorInfo info(String name) {
        return fileOf(name).info(name);
    }

    /** The tensor's shape in PyTorch order. */
    public long[] shape(String name) {
        return info(name).shape();
    }

    /** The tensor as float32; see {@link SafetensorsFile#load}. */
    public FloatTensor load(String name) {
        return fileOf(name).load(name);
    }

    private SafetensorsFile fileOf(String name) {
        SafetensorsFile file = fileByTensor.get(name);
        if (file == null) {
            throw new IllegalArgumentException("safetensors checkpoint " + location + " has no tensor '" + name + "'");
        }
        return file;
    }

    private static SafetensorsCheckpoint single(Path location, SafetensorsFile file) {
        Map<String, SafetensorsFile> byTensor = new TreeMap<>();
        file.names().forEach(name -> byTensor.put(name, file));
        return new SafetensorsCheckpoint(location, byTensor);
    }

    private static SafetensorsCheckpoint sharded(Path dir, Path index) {
        JsonNode weightMap = readIndex(index).path("weight_map");
        if (!weightMap.isObject()) {
            throw new WeightFormatException("checkpoint index " + index + " has no \"weight_map\" object");
        }
        Path root = dir.toAbsolutePath().normalize();
        Map<String, SafetensorsFile> shards = new HashMap<>();
        Map<String, SafetensorsFile> byTensor = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String tensor = entry.getKey();
            if (!entry.getValue().isTextual()) {
                throw new WeightFormatException("checkpoint index " + index + " maps tensor '" + tensor
                        + "' to " + entry.getValue() + ", not a file name");
            }
            String shardName = entry.getValue().textValue();
            SafetensorsFile shard = shards.get(shardName);
            if (shard == null) {
                Path shardPath = root.resolve(shardName).normalize();
                if (!shardPath.getParent().equals(root)) {
                    throw new WeightFormatException("checkpoint index " + index + " lists shard '" + shardName
                            + "' outside its directory");
                }
                if (!Files.isRegularFile(shardPath)) {
                    throw new WeightFormatException("checkpoint index " + index + " lists shard '" + shardName
                            + "' (for tensor '" + tensor + "'), which is missing");
                }
                shard = SafetensorsFile.open(shardPath);
                shards.put(shardName, shard);
            }
            if (!shard.hasTensor(tensor)) {
                throw new WeightFormatException("checkpoint index " + index + " maps tensor '" + tensor + "' to shard "
                        + shard.path() + ", which does not contain it");
            }
            byTensor.put(tensor, shard);
        }
        return new SafetensorsCheckpoint(dir, byTensor);
    }

    private static JsonNode readIndex(Path index) {
        try {
            return SafetensorsFile.JSON.readTree(Files.readAllBytes(index));
        } catch (JsonProcessingException e) {
            throw new WeightFormatException("checkpoint index " + index + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw MappedFiles.failure(index, e);
        }
    }
}
