package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GgmlTypeTest {

    @Test
    void idsAndBlockSizesMatchGgml() {
        // (id, block size, type size) from ggml.c type_traits / gguf-py GGML_QUANT_SIZES
        int[][] expected = {{0, 1, 4}, {1, 1, 2}, {2, 32, 18}, {3, 32, 20}, {6, 32, 22}, {7, 32, 24}, {8, 32, 34},
                {10, 256, 84}, {11, 256, 110}, {12, 256, 144}, {13, 256, 176}, {14, 256, 210}, {15, 256, 292},
                {30, 1, 2}};
        GgmlType[] types = GgmlType.values();
        assertEquals(expected.length, types.length);
        for (int i = 0; i < types.length; i++) {
            assertArrayEquals(expected[i], new int[] {types[i].id(), types[i].blockSize(), types[i].typeSize()},
                    types[i].toString());
            assertEquals(types[i], GgmlType.fromId(types[i].id()).orElseThrow());
        }
        assertTrue(GgmlType.fromId(16).isEmpty());
    }

    /**
     * dequantize(quantize(x)) stays within a per-type bound, on weight-like data with an outlier, a zero block and
     * a constant block. The bounds, per block of the type:
     * F32 exact; F16 2^-11 relative; BF16 2^-8 relative;
     * Q8_0 0.57 amax/127 (half a step plus the fp16 rounding of d over 127 steps);
     * Q4_0 1.01 amax/8 (the value opposite the signed max clips to 7 steps);
     * Q5_0 1.01 amax/16; Q4_1 0.52 (max-min)/15 + |min|/1024; Q5_1 0.52 (max-min)/31 + |min|/1024;
     * Q4_K 0.52 r/15 + |min|/120 and Q5_K 0.52 r/31 + |min|/120, r the largest sub-block range (scales round up,
     * the min's 6-bit rounding costs half a dmin step); Q6_K 0.52 amax/31 of the 256 block.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1",
            "Q4_K", "Q5_K", "Q6_K"})
    void quantizationRoundTripStaysWithinTheTypesBound(GgmlType type) {
        for (int seed = 1; seed <= 3; seed++) {
            float[] x = weightLike(seed, 4 * 256);
            float[] y = roundTrip(type, x);
            int block = Math.max(type.blockSize(), 32);
            for (int i = 0; i < x.length; i++) {
                float bound = bound(type, x, i / block * block, block, i);
                int at = i;
                int s = seed;
                assertTrue(Math.abs(x[i] - y[i]) <= bound, () -> type + " seed " + s + " element " + at + ": " + x[at]
                        + " came back as " + y[at] + ", bound " + bound);
            }
        }
    }

    @Test
    void roundTripIsExactOnValuesTheTypeCanRepresent() {
        float[] quarterSteps = new float[64];
        float[] q8Steps = new float[64];
        for (int i = 0; i < 64; i++) {
            quarterSteps[i] = (i % 16 - 8) * 0.25f; // block max -2 gives Q4_0 d = 0.25, exact in fp16
            // every block holds -127/128, so Q8_0's d = amax/127 = 2^-7, exact in fp16
            q8Steps[i] = (i % 32 == 0 ? -127 : i * 37 % 255 - 127) * 0x1p-7f;
        }
        assertArrayEquals(quarterSteps, roundTrip(GgmlType.Q4_0, quarterSteps));
        assertArrayEquals(q8Steps, roundTrip(GgmlType.Q8_0, q8Steps));
    }

    @Test
    void q8kBlockDecodesAsFloatScaleTimesInt8() {
        ByteBuffer block = ByteBuffer.allocate(GgmlType.Q8_K.typeSize()).order(ByteOrder.LITTLE_ENDIAN);
        block.putFloat(0.5f);
        for (int i = 0; i < 256; i++) {
            block.put((byte) (i - 128));
        }
        float[] y = new float[256];
        GgmlType.Q8_K.dequantize(block.rewind(), 256, FloatBuffer.wrap(y));
        for (int i = 0; i < 256; i++) {
            assertEquals((i - 128) * 0.5f, y[i]);
        }
    }

    @Test
    void partialBlocksAndMissingQuantizersAreRejectedByName() {
        FloatBuffer src = FloatBuffer.allocate(64);
        ByteBuffer dst = ByteBuffer.allocate(4096);
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> GgmlType.Q4_0.quantize(src, 40, dst));
        assertTrue(partial.getMessage().contains("Q4_0") && partial.getMessage().contains("40"), partial.getMessage());
        UnsupportedOperationException missing = assertThrows(UnsupportedOperationException.class,
                () -> GgmlType.Q3_K.quantize(src, 256, dst));
        assertTrue(missing.getMessage().contains("Q3_K"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q6_K.byteSize(100));
        assertEquals(3 * 210, GgmlType.Q6_K.byteSize(768));
    }

    static float[] roundTrip(GgmlType type, float[] x) {
        ByteBuffer bytes = ByteBuffer.allocate((int) type.byteSize(x.length)).order(ByteOrder.LITTLE_ENDIAN);
        type.quantize(FloatBuffer.wrap(x), x.length, bytes);
        assertEquals(bytes.capacity(), bytes.position(), "quantize must fill exactly byteSize bytes");
        float[] y = new float[x.length];
        type.dequantize(bytes.flip(), x.length, FloatBuffer.wrap(y));
        return y;
    }

    /** Gaussian weights of scale 0.05, one outlier, one zero 32-block, one constant 32-block, one positive-only. */
    static float[] weightLike(long seed, int n) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 0.05);
        }
        x[37] = 2.75f;
        for (int i = 64; i < 96; i++) {
            x[i] = 0;
        }
        for (int i = 96; i < 128; i++) {
            x[i] = -0.3f;
        }
        for (int i = 300; i < 332; i++) {
            x[i] = Math.abs(x[i]) + 0.01f;
        }
        return x;
    }

    private static float bound(GgmlType type, float[] x, int start, int length, int i) {
        float amax = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = start; j < start + length; j++) {
            amax = Math.max(amax, Math.abs(x[j]));
            min = Math.min(min, x[j]);
            max = Math.max(max, x[j]);
        }
        float tiny = 1e-7f;
        return switch (type) {
            case F32 -> 0;
            case F16 -> Math.abs(x[i]) * 0x1p-11f + tiny;
            case BF16 -> Math.abs(x[i]) * 0x1p-8f;
            case Q8_0 -> 0.57f * amax / 127 + tiny;
            case Q4_0 -> 1.01f * amax / 8 + tiny;
            case Q5_0 -> 1.01f * amax / 16 + tiny;
            case Q4_1 -> 0.52f * (max - min) / 15 + Math.abs(min) / 1024 + tiny;
            case Q5_1 -> 0.52f * (max - min) / 31 + Math.abs(min) / 1024 + tiny;
            case Q4_K -> 0.52f * maxSubRange(x, start) / 15 + Math.abs(Math.min(min, 0)) / 120 + tiny;
            case Q5_K -> 0.52f * maxSubRange(x, start) / 31 + Math.abs(Math.min(min, 0)) / 120 + tiny;
            case Q6_K -> 0.52f * amax / 31 + tiny;
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** The largest (max - min(0, min)) over the 32-value sub-blocks of a 256 block. */
    private static float maxSubRange(float[] x, int start) {
        float range = 0;
        for (int s = start; s < start + 256; s += 32) {
            float lo = 0;
            float hi = Float.NEGATIVE_INFINITY;
            for (int j = s; j < s + 32; j++) {
                lo = Math.min(lo, x[j]);
                hi = Math.max(hi, x[j]);
            }
            range = Math.max(range, hi - lo);
        }
        return range;
    }
}
