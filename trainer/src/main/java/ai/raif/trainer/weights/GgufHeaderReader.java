package ai.raif.trainer.weights;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the header of a GGUF v2/v3 file (everything before the tensor data) and checks it against the file size. */
final class GgufHeaderReader {
    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    /** Arrays of arrays of ...: gguf-py writes nested arrays; no model file nests them deeper than a few levels. */
    static final int MAX_ARRAY_DEPTH = 8;

    private final Path path;
    private final ByteBuffer buf;
    private final long fileSize;
    private String reading = "the magic";

    GgufHeaderReader(Path path, ByteBuffer header, long fileSize) {
        this.path = path;
        this.buf = header;
        this.fileSize = fileSize;
    }

    GgufFile read() {
        try {
            return readHeader();
        } catch (BufferUnderflowException e) {
            throw error("truncated file: it ends inside the header while reading " + reading
                    + " (file size " + fileSize + " bytes)");
        }
    }

    private GgufFile readHeader() {
        int magic = buf.getInt();
        if (magic != MAGIC) {
            throw error(String.format("not a GGUF file: magic bytes %08x, expected 47475546 (\"GGUF\")",
                    Integer.reverseBytes(magic)));
        }
        reading = "the version";
        int version = buf.getInt();
        if (version != 2 && version != 3) {
            int swapped = Integer.reverseBytes(version);
            throw error(swapped == 2 || swapped == 3
                    ? "big-endian GGUF files are not supported"
                    : "unsupported GGUF version " + Integer.toUnsignedString(version) + " (supported: 2, 3)");
        }
        reading = "the tensor and metadata counts";
        long tensorCount = count(buf.getLong(), "tensor count");
        long kvCount = count(buf.getLong(), "metadata count");

        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            reading = "metadata entry #" + i;
            String key = readString();
            reading = "metadata '" + key + "'";
            if (metadata.put(key, readValue(valueType(buf.getInt(), key), key, 0)) != null) {
                throw error("duplicate metadata key '" + key + "'");
            }
        }
        long alignment = alignment(metadata);

        Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            reading = "tensor info #" + i;
            GgufTensorInfo info = readTensorInfo(alignment);
            if (tensors.put(info.name(), info) != null) {
                throw error("duplicate tensor '" + info.name() + "'");
            }
        }
        long dataOffset = (buf.position() + alignment - 1) / alignment * alignment;
        for (GgufTensorInfo info : tensors.values()) {
            long end = dataOffset + info.offset() + info.byteSize();
            if (end > fileSize) {
                throw error("truncated file: tensor '" + info.name() + "' needs bytes up to " + end
                        + " but the file has " + fileSize);
            }
        }
        return new GgufFile(path, version, alignment, dataOffset, Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors));
    }

    private GgufTensorInfo readTensorInfo(long alignment) {
        String name = readString();
        reading = "tensor info '" + name + "'";
        int nDims = buf.getInt();
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw error("tensor '" + name + "' has " + Integer.toUnsignedString(nDims) + " dimensions (1 to "
                    + MAX_DIMS + " allowed)");
        }
        long[] dims = new long[nDims];
        for (int d = 0; d < nDims; d++) {
            dims[d] = buf.getLong();
            if (dims[d] < 0) {
                throw error("tensor '" + name + "' has dimension " + Long.toUnsignedString(dims[d]));
            }
        }
        int typeId = buf.getInt();
        GgmlType type = GgmlType.fromId(typeId).orElseThrow(() -> error("tensor '" + name
                + "' has unknown or unsupported ggml type id " + Integer.toUnsignedString(typeId)));
        long offset = buf.getLong();
        if (dims[0] % type.blockSize() != 0) {
            throw error("tensor '" + name + "' of type " + type + " has a row of " + dims[0]
                    + " values, not a multiple of the block size " + type.blockSize());
        }
        if (offset < 0 || offset % alignment != 0) {
            throw error("tensor '" + name + "' has data offset " + Long.toUnsignedString(offset)
                    + ", not a multiple of the alignment " + alignment);
        }
        GgufTensorInfo info = new GgufTensorInfo(name, dims, type, offset);
        try {
            info.byteSize(); // the element count must fit a long
        } catch (ArithmeticException e) {
            throw error("tensor '" + name + "' has too many elements");
        }
        return info;
    }

    private long alignment(Map<String, Object> metadata) {
        Object value = metadata.getOrDefault(GgufFile.ALIGNMENT_KEY, (long) GgufFile.DEFAULT_ALIGNMENT);
        if (!(value instanceof Long alignment) || alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw error("metadata '" + GgufFile.ALIGNMENT_KEY + "' must be a power of two, got " + value);
        }
        return alignment;
    }

    private GgufValueType valueType(int id, String key) {
        return GgufValueType.fromId(id)
                .orElseThrow(() -> error("metadata '" + key + "' has unknown value type " + Integer.toUnsignedString(id)));
    }

    private Object readValue(GgufValueType type, String key, int depth) {
        return switch (type) {
            case UINT8 -> (long) (buf.get() & 0xff);
            case INT8 -> (long) buf.get();
            case UINT16 -> (long) (buf.getShort() & 0xffff);
            case INT16 -> (long) buf.getShort();
            case UINT32 -> buf.getInt() & 0xffffffffL;
            case INT32 -> (long) buf.getInt();
            case UINT64, INT64 -> buf.getLong(); // a uint64 above Long.MAX_VALUE keeps its bits (negative long)
            case FLOAT32 -> (double) buf.getFloat();
            case FLOAT64 -> buf.getDouble();
            case BOOL -> readBool(key);
            case STRING -> readString();
            case ARRAY -> readArray(key, depth + 1);
        };
    }

    private Boolean readBool(String key) {
        byte b = buf.get();
        if (b != 0 && b != 1) {
            throw error("metadata '" + key + "' has bool byte " + b + " (0 or 1 expected)");
        }
        return b == 1;
    }

    private List<Object> readArray(String key, int depth) {
        if (depth > MAX_ARRAY_DEPTH) {
            // each level costs a file only 12 bytes, so without a bound a small file could exhaust the stack
            throw error("metadata '" + key + "' nests arrays more than " + MAX_ARRAY_DEPTH + " deep");
        }
        GgufValueType elementType = valueType(buf.getInt(), key);
        long n = buf.getLong();
        if (n < 0 || n > buf.remaining()) { // every element takes at least one byte
            throw error("truncated file: metadata array '" + key + "' claims " + Long.toUnsignedString(n)
                    + " elements but only " + buf.remaining() + " header bytes remain");
        }
        List<Object> values = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            values.add(readValue(elementType, key, depth));
        }
        return Collections.unmodifiableList(values);
    }

    private String readString() {
        long length = buf.getLong();
        if (length < 0 || length > buf.remaining()) {
            throw error("truncated file: a string of " + Long.toUnsignedString(length) + " bytes in " + reading
                    + " goes past the end of the file");
        }
        byte[] bytes = new byte[(int) length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long count(long value, String what) {
        if (value < 0 || value > fileSize) { // every entry takes at least one byte
            throw error("implausible " + what + " " + Long.toUnsignedString(value));
        }
        return value;
    }

    private WeightFormatException error(String reason) {
        return new WeightFormatException("GGUF file " + path + ": " + reason);
    }
}
