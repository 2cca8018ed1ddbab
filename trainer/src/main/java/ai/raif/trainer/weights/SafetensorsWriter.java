package ai.raif.trainer.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float32 tensors to one {@code .safetensors} file as the reference implementation lays it out: compact JSON
 * header with {@code __metadata__} first, tensors sorted by name both in the header and in the data, header padded
 * with spaces to a multiple of 8 bytes so the data starts 8-byte aligned. The file is replaced atomically.
 */
public final class SafetensorsWriter {
    /** The metadata transformers writes, and expects when loading. */
    public static final Map<String, String> PT_METADATA = Map.of("format", "pt");

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} stored as {@code dtype} (F32, F16 or BF16) with {@link #PT_METADATA}. */
    public static void write(Path file, Collection<FloatTensor> tensors, SafetensorsDtype dtype) {
        write(file, tensors, dtype, PT_METADATA);
    }

    /** As {@link #write(Path, Collection, SafetensorsDtype)}, with the given {@code __metadata__} (omitted if empty). */
    public static void write(Path file, Collection<FloatTensor> tensors, SafetensorsDtype dtype,
                             Map<String, String> metadata) {
        if (!dtype.isFloatConvertible()) {
            throw new IllegalArgumentException("cannot write float32 tensors as " + dtype + " (F32, F16 or BF16 only)");
        }
        List<FloatTensor> sorted = tensors.stream().sorted(Comparator.comparing(FloatTensor::name)).toList();
        byte[] header = header(sorted, dtype, metadata);
        WeightFileOutput.replaceAtomically(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            WeightFileOutput.writeFully(channel, prefix.flip());
            WeightFileOutput.writeFully(channel, ByteBuffer.wrap(header));
            for (FloatTensor tensor : sorted) {
                WeightFileOutput.writeEncoded(channel, tensor, dtype.floatCodec());
            }
        });
    }

    /** Bytes the tensor's data takes when stored as {@code dtype}. */
    static long dataBytes(FloatTensor tensor, SafetensorsDtype dtype) {
        return tensor.numel() * dtype.byteSize();
    }

    private static byte[] header(List<FloatTensor> sorted, SafetensorsDtype dtype, Map<String, String> metadata) {
        ObjectNode root = SafetensorsFile.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsFile.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (FloatTensor tensor : sorted) {
            if (tensor.name().equals(SafetensorsFile.METADATA_KEY) || root.has(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is reserved or used twice");
            }
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", dtype.name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            long end = offset + dataBytes(tensor, dtype);
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        try {
            byte[] json = SafetensorsFile.JSON.writeValueAsBytes(root);
            byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
            Arrays.fill(padded, json.length, padded.length, (byte) ' ');
            return padded;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a safetensors header", e);
        }
    }
}
