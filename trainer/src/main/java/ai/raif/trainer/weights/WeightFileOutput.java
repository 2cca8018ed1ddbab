package ai.raif.trainer.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Output helpers shared by the weight file writers. */
final class WeightFileOutput {
    private static final int CHUNK_ELEMENTS = 1 << 16; // a multiple of every ggml block size

    @FunctionalInterface
    interface ChannelBody {
        void writeTo(FileChannel channel) throws IOException;
    }

    private WeightFileOutput() {
    }

    /**
     * Writes a file next to {@code target} and renames it over {@code target}, so readers never see a half-written
     * file and tensors still mapped from the old file keep their (unlinked) pages instead of faulting.
     */
    static void replaceAtomically(Path target, ChannelBody body) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                body.writeTo(channel);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // the write itself succeeded or already failed with its own exception; a stray .tmp file is harmless
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Writes the tensor's values converted to {@code type}, a bounded chunk at a time. */
    static void writeEncoded(FileChannel channel, FloatTensor tensor, GgmlType type) throws IOException {
        FloatBuffer values = tensor.floats();
        ByteBuffer chunk = ByteBuffer.allocate((int) type.byteSize(CHUNK_ELEMENTS)).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            chunk.clear();
            type.quantize(values, Math.min(CHUNK_ELEMENTS, values.remaining()), chunk);
            writeFully(channel, chunk.flip());
        }
    }
}
