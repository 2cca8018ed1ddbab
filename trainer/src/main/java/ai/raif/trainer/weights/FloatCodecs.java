package ai.raif.trainer.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Block codecs of the plain float types F32, F16 and BF16 (block size 1). */
final class FloatCodecs {
    private FloatCodecs() {
    }

    static void decodeF32(byte[] src, float[] dst, int count) {
        ByteBuffer.wrap(src, 0, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, 0, count);
    }

    static void encodeF32(float[] src, byte[] dst, int count) {
        ByteBuffer.wrap(dst, 0, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(src, 0, count);
    }

    static void decodeF16(byte[] src, float[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = HalfFloats.halfToFloat(LittleEndian.u16(src, 2 * i));
        }
    }

    static void encodeF16(float[] src, byte[] dst, int count) {
        for (int i = 0; i < count; i++) {
            LittleEndian.putU16(dst, 2 * i, HalfFloats.floatToHalf(src[i]));
        }
    }

    static void decodeBf16(byte[] src, float[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = HalfFloats.bf16ToFloat(LittleEndian.u16(src, 2 * i));
        }
    }

    static void encodeBf16(float[] src, byte[] dst, int count) {
        for (int i = 0; i < count; i++) {
            LittleEndian.putU16(dst, 2 * i, HalfFloats.floatToBf16(src[i]));
        }
    }
}
