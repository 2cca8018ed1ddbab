package ai.raif.trainer.weights;

/** Little-endian reads and writes on byte arrays, for the block codecs (ggml blocks are little-endian). */
final class LittleEndian {
    private LittleEndian() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int i) {
        return u16(b, i) | u16(b, i + 2) << 16;
    }

    static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    static void putI32(byte[] b, int i, int v) {
        putU16(b, i, v);
        putU16(b, i + 2, v >>> 16);
    }
}
