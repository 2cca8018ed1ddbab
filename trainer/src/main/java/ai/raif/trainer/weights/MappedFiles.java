package ai.raif.trainer.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Memory mappings of weight file regions; I/O failures become UncheckedIOExceptions naming the file. */
final class MappedFiles {
    private MappedFiles() {
    }

    static long size(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.size();
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** A read-only little-endian mapping of {@code length} bytes at {@code offset}. */
    static ByteBuffer readOnly(Path path, long offset, long length) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /**
     * A writable, direct, little-endian view of the region that never writes back to the file: a copy-on-write
     * mapping (pages are shared until written) or, where the file cannot be opened for writing, a copy in a new
     * direct buffer. Writable matters because a model may update its weights in place, and a native write into a
     * read-only mapping would crash the JVM.
     */
    static ByteBuffer copyOnWrite(Path path, long offset, long length) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.PRIVATE, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (FileSystemException e) { // read-only file or file system: copy instead
            ByteBuffer copy = ByteBuffer.allocateDirect(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
            copy.put(readOnly(path, offset, length)).flip();
            return copy;
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    static UncheckedIOException failure(Path path, IOException e) {
        return new UncheckedIOException("cannot access weight file " + path + ": " + e.getMessage(), e);
    }
}
