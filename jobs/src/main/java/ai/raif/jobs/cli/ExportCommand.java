package ai.raif.jobs.cli;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.checkpoint.PolicyCheckpoint;
import ai.raif.udfs.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes a model (e.g. the embedded GGUF) as a Hugging Face checkpoint directory that transformers and vLLM load,
 * whole ({@link PolicyCheckpoint#saveReplacing}); an existing checkpoint is replaced only when asked.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the model as a Hugging Face checkpoint directory (config.json, model.safetensors, tokenizer).")
final class ExportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Option(names = "--replace", description = "replace a directory that --out already holds (by renames, once the new "
      + "checkpoint is complete)") boolean replace;

  @Override
  public Integer call() throws IOException {
    Path target = out.toAbsolutePath().normalize();
    boolean occupied = Files.exists(target) && !isEmptyDirectory(target);
    if (occupied && !replace) {
      throw new IllegalArgumentException("--out " + target + " already exists and is not empty: choose another "
          + "directory, or add --replace to swap it for the new checkpoint");
    }
    try (LanguageModel lm = Models.load(common.config().model().path())) {
      for (Path p : PolicyCheckpoint.saveReplacing(lm, target)) System.out.println(p);
    }
    return 0;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
