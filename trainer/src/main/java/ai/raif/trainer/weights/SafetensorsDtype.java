package ai.raif.trainer.weights;

import java.util.Optional;

/**
 * The dtypes of the safetensors format (their names as written in the header) with their sizes. F32, F16 and BF16
 * load as float32; they share their byte layout with the ggml types of the same name, whose codecs convert them.
 */
public enum SafetensorsDtype {
    BOOL(1, null), U8(1, null), I8(1, null), F8_E5M2(1, null), F8_E4M3(1, null),
    I16(2, null), U16(2, null), F16(2, GgmlType.F16), BF16(2, GgmlType.BF16),
    I32(4, null), U32(4, null), F32(4, GgmlType.F32),
    I64(8, null), U64(8, null), F64(8, null);

    private final int byteSize;
    private final GgmlType floatCodec;

    SafetensorsDtype(int byteSize, GgmlType floatCodec) {
        this.byteSize = byteSize;
        this.floatCodec = floatCodec;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Whether tensors of this dtype can be loaded as, and written from, float32 tensors. */
    public boolean isFloatConvertible() {
        return floatCodec != null;
    }

    /** The codec converting this dtype to and from float32; only for {@link #isFloatConvertible()} dtypes. */
    GgmlType floatCodec() {
        return floatCodec;
    }

    public static Optional<SafetensorsDtype> parse(String name) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}
