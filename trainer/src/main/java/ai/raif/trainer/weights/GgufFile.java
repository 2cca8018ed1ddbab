package ai.raif.trainer.weights;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A GGUF (v2/v3) model file: its metadata and tensor table, read once at {@link #open}; tensor data is mapped from
 * the file on each {@link #load}, so files of any size work and nothing stays open.
 *
 * <p>Metadata values are Java objects: every integer type is a Long (a uint64 above Long.MAX_VALUE keeps its bits
 * and reads negative), float32/float64 a Double, bool a Boolean, string a String, array an unmodifiable List of
 * those (nested arrays are Lists).
 */
public final class GgufFile {
    public static final String ALIGNMENT_KEY = "general.alignment";
    public static final int DEFAULT_ALIGNMENT = 32;

    private final Path path;
    private final int version;
    private final long alignment;
    private final long dataOffset;
    private final Map<String, Object> metadata;
    private final Map<String, GgufTensorInfo> tensors;

    GgufFile(Path path, int version, long alignment, long dataOffset, Map<String, Object> metadata,
             Map<String, GgufTensorInfo> tensors) {
        this.path = path;
        this.version = version;
        this.alignment = alignment;
        this.dataOffset = dataOffset;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /**
     * Reads the header of {@code path}.
     *
     * @throws WeightFormatException if the file is not GGUF v2/v3 little-endian, is truncated, or has a tensor of an
     *                               unknown ggml type; the message names the file (and the tensor)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static GgufFile open(Path path) {
        long size = MappedFiles.size(path);
        ByteBuffer header = MappedFiles.readOnly(path, 0, Math.min(size, Integer.MAX_VALUE));
        return new GgufHeaderReader(path, header, size).read();
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    /** Alignment of the tensor data ({@value #ALIGNMENT_KEY}, default {@value #DEFAULT_ALIGNMENT}). */
    public long alignment() {
        return alignment;
    }

    /** Byte offset of the data section in the file; tensor offsets are relative to it. */
    public long dataOffset() {
        return dataOffset;
    }

    /** All metadata in file order (unmodifiable). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The tensor table in file order. */
    public List<GgufTensorInfo> tensors() {
        return List.copyOf(tensors.values());
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /** @throws IllegalArgumentException naming the file and tensor if there is no such tensor */
    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("GGUF file " + path + " has no tensor '" + name + "'");
        }
        return info;
    }

    /**
     * The tensor dequantised to float32 in a new direct buffer, with its shape in PyTorch order.
     *
     * @throws IllegalArgumentException if there is no such tensor
     */
    public FloatTensor load(String name) {
        GgufTensorInfo info = tensor(name);
        ByteBuffer data = FloatTensor.allocate(name, info.numel());
        info.type().dequantize(rawData(name), info.numel(), data.asFloatBuffer());
        return new FloatTensor(name, info.torchShape(), data);
    }

    /** The tensor's stored bytes (ggml blocks), mapped read-only from the file. */
    public ByteBuffer rawData(String name) {
        GgufTensorInfo info = tensor(name);
        return MappedFiles.readOnly(path, dataOffset + info.offset(), info.byteSize());
    }

    /** An integer metadata value (any GGUF integer type). */
    public long getLong(String key) {
        return typed(key, Long.class, "an integer");
    }

    /** A float32/float64 metadata value. */
    public double getDouble(String key) {
        return typed(key, Double.class, "a float");
    }

    public String getString(String key) {
        return typed(key, String.class, "a string");
    }

    public boolean getBoolean(String key) {
        return typed(key, Boolean.class, "a bool");
    }

    public List<String> getStringList(String key) {
        return listOf(key, String.class, "strings");
    }

    public List<Long> getLongList(String key) {
        return listOf(key, Long.class, "integers");
    }

    public OptionalLong optLong(String key) {
        return metadata.containsKey(key) ? OptionalLong.of(getLong(key)) : OptionalLong.empty();
    }

    public OptionalDouble optDouble(String key) {
        return metadata.containsKey(key) ? OptionalDouble.of(getDouble(key)) : OptionalDouble.empty();
    }

    public Optional<String> optString(String key) {
        return metadata.containsKey(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    public Optional<Boolean> optBoolean(String key) {
        return metadata.containsKey(key) ? Optional.of(getBoolean(key)) : Optional.empty();
    }

    private <T> T typed(String key, Class<T> type, String expected) {
        Object value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("GGUF file " + path + " has no metadata key '" + key + "'");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("GGUF file " + path + ": metadata '" + key + "' is "
                    + describe(value) + ", expected " + expected);
        }
        return type.cast(value);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> listOf(String key, Class<T> elementType, String expected) {
        List<?> list = typed(key, List.class, "an array of " + expected);
        for (Object element : list) {
            if (!elementType.isInstance(element)) {
                throw new IllegalArgumentException("GGUF file " + path + ": metadata '" + key + "' holds "
                        + describe(element) + ", expected an array of " + expected);
            }
        }
        return (List<T>) list;
    }

    private static String describe(Object value) {
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof Boolean) {
            return "a bool";
        }
        return value instanceof String ? "a string" : "an array";
    }
}
