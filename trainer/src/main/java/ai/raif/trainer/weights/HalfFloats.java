package ai.raif.trainer.weights;

/**
 * IEEE half (fp16) and bfloat16 conversions, bit-exact with ggml (fp16: round to nearest even as F16C does;
 * bf16: ggml_compute_fp32_to_bf16). Java 17 has no Float.float16ToFloat, and bf16 must be widened here because
 * DJL aborts the JVM on any BFLOAT16 tensor.
 */
final class HalfFloats {
    private static final float[] HALF_TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < HALF_TO_FLOAT.length; h++) {
            HALF_TO_FLOAT[h] = widenHalf(h);
        }
    }

    private HalfFloats() {
    }

    /** The float value of the fp16 bit pattern in the low 16 bits of {@code bits}. */
    static float halfToFloat(int bits) {
        return HALF_TO_FLOAT[bits & 0xffff];
    }

    /** The fp16 bit pattern nearest to {@code value} (ties to even; overflow to infinity; NaN stays a quiet NaN). */
    static short floatToHalf(float value) {
        int x = Float.floatToRawIntBits(value);
        int sign = (x >>> 16) & 0x8000;
        int abs = x & 0x7fffffff;
        if (abs > 0x7f800000) {
            return (short) (sign | 0x7e00 | (abs >>> 13) & 0x3ff);
        }
        if (abs >= 0x477ff000) { // 65520 and above round to infinity
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x38800000) { // normal half: rebias the exponent, round the 13 dropped mantissa bits
            int rebiased = abs - (112 << 23);
            return (short) (sign | (rebiased + 0xfff + ((rebiased >>> 13) & 1)) >>> 13);
        }
        if (abs < 0x33000000) { // below half the smallest subnormal: zero
            return (short) sign;
        }
        // subnormal half: the value in units of 2^-24, rounded to nearest even
        int exponent = abs >>> 23;
        int mantissa = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - exponent;
        int q = mantissa >>> shift;
        int rest = mantissa & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (q & 1) == 1)) {
            q++;
        }
        return (short) (sign | q);
    }

    /** The float value of the bf16 bit pattern in the low 16 bits of {@code bits}. */
    static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /** The bf16 bit pattern nearest to {@code value} (ties to even; NaN forced quiet), as ggml computes it. */
    static short floatToBf16(float value) {
        int x = Float.floatToRawIntBits(value);
        if ((x & 0x7fffffff) > 0x7f800000) {
            return (short) ((x >>> 16) | 64);
        }
        return (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
    }

    private static float widenHalf(int h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24, exact in float
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
