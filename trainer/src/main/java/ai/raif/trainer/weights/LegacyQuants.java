package ai.raif.trainer.weights;

import static ai.raif.trainer.weights.HalfFloats.floatToHalf;
import static ai.raif.trainer.weights.HalfFloats.halfToFloat;
import static ai.raif.trainer.weights.LittleEndian.i32;
import static ai.raif.trainer.weights.LittleEndian.putI32;
import static ai.raif.trainer.weights.LittleEndian.putU16;
import static ai.raif.trainer.weights.LittleEndian.u16;

/**
 * The 32-element ggml block types Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0 (layouts of ggml-common.h). Decoding follows
 * dequantize_row_* and encoding quantize_row_*_ref of ggml-quants.c operation by operation in float32, so both are
 * bit-exact with ggml and gguf-py. Quant j of a block and quant j + 16 share byte j (low nibble, high nibble).
 */
final class LegacyQuants {
    private static final int QK = 32;
    private static final int HALF = QK / 2;

    private LegacyQuants() {
    }

    // block_q4_0: fp16 d, 16 bytes of nibbles; x = d * (q - 8)
    static void decodeQ4_0(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 18;
            int o = b * QK;
            float d = halfToFloat(u16(src, s));
            for (int j = 0; j < HALF; j++) {
                int packed = src[s + 2 + j] & 0xff;
                dst[o + j] = ((packed & 0xf) - 8) * d;
                dst[o + j + HALF] = ((packed >>> 4) - 8) * d;
            }
        }
    }

    static void encodeQ4_0(float[] src, byte[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 18;
            int o = b * QK;
            float d = signedAbsMax(src, o) / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putU16(dst, s, floatToHalf(d));
            for (int j = 0; j < HALF; j++) {
                int q0 = Math.min(15, (int) (src[o + j] * id + 8.5f));
                int q1 = Math.min(15, (int) (src[o + j + HALF] * id + 8.5f));
                dst[s + 2 + j] = (byte) (q0 | q1 << 4);
            }
        }
    }

    // block_q4_1: fp16 d, fp16 m, 16 bytes of nibbles; x = d * q + m
    static void decodeQ4_1(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 20;
            int o = b * QK;
            float d = halfToFloat(u16(src, s));
            float m = halfToFloat(u16(src, s + 2));
            for (int j = 0; j < HALF; j++) {
                int packed = src[s + 4 + j] & 0xff;
                dst[o + j] = (packed & 0xf) * d + m;
                dst[o + j + HALF] = (packed >>> 4) * d + m;
            }
        }
    }

    static void encodeQ4_1(float[] src, byte[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 20;
            int o = b * QK;
            float min = min(src, o);
            float d = (max(src, o) - min) / 15;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putU16(dst, s, floatToHalf(d));
            putU16(dst, s + 2, floatToHalf(min));
            for (int j = 0; j < HALF; j++) {
                int q0 = Math.min(15, (int) ((src[o + j] - min) * id + 0.5f));
                int q1 = Math.min(15, (int) ((src[o + j + HALF] - min) * id + 0.5f));
                dst[s + 4 + j] = (byte) (q0 | q1 << 4);
            }
        }
    }

    // block_q5_0: fp16 d, uint32 qh (bit j = 5th bit of quant j), 16 bytes of nibbles; x = d * (q - 16)
    static void decodeQ5_0(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 22;
            int o = b * QK;
            float d = halfToFloat(u16(src, s));
            int qh = i32(src, s + 2);
            for (int j = 0; j < HALF; j++) {
                int packed = src[s + 6 + j] & 0xff;
                int q0 = (packed & 0xf) | ((qh >>> j) << 4 & 0x10);
                int q1 = (packed >>> 4) | ((qh >>> (j + 12)) & 0x10);
                dst[o + j] = (q0 - 16) * d;
                dst[o + j + HALF] = (q1 - 16) * d;
            }
        }
    }

    static void encodeQ5_0(float[] src, byte[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 22;
            int o = b * QK;
            float d = signedAbsMax(src, o) / -16;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putU16(dst, s, floatToHalf(d));
            int qh = 0;
            for (int j = 0; j < HALF; j++) {
                int q0 = Math.min(31, (int) (src[o + j] * id + 16.5f));
                int q1 = Math.min(31, (int) (src[o + j + HALF] * id + 16.5f));
                dst[s + 6 + j] = (byte) ((q0 & 0xf) | (q1 & 0xf) << 4);
                qh |= (q0 >>> 4) << j | (q1 >>> 4) << (j + HALF);
            }
            putI32(dst, s + 2, qh);
        }
    }

    // block_q5_1: fp16 d, fp16 m, uint32 qh, 16 bytes of nibbles; x = d * q + m
    static void decodeQ5_1(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 24;
            int o = b * QK;
            float d = halfToFloat(u16(src, s));
            float m = halfToFloat(u16(src, s + 2));
            int qh = i32(src, s + 4);
            for (int j = 0; j < HALF; j++) {
                int packed = src[s + 8 + j] & 0xff;
                int q0 = (packed & 0xf) | ((qh >>> j) << 4 & 0x10);
                int q1 = (packed >>> 4) | ((qh >>> (j + 12)) & 0x10);
                dst[o + j] = q0 * d + m;
                dst[o + j + HALF] = q1 * d + m;
            }
        }
    }

    static void encodeQ5_1(float[] src, byte[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 24;
            int o = b * QK;
            float min = min(src, o);
            float d = (max(src, o) - min) / 31;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putU16(dst, s, floatToHalf(d));
            putU16(dst, s + 2, floatToHalf(min));
            int qh = 0;
            for (int j = 0; j < HALF; j++) {
                int q0 = Math.min(31, (int) ((src[o + j] - min) * id + 0.5f));
                int q1 = Math.min(31, (int) ((src[o + j + HALF] - min) * id + 0.5f));
                dst[s + 8 + j] = (byte) ((q0 & 0xf) | (q1 & 0xf) << 4);
                qh |= (q0 >>> 4) << j | (q1 >>> 4) << (j + HALF);
            }
            putI32(dst, s + 4, qh);
        }
    }

    // block_q8_0: fp16 d, 32 int8 quants; x = q * d
    static void decodeQ8_0(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 34;
            int o = b * QK;
            float d = halfToFloat(u16(src, s));
            for (int j = 0; j < QK; j++) {
                dst[o + j] = src[s + 2 + j] * d;
            }
        }
    }

    static void encodeQ8_0(float[] src, byte[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 34;
            int o = b * QK;
            float amax = 0;
            for (int j = 0; j < QK; j++) {
                amax = Math.max(amax, Math.abs(src[o + j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putU16(dst, s, floatToHalf(d));
            for (int j = 0; j < QK; j++) {
                dst[s + 2 + j] = (byte) roundHalfAway(src[o + j] * id);
            }
        }
    }

    /** C's roundf (halves away from zero), computed without the a + 0.5 rounding trap, as gguf-py's np_roundf. */
    static int roundHalfAway(float v) {
        float a = Math.abs(v);
        float floor = (float) Math.floor(a);
        float rounded = floor + (float) Math.floor(2 * (a - floor));
        return (int) Math.copySign(rounded, v);
    }

    /** The block value of largest magnitude, with its sign (the first one on ties, as ggml). */
    private static float signedAbsMax(float[] x, int o) {
        float amax = 0;
        float max = 0;
        for (int j = 0; j < QK; j++) {
            if (Math.abs(x[o + j]) > amax) {
                amax = Math.abs(x[o + j]);
                max = x[o + j];
            }
        }
        return max;
    }

    private static float min(float[] x, int o) {
        float min = Float.POSITIVE_INFINITY;
        for (int j = 0; j < QK; j++) {
            min = Math.min(min, x[o + j]);
        }
        return min;
    }

    private static float max(float[] x, int o) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < QK; j++) {
            max = Math.max(max, x[o + j]);
        }
        return max;
    }
}
