package ai.raif.trainer.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An in-memory little-endian byte sink for file headers. */
final class LittleEndianOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void u8(int v) {
        bytes.write(v);
    }

    void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    void u32(int v) {
        u16(v);
        u16(v >>> 16);
    }

    void u64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    /** A GGUF string: uint64 byte length, then UTF-8 bytes. */
    void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u64(utf8.length);
        bytes.writeBytes(utf8);
    }

    void zeros(long n) {
        for (long i = 0; i < n; i++) {
            u8(0);
        }
    }

    long size() {
        return bytes.size();
    }

    ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes.toByteArray());
    }
}
