package ai.raif.trainer.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.raif.trainer.grpo.AdamW;
import ai.raif.trainer.grpo.GradMode;
import ai.raif.trainer.model.NativeArrays;
import ai.raif.trainer.weights.FloatTensor;
import ai.raif.trainer.weights.SafetensorsDtype;
import ai.raif.trainer.weights.SafetensorsFile;
import ai.raif.trainer.weights.SafetensorsWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a trainer needs to continue exactly where it stopped: the policy's parameters, AdamW's moments and step
 * count, and {@link Progress} (where in the run, which data comes next). Each save goes to a fresh
 * {@code step-N/} directory and only then becomes current by an atomic rewrite of {@code LATEST}, so a kill at any
 * moment leaves the previous state intact; older step directories are deleted after the switch.
 *
 * <p>Parameters are stored in the optimizer's order and layout ({@code p.i}, {@code m.i}, {@code v.i}), which is
 * what resuming needs; the Hugging Face checkpoint users load is written separately by {@link PolicyCheckpoint}.
 */
public final class TrainerState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LATEST = "LATEST";

  /**
   * Where training stands.
   *
   * @param iteration the RAIF iteration whose samples are being trained on
   * @param stepsDone optimizer steps finished in this iteration (the data cursor)
   * @param stepsPlanned optimizer steps this iteration takes in total
   * @param optimizerSteps optimizer steps over the whole run (the LR schedule's position)
   * @param dataSeed the seed the iteration's batches were shuffled with (the only randomness in training)
   * @param scheduleSteps optimizer steps the learning-rate schedule spans, fixed when the run first trained, so a run
   *     resumed with other settings keeps its schedule; 0 when not recorded (states saved before it was)
   */
  public record Progress(String runId, int iteration, int stepsDone, int stepsPlanned, long optimizerSteps,
                         long dataSeed, int scheduleSteps) {
    /** Progress with no schedule recorded. */
    public Progress(String runId, int iteration, int stepsDone, int stepsPlanned, long optimizerSteps, long dataSeed) {
      this(runId, iteration, stepsDone, stepsPlanned, optimizerSteps, dataSeed, 0);
    }

    public boolean iterationDone() {
      return stepsDone >= stepsPlanned;
    }

    /** The version the weights hold: iteration i trains version i into version i + 1. */
    public long policyVersion() {
      return iterationDone() ? iteration + 1L : iteration;
    }
  }

  private TrainerState() {}

  /** Writes a new state under {@code root} and makes it the current one. */
  public static void save(Path root, List<NDArray> params, AdamW optimizer, Progress progress) {
    try {
      Files.createDirectories(root);
      Path dir = root.resolve("step-" + progress.optimizerSteps() + "-" + progress.iteration() + "-"
          + progress.stepsDone());
      CheckpointFiles.deleteTree(dir);
      Files.createDirectories(dir);
      // tensors straight from native memory: a 135M model's weights and moments are 1.6 GB, not worth a heap copy
      List<FloatTensor> weights = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) weights.add(PolicyCheckpoint.tensor("p." + i, params.get(i)));
      SafetensorsWriter.write(dir.resolve("weights.safetensors"), weights, SafetensorsDtype.F32);
      weights.clear();
      List<FloatTensor> moments = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        moments.add(PolicyCheckpoint.tensor("m." + i, optimizer.firstMoments().get(i)));
        moments.add(PolicyCheckpoint.tensor("v." + i, optimizer.secondMoments().get(i)));
      }
      SafetensorsWriter.write(dir.resolve("optimizer.safetensors"), moments, SafetensorsDtype.F32);
      Files.writeString(dir.resolve("progress.json"), JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(new Saved(progress, optimizer.steps())));
      Path tmp = root.resolve(LATEST + ".tmp");
      Files.writeString(tmp, dir.getFileName().toString());
      Files.move(tmp, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> old = Files.list(root)) {
        for (Path p : old.filter(p -> p.getFileName().toString().startsWith("step-") && !p.equals(dir)).toList()) {
          CheckpointFiles.deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save trainer state under " + root + ": " + e.getMessage(), e);
    }
  }

  /** The current state's progress, if a state was saved under {@code root}. */
  public static Optional<Progress> progress(Path root) {
    return current(root).map(dir -> read(dir).progress());
  }

  /**
   * Restores parameters and optimizer from the current state under {@code root}.
   *
   * @return its progress, or empty (nothing changed) when no state was saved
   */
  public static Optional<Progress> restore(Path root, List<NDArray> params, AdamW optimizer) {
    Optional<Path> dir = current(root);
    if (dir.isEmpty()) return Optional.empty();
    Saved saved = read(dir.get());
    SafetensorsFile weights = SafetensorsFile.open(dir.get().resolve("weights.safetensors"));
    SafetensorsFile moments = SafetensorsFile.open(dir.get().resolve("optimizer.safetensors"));
    if (weights.names().size() != params.size()) {
      throw new IllegalStateException("trainer state " + dir.get() + " holds " + weights.names().size()
          + " parameters, the model has " + params.size() + " (was it saved for another model?)");
    }
    // file mappings, copied into the arrays one tensor at a time: the heap never holds the state
    List<FloatTensor> w = new ArrayList<>();
    List<FloatTensor> m = new ArrayList<>();
    List<FloatTensor> v = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      w.add(weights.load("p." + i));
      if (!java.util.Arrays.equals(w.get(i).shape(), params.get(i).getShape().getShape())) {
        throw new IllegalStateException("trainer state " + dir.get() + ": parameter " + i + " has shape "
            + java.util.Arrays.toString(w.get(i).shape()) + ", the model's is " + params.get(i).getShape());
      }
      m.add(moments.load("m." + i));
      v.add(moments.load("v." + i));
    }
    optimizer.load(saved.adamSteps(), m, v);
    GradMode.off(() -> {
      for (int i = 0; i < params.size(); i++) {
        NativeArrays.copyInto(params.get(i), w.get(i), "parameter " + i + " of " + dir.get());
      }
    });
    return Optional.of(saved.progress());
  }

  private static Optional<Path> current(Path root) {
    Path latest = root.resolve(LATEST);
    if (!Files.isRegularFile(latest)) return Optional.empty();
    try {
      Path dir = root.resolve(Files.readString(latest).trim());
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(latest + " names " + dir + ", which does not exist");
      }
      return Optional.of(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + latest + ": " + e.getMessage(), e);
    }
  }

  /** The file form: progress plus AdamW's own step count (which skips non-finite steps, so it may differ). */
  record Saved(Progress progress, long adamSteps) {}

  private static Saved read(Path dir) {
    try {
      return JSON.readValue(dir.resolve("progress.json").toFile(), Saved.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trainer progress in " + dir + ": " + e.getMessage(), e);
    }
  }
}
