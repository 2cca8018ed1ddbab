package ai.raif.trainer.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.weights.FloatTensor;
import ai.raif.trainer.weights.SafetensorsCheckpointWriter;
import ai.raif.trainer.weights.SafetensorsDtype;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A policy's weights as a Hugging Face checkpoint directory: {@code config.json}, {@code model.safetensors} (fp32,
 * sharded above 4 GB with an index), the tokenizer files and {@code generation_config.json}. {@code transformers},
 * vLLM and {@link LanguageModel#load} read it as-is, so every RAIF iteration publishes something users can serve.
 */
public final class PolicyCheckpoint {
  static final long MAX_SHARD_BYTES = 4L << 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyCheckpoint() {}

  /** Writes {@code model}'s current weights into {@code dir} (created if missing); returns the files written. */
  public static List<Path> save(LanguageModel model, Path dir) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      try (NDManager m = model.manager().newSubManager()) {
        List<FloatTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : model.causalLM().parameterViews(m).entrySet()) {
          tensors.add(tensor(e.getKey(), e.getValue()));
        }
        written.addAll(SafetensorsCheckpointWriter.write(dir, tensors, SafetensorsDtype.F32, MAX_SHARD_BYTES));
      }
      Path config = dir.resolve("config.json");
      ObjectNode c = model.config().toHfJson();
      c.put("torch_dtype", "float32");
      model.tokenizer().bosId().ifPresent(id -> c.put("bos_token_id", id));
      model.tokenizer().eosId().ifPresent(id -> c.put("eos_token_id", id));
      Files.writeString(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
      written.add(config);
      model.tokenizer().save(dir);
      written.add(dir.resolve("tokenizer.json"));
      written.add(dir.resolve("tokenizer_config.json"));
      written.add(generationConfig(model, dir));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code model} as the checkpoint directory {@code target}, replacing what is there, so that a reader never
   * sees half of one: the checkpoint goes to a scratch directory of this writer's own beside the target (two writers
   * never share one) and is renamed into place once complete; an old directory is renamed aside first, then deleted.
   * Returns the files written, under {@code target}.
   */
  public static List<Path> saveReplacing(LanguageModel model, Path target) {
    Path scratch = target.resolveSibling("." + target.getFileName() + ".partial-" + UUID.randomUUID());
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
    try {
      List<Path> written = new ArrayList<>();
      for (Path p : save(model, scratch)) written.add(target.resolve(scratch.relativize(p)));
      if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint to " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        CheckpointFiles.deleteTree(scratch);
        CheckpointFiles.deleteTree(old);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean up beside " + target + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every id that stops generation (eos first), so a server that reads the checkpoint stops where we do. */
  private static Path generationConfig(LanguageModel model, Path dir) throws IOException {
    Set<Integer> stops = new LinkedHashSet<>();
    model.tokenizer().eosId().ifPresent(stops::add);
    model.stopTokenIds().stream().sorted().forEach(stops::add);
    ObjectNode g = JSON.createObjectNode();
    model.tokenizer().bosId().ifPresent(id -> g.put("bos_token_id", id));
    ArrayNode eos = g.putArray("eos_token_id");
    stops.forEach(eos::add);
    Path file = dir.resolve("generation_config.json");
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(g));
    return file;
  }

  /** A float32 array as a tensor to write, copied once from native memory (no heap copy: these are large). */
  static FloatTensor tensor(String name, NDArray a) {
    if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
      throw new IllegalArgumentException("tensor '" + name + "' is " + a.getDataType() + ", expected float32");
    }
    java.nio.ByteBuffer data = a.toByteBuffer();
    if (!data.isDirect()) {
      java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(data.remaining());
      direct.put(data).flip();
      data = direct;
    }
    return new FloatTensor(name, a.getShape().getShape(), data.order(java.nio.ByteOrder.LITTLE_ENDIAN));
  }
}
