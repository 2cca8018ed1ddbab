package ai.raif.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences, preallocated to {@code capacity} slots and filled left to
 * right. All rows share the slot index (each row's sequence ends at the current length), so one slice serves the whole
 * batch; which slots a row may attend to is the caller's mask. Not thread-safe: one cache per generation call.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int capacity;
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

  /**
   * Keeps slots {@code [from, length)} and moves them to end at slot {@code newLength}, which becomes the length, in a
   * cache of {@code newCapacity} slots; the slots before them hold garbage that masks must hide. Drops slots no live
   * row needs, or makes room for a longer prompt.
   */
  public void retain(int from, int newLength, int newCapacity) {
    int kept = length - from;
    if (from < 0 || kept < 0 || newLength < kept || newLength > newCapacity || newCapacity < 1) {
      throw new IllegalArgumentException("cannot keep slots [" + from + ", " + length + ") ending at " + newLength
          + " in a cache of " + newCapacity);
    }
    if (kept > 0 || newCapacity != capacity) {
      NDIndex source = kept > 0 ? new NDIndex().addAllDim().addAllDim().addSliceDim(from, length) : null;
      NDIndex target = new NDIndex().addAllDim().addAllDim().addSliceDim(newLength - kept, newLength);
      for (int i = 0; i < keys.length; i++) {
        keys[i] = copied(keys[i], 2, newCapacity, source, target);
        values[i] = copied(values[i], 2, newCapacity, source, target);
      }
    }
    capacity = newCapacity;
    length = newLength;
  }

  /**
   * Keeps the given rows, in that order, as the first of {@code batch} rows (the others are empty): the batch shrinks
   * when few sequences are left to decode and grows back when more arrive.
   */
  public void keepRows(int[] rows, int batch) {
    long[] index = new long[rows.length];
    for (int i = 0; i < rows.length; i++) index[i] = rows[i];
    try (NDManager scratch = manager.newSubManager()) {
      NDIndex source = rows.length > 0 ? new NDIndex("{}", scratch.create(index)) : null;
      NDIndex target = new NDIndex().addSliceDim(0, rows.length);
      for (int i = 0; i < keys.length; i++) {
        keys[i] = copied(keys[i], 0, batch, source, target);
        values[i] = copied(values[i], 0, batch, source, target);
      }
    }
  }

  /**
   * A zeroed array shaped like {@code old} but with {@code size} along {@code axis}, holding {@code old[source]} at
   * {@code target} (nothing when {@code source} is null); {@code old} is closed.
   */
  private NDArray copied(NDArray old, int axis, long size, NDIndex source, NDIndex target) {
    long[] shape = old.getShape().getShape();
    shape[axis] = size;
    NDArray fresh = manager.zeros(new Shape(shape), DataType.FLOAT32);
    if (source != null) {
      try (NDArray part = old.get(source)) {
        fresh.set(target, part);
      }
    }
    old.close();
    return fresh;
  }

  /** Copies {@code count} slots of row {@code srcRow} of {@code src}, from slot {@code srcFrom}, into row {@code row}. */
  public void copyRow(int row, int at, KvCache src, int srcRow, int srcFrom, int count) {
    if (at + count > capacity) throw new IllegalStateException("KV cache overflow: " + (at + count) + " > " + capacity);
    NDIndex to = new NDIndex().addSliceDim(row, row + 1).addAllDim().addSliceDim(at, at + count);
    NDIndex from = new NDIndex().addSliceDim(srcRow, srcRow + 1).addAllDim().addSliceDim(srcFrom, srcFrom + count);
    for (int i = 0; i < keys.length; i++) {
      try (NDArray k = src.keys[i].get(from); NDArray v = src.values[i].get(from)) {
        keys[i].set(to, k);
        values[i].set(to, v);
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
