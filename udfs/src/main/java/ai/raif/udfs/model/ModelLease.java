package ai.raif.udfs.model;

import ai.raif.trainer.LanguageModel;

/** A task's use of a cached model; closing it lets the cache drop a replaced model once no task uses it. */
public final class ModelLease implements AutoCloseable {
  private final ModelKey key;
  private final LanguageModel model;
  private final Runnable onClose;
  private boolean closed;

  ModelLease(ModelKey key, LanguageModel model, Runnable onClose) {
    this.key = key;
    this.model = model;
    this.onClose = onClose;
  }

  public ModelKey key() {
    return key;
  }

  public LanguageModel model() {
    if (closed) throw new IllegalStateException("lease on " + key + " is closed");
    return model;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
