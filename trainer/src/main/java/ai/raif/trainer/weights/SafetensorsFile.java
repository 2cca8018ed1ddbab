package ai.raif.trainer.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file: an 8-byte little-endian header length, a JSON header (tensor dtype, shape and data
 * offsets, optional string map {@code __metadata__}), then the tensor data. The header is read once at
 * {@link #open}; tensor data is mapped from the file on each {@link #load}.
 *
 * <p>F32 tensors load without a copy, as copy-on-write mappings: pages are read lazily and writes to the buffer
 * (say, an in-place weight update) stay private to the process. Never rewrite a loaded file in place (truncating a
 * mapped file crashes its readers); {@link SafetensorsWriter} replaces files atomically instead.
 */
public final class SafetensorsFile {
    /** The header size limit of the reference implementation (safetensors' MAX_HEADER_SIZE). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path path;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, SafetensorsTensorInfo> tensors;

    private SafetensorsFile(Path path, long dataStart, Map<String, String> metadata,
                            Map<String, SafetensorsTensorInfo> tensors) {
        this.path = path;
        this.dataStart = dataStart;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /**
     * Reads and checks the header of {@code path}.
     *
     * @throws WeightFormatException naming the file (and tensor) if the header is not valid safetensors JSON, a dtype
     *                               is unknown, offsets disagree with dtype and shape, or data lies beyond the end
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static SafetensorsFile open(Path path) {
        long size = MappedFiles.size(path);
        if (size < 8) {
            throw error(path, "truncated file: " + size + " bytes, too short for the 8-byte header length");
        }
        long headerLength = MappedFiles.readOnly(path, 0, 8).getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw error(path, "header length " + Long.toUnsignedString(headerLength) + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes; not a safetensors file?");
        }
        if (8 + headerLength > size) {
            throw error(path, "truncated file: the header needs " + (8 + headerLength) + " bytes but the file has "
                    + size);
        }
        byte[] header = new byte[(int) headerLength];
        MappedFiles.readOnly(path, 8, headerLength).get(header);
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw error(path, "header is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw MappedFiles.failure(path, e);
        }
        if (root == null || !root.isObject()) {
            throw error(path, "header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        Map<String, String> metadata = Map.of();
        Map<String, SafetensorsTensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(path, field.getValue());
            } else {
                tensors.put(field.getKey(), parseTensor(path, field.getKey(), field.getValue(), size - dataStart));
            }
        }
        return new SafetensorsFile(path, dataStart, metadata, Collections.unmodifiableMap(tensors));
    }

    public Path path() {
        return path;
    }

    /** The {@code __metadata__} map (empty if absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names in header order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /** @throws IllegalArgumentException naming the file and tensor if there is no such tensor */
    public SafetensorsTensorInfo info(String name) {
        SafetensorsTensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("safetensors file " + path + " has no tensor '" + name + "'");
        }
        return info;
    }

    /**
     * The tensor as float32: F32 as a copy-on-write mapping of the file, F16 and BF16 widened into a new direct
     * buffer.
     *
     * @throws UnsupportedOperationException if the dtype is not F32, F16 or BF16
     */
    public FloatTensor load(String name) {
        SafetensorsTensorInfo info = info(name);
        SafetensorsDtype dtype = info.dtype();
        if (!dtype.isFloatConvertible()) {
            throw new UnsupportedOperationException("safetensors file " + path + ": tensor '" + name + "' has dtype "
                    + dtype + "; only F32, F16 and BF16 load as float32");
        }
        long numel = info.numel();
        FloatTensor.checkFitsOneBuffer(name, numel);
        long offset = dataStart + info.begin();
        long length = info.end() - info.begin();
        if (dtype == SafetensorsDtype.F32) {
            return new FloatTensor(name, info.shape(), MappedFiles.copyOnWrite(path, offset, length));
        }
        ByteBuffer data = FloatTensor.allocate(name, numel);
        dtype.floatCodec().dequantize(MappedFiles.readOnly(path, offset, length), numel, data.asFloatBuffer());
        return new FloatTensor(name, info.shape(), data);
    }

    private static Map<String, String> parseMetadata(Path path, JsonNode node) {
        if (!node.isObject()) {
            throw error(path, METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw error(path, METADATA_KEY + " value of '" + entry.getKey() + "' is not a string");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static SafetensorsTensorInfo parseTensor(Path path, String name, JsonNode node, long dataLength) {
        String where = "tensor '" + name + "'";
        JsonNode dtypeNode = node.path("dtype");
        if (!dtypeNode.isTextual()) {
            throw error(path, where + " has no string \"dtype\"");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeNode.textValue())
                .orElseThrow(() -> error(path, where + " has unknown dtype '" + dtypeNode.textValue() + "'"));
        long[] shape = longs(path, where, node.path("shape"), "shape", -1);
        long[] offsets = longs(path, where, node.path("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw error(path, where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        SafetensorsTensorInfo info = new SafetensorsTensorInfo(name, dtype, shape, begin, end);
        long needed;
        try {
            needed = Math.multiplyExact(info.numel(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw error(path, where + " has too many elements");
        }
        if (end - begin != needed) {
            throw error(path, where + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but dtype " + dtype + " and shape " + Arrays.toString(shape) + " need " + needed);
        }
        if (end > dataLength) {
            throw error(path, "truncated file: " + where + " ends at byte " + end + " of the data section but only "
                    + dataLength + " bytes follow the header");
        }
        return info;
    }

    /** A JSON array of non-negative integers ({@code length} of them unless negative). */
    private static long[] longs(Path path, String where, JsonNode node, String field, int length) {
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw error(path, where + " has no " + (length >= 0 ? length + "-element " : "") + "array \"" + field + "\"");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong() || element.longValue() < 0) {
                throw error(path, where + ": \"" + field + "\" holds " + element + ", not a non-negative integer");
            }
            values[i] = element.longValue();
        }
        return values;
    }

    private static WeightFormatException error(Path path, String reason) {
        return new WeightFormatException("safetensors file " + path + ": " + reason);
    }
}
