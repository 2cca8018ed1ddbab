package ai.raif.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyNonNanHalfSurvivesARoundTripThroughFloat() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = HalfFloats.halfToFloat(h);
            if (!Float.isNaN(f)) {
                assertEquals(h, HalfFloats.floatToHalf(f) & 0xffff, () -> "half " + Integer.toHexString(f2h(f)));
            }
        }
    }

    @Test
    void halfDecodesKnownPatterns() {
        assertEquals(1.0f, HalfFloats.halfToFloat(0x3c00));
        assertEquals(-2.0f, HalfFloats.halfToFloat(0xc000));
        assertEquals(65504f, HalfFloats.halfToFloat(0x7bff));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat(0x0001)); // smallest subnormal
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.halfToFloat(0x7c00));
        assertEquals(-0.0f, HalfFloats.halfToFloat(0x8000));
        assertTrue(Float.isNaN(HalfFloats.halfToFloat(0x7e00)));
    }

    @Test
    void floatToHalfRoundsToNearestEven() {
        assertEquals(0x3c00, f2h(1.0f + 0x1p-11f)); // halfway between 1 and the next half: even (1.0)
        assertEquals(0x3c02, f2h(1.0f + 3 * 0x1p-11f)); // halfway, odd below: rounds up
        assertEquals(0x3c01, f2h(1.0f + 0x1p-11f + 0x1p-20f)); // just above halfway
        assertEquals(0x7bff, f2h(65519f));
        assertEquals(0x7c00, f2h(65520f)); // rounds past the largest half
        assertEquals(0x0000, f2h(0x1p-25f)); // half the smallest subnormal ties to zero
        assertEquals(0x0001, f2h(0x1.8p-25f));
        assertEquals(0x8000, f2h(-1e-10f));
        assertEquals(0x7e00, f2h(Float.NaN));
    }

    @Test
    void bf16KeepsTheTopHalfRoundedToNearestEven() {
        assertEquals(1.0f, HalfFloats.bf16ToFloat(0x3f80));
        assertEquals(0x3f80, f2b(1.0f + 0x1p-8f)); // tie to even
        assertEquals(0x3f82, f2b(1.0f + 3 * 0x1p-8f)); // tie, odd below: up
        assertEquals(0x3f81, f2b(1.0f + 0x1p-8f + 0x1p-20f));
        assertEquals(0xff80, f2b(Float.NEGATIVE_INFINITY));
        assertEquals(0x7fc0, f2b(Float.NaN)); // quiet NaN as ggml makes it
    }

    private static int f2h(float f) {
        return HalfFloats.floatToHalf(f) & 0xffff;
    }

    private static int f2b(float f) {
        return HalfFloats.floatToBf16(f) & 0xffff;
    }
}
