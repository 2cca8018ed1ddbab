package ai.raif.trainer.weights;

import static ai.raif.trainer.weights.HalfFloats.floatToHalf;
import static ai.raif.trainer.weights.HalfFloats.halfToFloat;
import static ai.raif.trainer.weights.LittleEndian.i32;
import static ai.raif.trainer.weights.LittleEndian.putU16;
import static ai.raif.trainer.weights.LittleEndian.u16;
import static ai.raif.trainer.weights.LittleEndian.u8;

/**
 * The 256-element "K" super-block types of ggml (layouts of ggml-common.h, decoding as dequantize_row_*_K in
 * ggml-quants.c, float operations in the same order so results are bit-exact with ggml and gguf-py).
 * The encoders (Q4_K, Q5_K, Q6_K) are simple and not llama.cpp's error-minimising search: sub-block scales are
 * rounded up so every value stays in range, giving an error of at most about half a quantisation step.
 */
final class KQuants {
    static final int QK_K = 256;

    private KQuants() {
    }

    // block_q2_K: scales[16] (low nibble scale, high nibble min), qs[64] (2-bit), fp16 d, fp16 dmin
    static void decodeQ2_K(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 84;
            int o = b * QK_K;
            float d = halfToFloat(u16(src, s + 80));
            float dmin = halfToFloat(u16(src, s + 82));
            int is = 0;
            for (int half = 0; half < 2; half++) {
                int q = s + 16 + half * 32;
                for (int shift = 0; shift < 8; shift += 2) {
                    for (int group = 0; group < 2; group++) {
                        int sc = u8(src, s + is++);
                        float dl = d * (sc & 0xf);
                        float ml = dmin * (sc >>> 4);
                        for (int l = 0; l < 16; l++) {
                            dst[o++] = dl * ((u8(src, q + group * 16 + l) >>> shift) & 3) - ml;
                        }
                    }
                }
            }
        }
    }

    // block_q3_K: hmask[32] (high bit, set = no -4 offset), qs[64] (low 2 bits), scales[12] (16 x 6 bit), fp16 d
    static void decodeQ3_K(byte[] src, float[] dst, int blocks) {
        int[] scales = new int[16];
        for (int b = 0; b < blocks; b++) {
            int s = b * 110;
            int o = b * QK_K;
            float d = halfToFloat(u16(src, s + 108));
            for (int j = 0; j < 16; j++) {
                int low = j < 8 ? u8(src, s + 96 + j) & 0xf : u8(src, s + 96 + j - 8) >>> 4;
                int high = (u8(src, s + 104 + j % 4) >>> (2 * (j / 4))) & 3;
                scales[j] = (low | high << 4) - 32;
            }
            int is = 0;
            int mask = 1;
            for (int half = 0; half < 2; half++) {
                int q = s + 32 + half * 32;
                for (int shift = 0; shift < 8; shift += 2) {
                    for (int group = 0; group < 2; group++) {
                        float dl = d * scales[is++];
                        for (int l = 0; l < 16; l++) {
                            int i = group * 16 + l;
                            int low = (u8(src, q + i) >>> shift) & 3;
                            int offset = (src[s + i] & mask) != 0 ? 0 : 4;
                            dst[o++] = dl * (low - offset);
                        }
                    }
                    mask <<= 1;
                }
            }
        }
    }

    // block_q4_K: fp16 d, fp16 dmin, scales[12] (8 scales + 8 mins, 6 bit), qs[128]; x = d*sc*q - dmin*m
    static void decodeQ4_K(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 144;
            int o = b * QK_K;
            float d = halfToFloat(u16(src, s));
            float dmin = halfToFloat(u16(src, s + 2));
            for (int g = 0; g < 4; g++) {
                float d1 = d * scale6(src, s + 4, 2 * g);
                float m1 = dmin * min6(src, s + 4, 2 * g);
                float d2 = d * scale6(src, s + 4, 2 * g + 1);
                float m2 = dmin * min6(src, s + 4, 2 * g + 1);
                int q = s + 16 + g * 32;
                for (int l = 0; l < 32; l++) {
                    dst[o + l] = d1 * (u8(src, q + l) & 0xf) - m1;
                    dst[o + 32 + l] = d2 * (u8(src, q + l) >>> 4) - m2;
                }
                o += 64;
            }
        }
    }

    static void encodeQ4_K(float[] src, byte[] dst, int blocks) {
        int[] q = new int[QK_K];
        for (int b = 0; b < blocks; b++) {
            int s = b * 144;
            encodeAffine(src, b * QK_K, 15, dst, s, q);
            for (int g = 0; g < 4; g++) {
                for (int l = 0; l < 32; l++) {
                    dst[s + 16 + g * 32 + l] = (byte) (q[g * 64 + l] | q[g * 64 + 32 + l] << 4);
                }
            }
        }
    }

    // block_q5_K: fp16 d, fp16 dmin, scales[12], qh[32] (5th bits, 2 bit planes per 64 values), qs[128]
    static void decodeQ5_K(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 176;
            int o = b * QK_K;
            float d = halfToFloat(u16(src, s));
            float dmin = halfToFloat(u16(src, s + 2));
            for (int g = 0; g < 4; g++) {
                float d1 = d * scale6(src, s + 4, 2 * g);
                float m1 = dmin * min6(src, s + 4, 2 * g);
                float d2 = d * scale6(src, s + 4, 2 * g + 1);
                float m2 = dmin * min6(src, s + 4, 2 * g + 1);
                int lowBit = 1 << (2 * g);
                int highBit = 2 << (2 * g);
                int q = s + 48 + g * 32;
                for (int l = 0; l < 32; l++) {
                    int qh = u8(src, s + 16 + l);
                    dst[o + l] = d1 * ((u8(src, q + l) & 0xf) + ((qh & lowBit) != 0 ? 16 : 0)) - m1;
                    dst[o + 32 + l] = d2 * ((u8(src, q + l) >>> 4) + ((qh & highBit) != 0 ? 16 : 0)) - m2;
                }
                o += 64;
            }
        }
    }

    static void encodeQ5_K(float[] src, byte[] dst, int blocks) {
        int[] q = new int[QK_K];
        for (int b = 0; b < blocks; b++) {
            int s = b * 176;
            encodeAffine(src, b * QK_K, 31, dst, s, q);
            for (int l = 0; l < 32; l++) {
                int qh = 0;
                for (int g = 0; g < 4; g++) {
                    int q0 = q[g * 64 + l];
                    int q1 = q[g * 64 + 32 + l];
                    dst[s + 48 + g * 32 + l] = (byte) ((q0 & 0xf) | (q1 & 0xf) << 4);
                    qh |= (q0 >>> 4) << (2 * g) | (q1 >>> 4) << (2 * g + 1);
                }
                dst[s + 16 + l] = (byte) qh;
            }
        }
    }

    // block_q6_K: ql[128] (low 4 bits), qh[64] (high 2 bits), int8 scales[16], fp16 d; x = d*sc*(q - 32)
    static void decodeQ6_K(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 210;
            float d = halfToFloat(u16(src, s + 208));
            for (int half = 0; half < 2; half++) {
                int ql = s + half * 64;
                int qh = s + 128 + half * 32;
                int sc = s + 192 + half * 8;
                int o = b * QK_K + half * 128;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = u8(src, qh + l);
                    int q1 = ((u8(src, ql + l) & 0xf) | (h & 3) << 4) - 32;
                    int q2 = ((u8(src, ql + l + 32) & 0xf) | (h >>> 2 & 3) << 4) - 32;
                    int q3 = ((u8(src, ql + l) >>> 4) | (h >>> 4 & 3) << 4) - 32;
                    int q4 = ((u8(src, ql + l + 32) >>> 4) | (h >>> 6 & 3) << 4) - 32;
                    dst[o + l] = d * src[sc + is] * q1;
                    dst[o + l + 32] = d * src[sc + is + 2] * q2;
                    dst[o + l + 64] = d * src[sc + is + 4] * q3;
                    dst[o + l + 96] = d * src[sc + is + 6] * q4;
                }
            }
        }
    }

    /** Symmetric 6-bit quants in 16 sub-blocks of 16, each with an int8 scale (only 0..127 used) of fp16 d. */
    static void encodeQ6_K(float[] src, byte[] dst, int blocks) {
        float[] subScale = new float[16];
        int[] q = new int[QK_K];
        for (int b = 0; b < blocks; b++) {
            int s = b * 210;
            int o = b * QK_K;
            float maxScale = 0;
            for (int j = 0; j < 16; j++) {
                float amax = 0;
                for (int l = 0; l < 16; l++) {
                    amax = Math.max(amax, Math.abs(src[o + j * 16 + l]));
                }
                subScale[j] = amax / 31;
                maxScale = Math.max(maxScale, subScale[j]);
            }
            short dBits = floatToHalf(maxScale / 127);
            float d = halfToFloat(dBits);
            putU16(dst, s + 208, dBits);
            for (int j = 0; j < 16; j++) {
                int sc = steps(subScale[j], d, 127);
                dst[s + 192 + j] = (byte) sc;
                float dl = d * sc;
                for (int l = 0; l < 16; l++) {
                    int i = j * 16 + l;
                    q[i] = 32 + (dl > 0 ? clamp(Math.round(src[o + i] / dl), -32, 31) : 0);
                }
            }
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int base = half * 128 + l;
                    int q1 = q[base];
                    int q2 = q[base + 32];
                    int q3 = q[base + 64];
                    int q4 = q[base + 96];
                    dst[s + half * 64 + l] = (byte) ((q1 & 0xf) | (q3 & 0xf) << 4);
                    dst[s + half * 64 + l + 32] = (byte) ((q2 & 0xf) | (q4 & 0xf) << 4);
                    dst[s + 128 + half * 32 + l] = (byte) (q1 >>> 4 | (q2 >>> 4) << 2 | (q3 >>> 4) << 4 | (q4 >>> 4) << 6);
                }
            }
        }
    }

    // block_q8_K: float32 d, int8 qs[256], int16 bsums[16] (sums for dot products, not needed to decode)
    static void decodeQ8_K(byte[] src, float[] dst, int blocks) {
        for (int b = 0; b < blocks; b++) {
            int s = b * 292;
            int o = b * QK_K;
            float d = Float.intBitsToFloat(i32(src, s));
            for (int j = 0; j < QK_K; j++) {
                dst[o + j] = d * src[s + 4 + j];
            }
        }
    }

    /**
     * Q4_K/Q5_K: 8 sub-blocks of 32 values, x = d*sc*q - dmin*m with 6-bit sc and m. Writes d, dmin and the packed
     * scales at {@code s}, and the quants (0..maxQ) into {@code q}; the caller packs the quants.
     */
    private static void encodeAffine(float[] x, int o, int maxQ, byte[] dst, int s, int[] q) {
        float[] subScale = new float[8];
        float[] subOffset = new float[8];
        float maxScale = 0;
        float maxOffset = 0;
        for (int j = 0; j < 8; j++) {
            float min = 0; // the offset must be >= 0: ggml stores it as an unsigned 6-bit multiple of dmin
            float max = Float.NEGATIVE_INFINITY;
            for (int l = 0; l < 32; l++) {
                min = Math.min(min, x[o + j * 32 + l]);
                max = Math.max(max, x[o + j * 32 + l]);
            }
            subScale[j] = (max - min) / maxQ;
            subOffset[j] = -min;
            maxScale = Math.max(maxScale, subScale[j]);
            maxOffset = Math.max(maxOffset, subOffset[j]);
        }
        short dBits = floatToHalf(maxScale / 63);
        short dminBits = floatToHalf(maxOffset / 63);
        float d = halfToFloat(dBits);
        float dmin = halfToFloat(dminBits);
        putU16(dst, s, dBits);
        putU16(dst, s + 2, dminBits);
        int[] sc = new int[8];
        int[] m = new int[8];
        for (int j = 0; j < 8; j++) {
            sc[j] = steps(subScale[j], d, 63);
            m[j] = dmin > 0 ? Math.min(63, Math.round(subOffset[j] / dmin)) : 0;
            float dl = d * sc[j];
            float ml = dmin * m[j];
            for (int l = 0; l < 32; l++) {
                int i = j * 32 + l;
                q[i] = dl > 0 ? clamp(Math.round((x[o + i] + ml) / dl), 0, maxQ) : 0;
            }
        }
        packScales(sc, m, dst, s + 4);
    }

    /** The smallest multiple of {@code unit} (at most {@code max} units) covering {@code value}, so nothing clips. */
    private static int steps(float value, float unit, int max) {
        return unit > 0 ? Math.min(max, (int) Math.ceil(value / unit)) : 0;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** get_scale_min_k4: scale j of the 12-byte 6-bit packing (bytes 0-3 and 8-11 hold scales, 4-11 mins). */
    private static int scale6(byte[] b, int at, int j) {
        return j < 4 ? u8(b, at + j) & 63 : (u8(b, at + j + 4) & 0xf) | (u8(b, at + j - 4) >>> 6) << 4;
    }

    private static int min6(byte[] b, int at, int j) {
        return j < 4 ? u8(b, at + j + 4) & 63 : (u8(b, at + j + 4) >>> 4) | (u8(b, at + j) >>> 6) << 4;
    }

    /** The inverse of scale6/min6. */
    private static void packScales(int[] sc, int[] m, byte[] b, int at) {
        for (int j = 0; j < 4; j++) {
            b[at + j] = (byte) (sc[j] | (sc[j + 4] >>> 4) << 6);
            b[at + j + 4] = (byte) (m[j] | (m[j + 4] >>> 4) << 6);
            b[at + j + 8] = (byte) ((sc[j + 4] & 0xf) | (m[j + 4] & 0xf) << 4);
        }
    }
}
