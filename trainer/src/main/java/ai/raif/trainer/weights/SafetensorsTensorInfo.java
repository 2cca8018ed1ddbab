package ai.raif.trainer.weights;

import java.util.Arrays;

/**
 * A tensor entry of a safetensors header.
 *
 * @param name  tensor name
 * @param dtype stored dtype
 * @param shape dimensions, row-major (PyTorch order)
 * @param begin byte offset of the data from the start of the data section (after the header)
 * @param end   end offset (exclusive), relative like {@code begin}
 */
public record SafetensorsTensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    public SafetensorsTensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        long n = 1;
        for (long dim : shape) {
            n = Math.multiplyExact(n, dim);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsTensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "SafetensorsTensorInfo[" + name + " " + dtype + " " + Arrays.toString(shape) + " @" + begin + ".." + end + "]";
    }
}
