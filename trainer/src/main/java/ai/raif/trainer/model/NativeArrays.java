package ai.raif.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.weights.FloatTensor;
import java.util.Arrays;

/** Filling existing arrays from saved tensors through native memory only, so the Java heap never holds them. */
public final class NativeArrays {
  private NativeArrays() {}

  /**
   * Copies {@code source} (off-heap: a file mapping or a direct buffer) into {@code target}'s own memory, in place;
   * {@code target} keeps its storage, so nothing refers to the source afterwards. Call outside a gradient collector.
   */
  public static void copyInto(NDArray target, FloatTensor source, String what) {
    if (!Arrays.equals(source.shape(), target.getShape().getShape())) {
      throw new IllegalArgumentException(what + " has shape " + Arrays.toString(source.shape()) + ", expected "
          + target.getShape());
    }
    if (target.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(what + ": the target is " + target.getDataType() + ", expected float32");
    }
    try (NDManager scratch = target.getManager().newSubManager()) {
      NDArray saved = scratch.create(source.data(), new Shape(source.shape()), DataType.FLOAT32);
      target.set(new NDIndex("..."), saved);
    }
  }
}
