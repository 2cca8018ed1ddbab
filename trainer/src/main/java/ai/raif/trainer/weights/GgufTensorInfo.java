package ai.raif.trainer.weights;

import java.util.Arrays;

/**
 * A tensor entry of a GGUF file.
 *
 * @param name   tensor name
 * @param dims   dimensions as GGUF stores them: ggml order, dims[0] varies fastest (the reverse of PyTorch order)
 * @param type   storage type
 * @param offset byte offset of the data from the start of the file's data section
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset) {

    public GgufTensorInfo {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The dimensions in PyTorch order: GGUF dims [576, 49152] are shape [49152, 576]. */
    public long[] torchShape() {
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[dims.length - 1 - i];
        }
        return shape;
    }

    public long numel() {
        long n = 1;
        for (long dim : dims) {
            n = Math.multiplyExact(n, dim);
        }
        return n;
    }

    public long byteSize() {
        return type.byteSize(numel());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(dims, t.dims)
                && type == t.type && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "GgufTensorInfo[" + name + " dims=" + Arrays.toString(dims) + " " + type + " @" + offset + "]";
    }
}
