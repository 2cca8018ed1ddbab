package ai.raif.udfs.model;

import ai.raif.trainer.LanguageModel;
import ai.raif.udfs.storage.LocalCopies;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The "load the model once per executor" layer (what DJL's Spark extension would give): one loaded model per JVM
 * per {@link ModelKey#slot() slot}, shared read-only by every task thread, loaded lazily by the first task that needs it. A task
 * carrying a newer policy version replaces the loaded one; the old model is closed when its last lease ends, so a
 * task still generating with it is never pulled from under. A task with an older version than the loaded one is an
 * error: it would silently generate with the wrong weights. Policies of different runs share one slot's memory:
 * a task of another run retires the current run's policy the same way.
 *
 * <p>A model on shared storage (a URI) is loaded from its {@link LocalCopies local copy}, made once per executor; a
 * retired model's copy is deleted when the model is closed.
 */
public final class ExecutorModels {
  private static final ExecutorModels SHARED = new ExecutorModels(Models::load);

  private final Function<String, LanguageModel> loader;
  private final Map<String, Entry> current = new HashMap<>();
  private int loads;

  ExecutorModels(Function<String, LanguageModel> loader) {
    this.loader = loader;
  }

  /** The JVM-wide cache used by Spark tasks. */
  public static ExecutorModels shared() {
    return SHARED;
  }

  /** A model for {@code key}; close the lease when the task is done with it. */
  public ModelLease acquire(ModelKey key) {
    Entry e;
    Entry replaced = null;
    synchronized (this) {
      e = current.get(key.slot());
      if (e != null && e.key.policyVersion() > key.policyVersion()) {
        throw new IllegalStateException("task asks for " + key.path() + " policy version " + key.policyVersion()
            + " but this executor already serves version " + e.key.policyVersion() + " (" + e.key.path() + ")");
      }
      if (e != null && e.key.policyVersion() == key.policyVersion() && !e.key.path().equals(key.path())) {
        throw new IllegalStateException("task asks for " + key.path() + " as policy version " + key.policyVersion()
            + " but this executor serves that version from " + e.key.path());
      }
      if (e == null || e.key.policyVersion() < key.policyVersion()) {
        Entry old = e;
        if (old == null && key.isPolicy()) {
          // one run's policy at a time: a run that moved on (a finished test, an evaluation) does not pin its weights
          for (Entry other : List.copyOf(current.values())) {
            if (other.key.isPolicy()) old = current.remove(other.key.slot());
          }
        }
        e = new Entry(key);
        current.put(key.slot(), e);
        if (old != null) {
          old.retired = true;
          if (old.leases == 0) replaced = old;
        }
      }
      e.leases++;
    }
    if (replaced != null) retire(replaced);
    Entry leased = e;
    try {
      return new ModelLease(key, leased.model(loader, this), () -> release(leased));
    } catch (RuntimeException ex) {
      release(leased);
      synchronized (this) {
        if (current.get(key.slot()) == leased) current.remove(key.slot());
      }
      throw ex;
    }
  }

  /** Models loaded by this cache so far (a test and metrics hook: it should be one per slot and version). */
  public synchronized int loads() {
    return loads;
  }

  private synchronized void countLoad() {
    loads++;
  }

  private void release(Entry e) {
    boolean close;
    synchronized (this) {
      e.leases--;
      close = e.leases == 0 && e.retired;
    }
    if (close) retire(e);
  }

  /** Frees a retired model, and its local copy unless a current entry loads the same location (another slot). */
  private void retire(Entry e) {
    if (e.loaded != null) e.loaded.close();
    boolean shared;
    synchronized (this) {
      shared = current.values().stream().anyMatch(other -> other.key.path().equals(e.key.path()));
    }
    if (!shared) LocalCopies.evict(e.key.path());
  }

  /** One loaded model; loading happens outside the cache lock so other paths are not blocked. */
  private static final class Entry {
    final ModelKey key;
    int leases;
    boolean retired;
    volatile LanguageModel loaded;

    Entry(ModelKey key) {
      this.key = key;
    }

    LanguageModel model(Function<String, LanguageModel> loader, ExecutorModels owner) {
      LanguageModel m = loaded;
      if (m != null) return m;
      synchronized (this) {
        if (loaded == null) {
          TorchThreads.configureOnce();
          loaded = loader.apply(key.path());
          owner.countLoad();
        }
        return loaded;
      }
    }
  }
}
