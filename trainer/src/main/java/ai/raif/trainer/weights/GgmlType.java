package ai.raif.trainer.weights;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Optional;

/**
 * ggml tensor types: id as stored in GGUF, elements per block, bytes per block (ggml.c type_traits), and the
 * conversions to and from float32. Every type listed here dequantises; quantising is offered where a writer needs it.
 */
public enum GgmlType {
    F32(0, 1, 4, FloatCodecs::decodeF32, FloatCodecs::encodeF32),
    F16(1, 1, 2, FloatCodecs::decodeF16, FloatCodecs::encodeF16),
    Q4_0(2, 32, 18, LegacyQuants::decodeQ4_0, LegacyQuants::encodeQ4_0),
    Q4_1(3, 32, 20, LegacyQuants::decodeQ4_1, LegacyQuants::encodeQ4_1),
    Q5_0(6, 32, 22, LegacyQuants::decodeQ5_0, LegacyQuants::encodeQ5_0),
    Q5_1(7, 32, 24, LegacyQuants::decodeQ5_1, LegacyQuants::encodeQ5_1),
    Q8_0(8, 32, 34, LegacyQuants::decodeQ8_0, LegacyQuants::encodeQ8_0),
    Q2_K(10, 256, 84, KQuants::decodeQ2_K, null),
    Q3_K(11, 256, 110, KQuants::decodeQ3_K, null),
    Q4_K(12, 256, 144, KQuants::decodeQ4_K, KQuants::encodeQ4_K),
    Q5_K(13, 256, 176, KQuants::decodeQ5_K, KQuants::encodeQ5_K),
    Q6_K(14, 256, 210, KQuants::decodeQ6_K, KQuants::encodeQ6_K),
    Q8_K(15, 256, 292, KQuants::decodeQ8_K, null),
    BF16(30, 1, 2, FloatCodecs::decodeBf16, FloatCodecs::encodeBf16);

    /** Decodes {@code blocks} consecutive blocks from the start of {@code src} into the start of {@code dst}. */
    @FunctionalInterface
    interface BlockDecoder {
        void decode(byte[] src, float[] dst, int blocks);
    }

    /** Encodes {@code blocks} consecutive blocks from the start of {@code src} into the start of {@code dst}. */
    @FunctionalInterface
    interface BlockEncoder {
        void encode(float[] src, byte[] dst, int blocks);
    }

    // elements converted per bulk transfer: large enough to amortise the buffer calls, small enough for the cache
    private static final int CHUNK_ELEMENTS = 16384;

    private final int id;
    private final int blockSize;
    private final int typeSize;
    private final BlockDecoder decoder;
    private final BlockEncoder encoder;

    GgmlType(int id, int blockSize, int typeSize, BlockDecoder decoder, BlockEncoder encoder) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** The ggml type id (the {@code type} field of a GGUF tensor info). */
    public int id() {
        return id;
    }

    /** Elements per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    public boolean canQuantize() {
        return encoder != null;
    }

    public static Optional<GgmlType> fromId(int id) {
        for (GgmlType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Bytes taken by {@code elements} values; they must fill whole blocks. */
    public long byteSize(long elements) {
        checkWholeBlocks(elements);
        return elements / blockSize * typeSize;
    }

    /**
     * Converts {@code elements} values from {@code src} (ggml blocks, read from its position) to float32 values
     * put into {@code dst}; both buffers' positions advance.
     */
    public void dequantize(ByteBuffer src, long elements, FloatBuffer dst) {
        checkWholeBlocks(elements);
        int chunkBlocks = Math.max(1, CHUNK_ELEMENTS / blockSize);
        byte[] bytes = new byte[chunkBlocks * typeSize];
        float[] floats = new float[chunkBlocks * blockSize];
        for (long left = elements / blockSize; left > 0; ) {
            int blocks = (int) Math.min(chunkBlocks, left);
            src.get(bytes, 0, blocks * typeSize);
            decoder.decode(bytes, floats, blocks);
            dst.put(floats, 0, blocks * blockSize);
            left -= blocks;
        }
    }

    /**
     * Converts {@code elements} float32 values from {@code src} to ggml blocks put into {@code dst}; both buffers'
     * positions advance.
     *
     * @throws UnsupportedOperationException if this type has no quantiser
     */
    public void quantize(FloatBuffer src, long elements, ByteBuffer dst) {
        if (encoder == null) {
            throw new UnsupportedOperationException("quantizing to ggml type " + this + " is not supported");
        }
        checkWholeBlocks(elements);
        int chunkBlocks = Math.max(1, CHUNK_ELEMENTS / blockSize);
        float[] floats = new float[chunkBlocks * blockSize];
        byte[] bytes = new byte[chunkBlocks * typeSize];
        for (long left = elements / blockSize; left > 0; ) {
            int blocks = (int) Math.min(chunkBlocks, left);
            src.get(floats, 0, blocks * blockSize);
            encoder.encode(floats, bytes, blocks);
            dst.put(bytes, 0, blocks * typeSize);
            left -= blocks;
        }
    }

    private void checkWholeBlocks(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    "ggml type " + this + " stores whole blocks of " + blockSize + " values, got " + elements);
        }
    }
}
