package ai.raif.jobs.pipeline;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.trainer.checkpoint.PolicyCheckpoint;
import ai.raif.udfs.model.ModelKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's published policies and its trainer state, under {@code train.checkpoint_root/<run_id>/}:
 * {@code policy-v<k>/} is version k as a Hugging Face checkpoint (what iteration k's rollouts sample from; version 0
 * is the configured {@code model.path}), {@code trainer/} the state a crashed training resumes from. A version
 * directory appears by an atomic rename of a finished one, so its presence means it is complete.
 */
public record PolicyVersions(Path root, String initialModel) {
  private static final Pattern VERSION = Pattern.compile("policy-v(\\d+)");

  public static PolicyVersions of(String checkpointRoot, String runId, String initialModel) {
    return new PolicyVersions(Path.of(checkpointRoot).toAbsolutePath().normalize().resolve(runId), initialModel);
  }

  public Path dir(long version) {
    return root.resolve("policy-v" + version);
  }

  public Path trainerState() {
    return root.resolve("trainer");
  }

  public boolean published(long version) {
    return version == 0 || Files.isDirectory(dir(version));
  }

  /** The newest version published for use at {@code iteration} (at most {@code iteration}), as a task's key. */
  public ModelKey policyFor(int iteration) {
    long best = 0;
    if (Files.isDirectory(root)) {
      try (Stream<Path> s = Files.list(root)) {
        for (Path p : s.toList()) {
          Matcher m = VERSION.matcher(p.getFileName().toString());
          if (m.matches() && Files.isDirectory(p)) {
            long v = Long.parseLong(m.group(1));
            if (v <= iteration && v > best) best = v;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
      }
    }
    return keyOf(best);
  }

  public ModelKey keyOf(long version) {
    return ModelKey.policy(root.toString(), version == 0 ? initialModel : dir(version).toString(), version);
  }

  /** Writes {@code model} as version {@code version}: into a scratch directory first, then renamed into place. */
  public Path publish(LanguageModel model, long version) {
    Path target = dir(version);
    Path scratch = root.resolve(".policy-v" + version + ".partial");
    try {
      CheckpointFiles.deleteTree(scratch);
      PolicyCheckpoint.save(model, scratch);
      CheckpointFiles.deleteTree(target);
      Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
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
