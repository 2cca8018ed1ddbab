package ai.raif.trainer.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Saves weights as Hugging Face does ({@code save_pretrained}): one {@value SafetensorsCheckpoint#SINGLE_FILE} when
 * they fit one shard, else {@code model-00001-of-0000N.safetensors} files plus
 * {@value SafetensorsCheckpoint#INDEX_FILE}; weight files of an earlier save that the new one does not use are
 * deleted, so the directory never mixes two saves.
 */
public final class SafetensorsCheckpointWriter {
    private static final String SHARD_PATTERN = "model-[0-9][0-9][0-9][0-9][0-9]-of-[0-9][0-9][0-9][0-9][0-9].safetensors";

    private SafetensorsCheckpointWriter() {
    }

    /**
     * Writes {@code tensors} (in the order given, which decides the shard split) into {@code dir}.
     *
     * @param maxShardBytes the most tensor data bytes per shard (a larger tensor gets a shard of its own)
     * @return the files written, weight files first and the index (if any) last
     */
    public static List<Path> write(Path dir, List<FloatTensor> tensors, SafetensorsDtype dtype, long maxShardBytes) {
        List<List<FloatTensor>> shards = split(tensors, dtype, maxShardBytes);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            if (shards.size() <= 1) {
                Path file = dir.resolve(SafetensorsCheckpoint.SINGLE_FILE);
                SafetensorsWriter.write(file, shards.isEmpty() ? List.of() : shards.get(0), dtype);
                written.add(file);
            } else {
                Map<String, String> weightMap = new TreeMap<>();
                long totalSize = 0;
                for (int i = 0; i < shards.size(); i++) {
                    String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
                    SafetensorsWriter.write(dir.resolve(name), shards.get(i), dtype);
                    written.add(dir.resolve(name));
                    for (FloatTensor tensor : shards.get(i)) {
                        weightMap.put(tensor.name(), name);
                        totalSize += SafetensorsWriter.dataBytes(tensor, dtype);
                    }
                }
                Path index = dir.resolve(SafetensorsCheckpoint.INDEX_FILE);
                byte[] json = indexJson(totalSize, weightMap);
                WeightFileOutput.replaceAtomically(index, channel -> WeightFileOutput.writeFully(channel, ByteBuffer.wrap(json)));
                written.add(index);
            }
            deleteStale(dir, written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * Groups tensors into shards of at most {@code maxShardBytes} data bytes, in order; a tensor larger than that
     * gets a shard of its own (huggingface_hub's split_state_dict_into_shards).
     */
    static List<List<FloatTensor>> split(List<FloatTensor> tensors, SafetensorsDtype dtype, long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        List<List<FloatTensor>> shards = new ArrayList<>();
        List<FloatTensor> current = new ArrayList<>();
        long currentBytes = 0;
        for (FloatTensor tensor : tensors) {
            long bytes = SafetensorsWriter.dataBytes(tensor, dtype);
            if (bytes > maxShardBytes) {
                shards.add(List.of(tensor));
                continue;
            }
            if (currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(tensor);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }

    private static byte[] indexJson(long totalSize, Map<String, String> weightMap) {
        ObjectNode root = SafetensorsFile.JSON.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = root.putObject("weight_map");
        weightMap.forEach(map::put);
        try {
            return (SafetensorsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a checkpoint index", e);
        }
    }

    private static void deleteStale(Path dir, List<Path> written) throws IOException {
        Set<Path> keep = new HashSet<>(written);
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE),
                dir.resolve(SafetensorsCheckpoint.INDEX_FILE)));
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, SHARD_PATTERN)) {
            shards.forEach(candidates::add);
        }
        for (Path candidate : candidates) {
            if (!keep.contains(candidate)) {
                Files.deleteIfExists(candidate);
            }
        }
    }
}
