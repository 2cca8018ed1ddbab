package ai.raif.jobs.pipeline;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.trainer.checkpoint.PolicyCheckpoint;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.udfs.model.ModelKey;
import ai.raif.udfs.storage.LocalCopies;
import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's published policies and its trainer state, under {@code train.checkpoint_root/<run_id>/}:
 * {@code policy-v<k>/} is version k as a Hugging Face checkpoint (what iteration k's rollouts sample from; version 0
 * is the configured {@code model.path}), {@code trainer/} the state a crashed training resumes from.
 *
 * <p>On a local disk a version directory appears by an atomic rename of a finished one, so its presence means it is
 * complete. On shared storage (a FileSystem URI) the driver writes the checkpoint locally, copies it up, and marks it
 * {@link SharedFiles#PUBLISHED published} last; executors load it from a local copy. There, version 0 is a copy of
 * the initial model under {@code policy-v0/} when that model is on the driver's disk (the embedded default model
 * included), so no executor needs it installed.
 */
public record PolicyVersions(StorageRoot root, String initialModel) {
  private static final Pattern VERSION = Pattern.compile("policy-v(\\d+)");

  public static PolicyVersions of(String checkpointRoot, String runId, String initialModel) {
    return new PolicyVersions(StorageRoot.of(StorageRoot.of(checkpointRoot).resolve(runId)), initialModel);
  }

  /** Whether the versions live on shared storage, reached through Hadoop. */
  public boolean shared() {
    return StorageRoot.isUri(root.location());
  }

  /** Where version {@code version}'s checkpoint directory is (or will be). */
  public String dir(long version) {
    return root.resolve("policy-v" + version);
  }

  public TrainerStates trainerState() {
    return new TrainerStates(root.resolve("trainer"));
  }

  public boolean published(long version) {
    if (version == 0) return true;
    return shared() ? SharedFiles.published(dir(version)) : Files.isDirectory(Path.of(dir(version)));
  }

  /** The newest version published for use at {@code iteration} (at most {@code iteration}), as a task's key. */
  public ModelKey policyFor(int iteration) {
    long best = 0;
    for (String name : entries()) {
      Matcher m = VERSION.matcher(name);
      if (m.matches()) {
        long v = Long.parseLong(m.group(1));
        if (v <= iteration && v > best && published(v)) best = v;
      }
    }
    return keyOf(best);
  }

  private List<String> entries() {
    if (shared()) return SharedFiles.list(root.location());
    Path dir = Path.of(root.location());
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      for (Path p : s.toList()) names.add(p.getFileName().toString());
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The key tasks load version {@code version} by; on shared storage, version 0 is shipped there first. */
  public ModelKey keyOf(long version) {
    String path = version == 0 ? initialForTasks() : dir(version);
    return ModelKey.policy(root.toString(), path, version);
  }

  /** The initial model where every executor can read it: as configured, or a copy on shared storage. */
  private String initialForTasks() {
    if (!shared() || StorageRoot.isUri(initialModel)) return initialModel;
    Path local = DefaultModel.resolve(initialModel).toAbsolutePath();
    String target = dir(0);
    boolean directory = Files.isDirectory(local);
    if (!SharedFiles.published(target)) {
      if (directory) SharedFiles.publishDirectory(local, target); else SharedFiles.publishFile(local, target);
    }
    return directory ? target : target + "/" + local.getFileName();
  }

  /**
   * Writes {@code model} as version {@code version}: into a scratch directory first, then renamed into place (on a
   * local disk) or copied up and marked published (on shared storage). Returns where it went.
   */
  public String publish(LanguageModel model, long version) {
    String target = dir(version);
    try {
      if (shared()) {
        Path scratch = LocalCopies.scratchDirectory("publish-");
        try {
          PolicyCheckpoint.save(model, scratch);
          SharedFiles.publishDirectory(scratch, target);
        } finally {
          CheckpointFiles.deleteTree(scratch);
        }
        return target;
      }
      PolicyCheckpoint.saveReplacing(model, Path.of(target));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish policy version " + version + " to " + target + ": "
          + e.getMessage(), e);
    }
  }

  /** For messages: where version {@code v} lives. */
  public String describe(long version) {
    return version == 0 ? initialModel + " (version 0)" : dir(version) + " (version " + version + ")";
  }
}
