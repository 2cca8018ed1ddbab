package ai.raif.trainer.weights;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a GGUF v3 file: metadata entries and float32 tensors, each quantised to a chosen {@link GgmlType} on
 * {@link #write}. Tensors are given in PyTorch order and stored in ggml order. The data alignment is
 * {@value GgufFile#ALIGNMENT_KEY} when that key is put (as UINT32), else {@value GgufFile#DEFAULT_ALIGNMENT}.
 */
public final class GgufWriter {
    private static final int VERSION = 3;

    private record Entry(GgufValueType type, Object value) {
    }

    private record PendingTensor(FloatTensor tensor, GgmlType type) {
    }

    private final Map<String, Entry> metadata = new LinkedHashMap<>();
    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();

    /**
     * Adds (or replaces) a metadata entry. Integer types take an integral Number within the type's range (UINT64
     * takes any long, as its bits), FLOAT32/FLOAT64 any Number, BOOL a Boolean, STRING a String, ARRAY a
     * {@link GgufArray}.
     *
     * @throws IllegalArgumentException naming the key if the value does not fit the type
     */
    public GgufWriter put(String key, GgufValueType type, Object value) {
        checkValue(key, type, value);
        metadata.put(key, new Entry(type, value));
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValueType.STRING, value);
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValueType.UINT32, value);
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValueType.INT32, value);
    }

    public GgufWriter putFloat32(String key, double value) {
        return put(key, GgufValueType.FLOAT32, value);
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValueType.BOOL, value);
    }

    public GgufWriter putArray(String key, GgufValueType elementType, List<?> values) {
        return put(key, GgufValueType.ARRAY, new GgufArray(elementType, values));
    }

    /**
     * Adds a tensor to store as {@code type}. Its last PyTorch dimension (ggml's ne[0]) must be a multiple of the
     * type's block size.
     */
    public GgufWriter addTensor(FloatTensor tensor, GgmlType type) {
        String name = tensor.name();
        long[] shape = tensor.shape();
        if (!type.canQuantize()) {
            throw new UnsupportedOperationException("tensor '" + name + "': quantizing to " + type + " is not supported");
        }
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + shape.length
                    + " dimensions; GGUF stores 1 to 4");
        }
        if (shape[shape.length - 1] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': its last dimension " + shape[shape.length - 1]
                    + " is not a multiple of the " + type + " block size " + type.blockSize());
        }
        if (tensors.putIfAbsent(name, new PendingTensor(tensor, type)) != null) {
            throw new IllegalArgumentException("duplicate tensor '" + name + "'");
        }
        return this;
    }

    public void write(Path path) {
        long alignment = alignment();
        LittleEndianOutput header = new LittleEndianOutput();
        header.u32(0x46554747); // "GGUF"
        header.u32(VERSION);
        header.u64(tensors.size());
        header.u64(metadata.size());
        metadata.forEach((key, entry) -> {
            header.string(key);
            header.u32(entry.type().id());
            writeValue(header, entry.type(), entry.value());
        });
        List<Long> sizes = new ArrayList<>();
        long offset = 0;
        for (PendingTensor pending : tensors.values()) {
            long[] shape = pending.tensor().shape();
            header.string(pending.tensor().name());
            header.u32(shape.length);
            for (int d = shape.length - 1; d >= 0; d--) {
                header.u64(shape[d]);
            }
            header.u32(pending.type().id());
            header.u64(offset);
            long size = pending.type().byteSize(pending.tensor().numel());
            sizes.add(size);
            offset += padding(size, alignment) + size;
        }
        header.zeros(padding(header.size(), alignment));

        WeightFileOutput.replaceAtomically(path, channel -> {
            WeightFileOutput.writeFully(channel, header.toByteBuffer());
            int i = 0;
            for (PendingTensor pending : tensors.values()) {
                WeightFileOutput.writeEncoded(channel, pending.tensor(), pending.type());
                WeightFileOutput.writeFully(channel, ByteBuffer.allocate((int) padding(sizes.get(i++), alignment)));
            }
        });
    }

    private long alignment() {
        Entry entry = metadata.get(GgufFile.ALIGNMENT_KEY);
        if (entry == null) {
            return GgufFile.DEFAULT_ALIGNMENT;
        }
        long alignment = ((Number) entry.value()).longValue();
        if (entry.type() != GgufValueType.UINT32 || alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("metadata '" + GgufFile.ALIGNMENT_KEY
                    + "' must be a UINT32 power of two, got " + entry.type() + " " + entry.value());
        }
        return alignment;
    }

    private static long padding(long size, long alignment) {
        return (alignment - size % alignment) % alignment;
    }

    private static void writeValue(LittleEndianOutput out, GgufValueType type, Object value) {
        switch (type) {
            case UINT8, INT8 -> out.u8(((Number) value).intValue());
            case UINT16, INT16 -> out.u16(((Number) value).intValue());
            case UINT32, INT32 -> out.u32((int) ((Number) value).longValue());
            case UINT64, INT64 -> out.u64(((Number) value).longValue());
            case FLOAT32 -> out.u32(Float.floatToRawIntBits(((Number) value).floatValue()));
            case FLOAT64 -> out.u64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
            case BOOL -> out.u8((Boolean) value ? 1 : 0);
            case STRING -> out.string((String) value);
            case ARRAY -> {
                GgufArray array = (GgufArray) value;
                out.u32(array.elementType().id());
                out.u64(array.values().size());
                array.values().forEach(element -> writeValue(out, array.elementType(), element));
            }
        }
    }

    private static void checkValue(String key, GgufValueType type, Object value) {
        String problem = problem(type, value);
        if (problem != null) {
            throw new IllegalArgumentException("GGUF metadata '" + key + "': " + problem);
        }
    }

    /** Why {@code value} cannot be stored as {@code type}, or null if it can. */
    private static String problem(GgufValueType type, Object value) {
        if (value == null) {
            return "null value";
        }
        if (type.isInteger()) {
            if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
                return type + " needs an integer, got " + value.getClass().getSimpleName();
            }
            long v = ((Number) value).longValue();
            return inRange(type, v) ? null : "value " + v + " is out of range for " + type;
        }
        return switch (type) {
            case FLOAT32, FLOAT64 -> value instanceof Number ? null : type + " needs a number, got " + value.getClass().getSimpleName();
            case BOOL -> value instanceof Boolean ? null : "BOOL needs a Boolean, got " + value.getClass().getSimpleName();
            case STRING -> value instanceof String ? null : "STRING needs a String, got " + value.getClass().getSimpleName();
            case ARRAY -> value instanceof GgufArray array ? arrayProblem(array) : "ARRAY needs a GgufArray, got " + value.getClass().getSimpleName();
            default -> throw new IllegalStateException("unhandled type " + type);
        };
    }

    private static String arrayProblem(GgufArray array) {
        for (int i = 0; i < array.values().size(); i++) {
            String problem = problem(array.elementType(), array.values().get(i));
            if (problem != null) {
                return "element " + i + ": " + problem;
            }
        }
        return null;
    }

    private static boolean inRange(GgufValueType type, long v) {
        return switch (type) {
            case UINT8 -> v >= 0 && v <= 0xff;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xffff;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xffffffffL;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true; // UINT64/INT64: any 64 bits
        };
    }
}
