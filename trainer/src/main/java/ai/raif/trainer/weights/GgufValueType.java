package ai.raif.trainer.weights;

import java.util.Optional;

/** The value types of GGUF metadata, with their ids in the file (gguf.h {@code gguf_type}). */
public enum GgufValueType {
    UINT8(0), INT8(1), UINT16(2), INT16(3), UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8), ARRAY(9),
    UINT64(10), INT64(11), FLOAT64(12);

    private final int id;

    GgufValueType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<GgufValueType> fromId(int id) {
        for (GgufValueType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }
}
