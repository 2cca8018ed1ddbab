package ai.raif.jobs.pipeline;

import ai.djl.ndarray.NDArray;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.trainer.checkpoint.TrainerState;
import ai.raif.trainer.grpo.AdamW;
import ai.raif.udfs.storage.LocalCopies;
import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's {@link TrainerState} at {@code location}: a local directory used as it is, or a directory on shared storage
 * kept through a local mirror. There a save is written to the mirror, its {@code step-N/} directory copied up, and
 * only then the shared {@code LATEST} rewritten (one small PUT), so a driver that dies at any moment leaves the
 * previous state readable by the next driver, wherever it runs; a read downloads the current step when the mirror
 * does not hold it.
 */
public record TrainerStates(String location) {
  private static final String LATEST = "LATEST";

  private boolean shared() {
    return StorageRoot.isUri(location);
  }

  public Optional<TrainerState.Progress> progress() {
    return local().flatMap(TrainerState::progress);
  }

  public Optional<TrainerState.Progress> restore(List<NDArray> params, AdamW optimizer) {
    return local().flatMap(dir -> TrainerState.restore(dir, params, optimizer));
  }

  public void save(List<NDArray> params, AdamW optimizer, TrainerState.Progress progress) {
    if (!shared()) {
      TrainerState.save(Path.of(location), params, optimizer, progress);
      return;
    }
    Path mirror = mirror();
    TrainerState.save(mirror, params, optimizer, progress);
    String step = latest(mirror);
    SharedFiles.delete(location + "/" + step);
    SharedFiles.upload(mirror.resolve(step), location + "/" + step);
    SharedFiles.writeString(location + "/" + LATEST, step);
    for (String name : SharedFiles.list(location)) {
      if (name.startsWith("step-") && !name.equals(step)) SharedFiles.delete(location + "/" + name);
    }
  }

  /** A local directory holding the current state (empty when none was saved), downloaded when shared. */
  private Optional<Path> local() {
    if (!shared()) return Optional.of(Path.of(location));
    String latest = location + "/" + LATEST;
    if (!SharedFiles.exists(latest)) return Optional.empty();
    String step = SharedFiles.readString(latest).trim();
    Path mirror = mirror();
    try {
      if (!Files.isRegularFile(mirror.resolve(LATEST)) || !latest(mirror).equals(step)
          || !Files.isDirectory(mirror.resolve(step))) {
        CheckpointFiles.deleteTree(mirror);
        Files.createDirectories(mirror);
        SharedFiles.download(location + "/" + step, mirror.resolve(step));
        Files.writeString(mirror.resolve(LATEST), step);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mirror the trainer state " + location + " in " + mirror + ": "
          + e.getMessage(), e);
    }
    return Optional.of(mirror);
  }

  /** The local mirror of a shared state: one directory per location in the local cache. */
  private Path mirror() {
    return LocalCopies.mirrorOf(location);
  }

  private static String latest(Path dir) {
    try {
      return Files.readString(dir.resolve(LATEST)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(LATEST) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return location;
  }
}
