package ai.raif.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences, preallocated to {@code capacity} slots and filled left to
 * right. All rows share the slot index (prompts are left-padded), so one slice serves the whole batch. Not thread-safe:
 * one cache per generation call.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int capacity;
  private int length;

  public KvCache(NDManager parent, ModelConfig c, int batch, int capacity) {
    this.manager = parent.newSubManager();
    this.capacity = capacity;
    Shape shape = new Shape(batch, c.numKvHeads(), capacity, c.headDim());
    keys = new NDArray[c.numLayers()];
    values = new NDArray[c.numLayers()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = manager.zeros(shape, DataType.FLOAT32);
      values[i] = manager.zeros(shape, DataType.FLOAT32);
    }
  }

  /** Slots filled so far. */
  public int length() { return length; }

  public int capacity() { return capacity; }

  void write(int layer, int start, NDArray k, NDArray v) {
    long t = k.getShape().get(2);
    if (start + t > capacity) {
      throw new IllegalStateException("KV cache overflow: " + (start + t) + " slots needed, capacity " + capacity);
    }
    NDIndex slots = new NDIndex().addAllDim().addAllDim().addSliceDim(start, start + t);
    keys[layer].set(slots, k);
    values[layer].set(slots, v);
  }

  NDArray keys(int layer, NDManager into, long upTo) {
    return keys[layer].get(into, new NDIndex().addAllDim().addAllDim().addSliceDim(0, upTo));
  }

  NDArray values(int layer, NDManager into, long upTo) {
    return values[layer].get(into, new NDIndex().addAllDim().addAllDim().addSliceDim(0, upTo));
  }

  void advance(long t) {
    length += (int) t;
  }

  @Override
  public void close() {
    manager.close();
  }
}
