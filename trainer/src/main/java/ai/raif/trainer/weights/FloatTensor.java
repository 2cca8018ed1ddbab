package ai.raif.trainer.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named float32 tensor whose values live off-heap, ready for {@code NDManager.create(data, shape, FLOAT32)}
 * without a copy (keep the tensor reachable while an NDArray uses its memory). Read {@code data} with absolute
 * gets or through {@link #floats()}: moving its position would break the record's invariant.
 *
 * @param name  the tensor name as stored in the weight file
 * @param shape dimensions in row-major PyTorch/HF order (a Linear weight is [out, in])
 * @param data  a direct little-endian buffer of float32 values, position 0, limit 4 * numel
 */
public record FloatTensor(String name, long[] shape, ByteBuffer data) {

    public FloatTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data of tensor '" + name + "'");
        shape = shape.clone();
        long numel = elementCount(name, shape);
        if (!data.isDirect() || data.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("tensor '" + name + "': data must be a direct little-endian ByteBuffer");
        }
        if (data.position() != 0 || data.limit() != 4 * numel) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs data at position 0 with limit " + 4 * numel + ", got position " + data.position()
                    + " and limit " + data.limit());
        }
    }

    /** A tensor holding a copy of {@code values} in a new direct buffer. */
    public static FloatTensor of(String name, long[] shape, float... values) {
        ByteBuffer data = allocate(name, values.length);
        data.asFloatBuffer().put(values);
        return new FloatTensor(name, shape, data);
    }

    /** A zeroed direct little-endian buffer for {@code numel} float32 values. */
    static ByteBuffer allocate(String name, long numel) {
        checkFitsOneBuffer(name, numel);
        return ByteBuffer.allocateDirect((int) numel * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** ByteBuffers are int-indexed, so one tensor holds at most 2^29 - 1 floats. */
    static void checkFitsOneBuffer(String name, long numel) {
        if (numel > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + numel
                    + " elements; one buffer holds at most " + Integer.MAX_VALUE / 4);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        return elementCount(name, shape);
    }

    public float get(long flatIndex) {
        Objects.checkIndex(flatIndex, numel());
        return data.getFloat((int) (flatIndex * 4));
    }

    /** A new read view of the values (independent position, same memory). */
    public FloatBuffer floats() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** A heap copy of all values; for tests and small tensors. */
    public float[] toArray() {
        float[] values = new float[(int) numel()];
        floats().get(values);
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "FloatTensor[" + name + " " + Arrays.toString(shape) + "]";
    }

    private static long elementCount(String name, long[] shape) {
        long n = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, dim);
        }
        return n;
    }
}
